"""Build the site: `python build.py [build|check|serve] [options]` (see README)."""

import sys
from pathlib import Path

from sitegen.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], Path(__file__).resolve().parent))
