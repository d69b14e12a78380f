"""Build the site: `python build.py [build|check|serve|diff|add-source] [options]` (see README)."""

import sys
from pathlib import Path

try:
    from sitegen.cli import main
except ModuleNotFoundError as missing:  # run outside the project's environment: say how to set it up
    sys.exit(f"Thiếu thư viện {missing.name}: hãy chạy `make site` (cài môi trường .venv) rồi dùng "
             f"`.venv/bin/python build.py`.\nMissing library {missing.name}: run `make site` (it sets up "
             f".venv), then use `.venv/bin/python build.py`.")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], Path(__file__).resolve().parent))
