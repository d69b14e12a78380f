"""A minimal reproduction, for vl-convert's maintainers, of why drawing text costs so much system time.

    .venv/bin/python bench/font_reopen.py [--glyphs N]

vl-convert (through usvg/fontdb) opens, maps and closes a registered font file again for every glyph
it measures or outlines, instead of keeping it open. This draws one SVG with N characters of text
with a registered font, twice as many, and the same picture without text, and prints the time per
glyph and the share of it spent in the kernel. Where `strace` is installed it also counts the
`openat` calls on the font file. Nothing here depends on the site: only vl-convert and one font.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FONTS = Path(__file__).resolve().parents[1] / "sitegen" / "fonts"
FAMILY = "Be Vietnam Pro"


def svg(glyphs: int) -> str:
    line = "Chuyển đổi số Bắc Kạn Bắc Ninh "
    text = (line * (glyphs // len(line) + 1))[:glyphs]
    rows = [text[n:n + 60] for n in range(0, len(text), 60)]
    body = "".join(f'<text x="10" y="{30 + 30 * n}" font-size="20">{row}</text>' for n, row in enumerate(rows))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="{40 + 30 * len(rows)}">'
            f'<rect width="100%" height="100%" fill="#fff"/><g font-family="{FAMILY}">{body}</g></svg>')


def measure(source: str, runs: int = 20) -> tuple[float, float]:
    """Wall and kernel seconds per conversion to PNG."""
    import vl_convert as vlc

    vlc.svg_to_png(source, scale=1)
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    for _ in range(runs):
        vlc.svg_to_png(source, scale=1)
    after = resource.getrusage(resource.RUSAGE_SELF)
    return (time.perf_counter() - started) / runs, (after.ru_stime - before.ru_stime) / runs


def opens(glyphs: int) -> int | None:
    """openat calls on the font file for one conversion, counted by strace, if it is installed."""
    if not shutil.which("strace"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "one.py"
        script.write_text("import sys, vl_convert as v\nv.register_font_directory(sys.argv[1])\n"
                          f"v.svg_to_png({svg(glyphs)!r}, scale=1)\n", encoding="utf-8")
        done = subprocess.run(["strace", "-f", "-e", "trace=openat", sys.executable, str(script), str(FONTS)],
                              capture_output=True, text=True, check=False)
    return sum(1 for line in done.stderr.splitlines() if ".ttf" in line and str(FONTS) in line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glyphs", type=int, default=300)
    glyphs = parser.parse_args().glyphs
    import vl_convert as vlc

    vlc.register_font_directory(str(FONTS))
    print(f"vl-convert-python {vlc.__version__}, {platform.system()} {platform.machine()}, Python "
          f"{platform.python_version()}; font {FAMILY} registered with register_font_directory")
    empty_wall, empty_sys = measure(svg(0))
    for count in (glyphs, 2 * glyphs):
        wall, kernel = measure(svg(count))
        per = (wall - empty_wall) / count * 1e6
        print(f"{count} glyphs: {wall * 1000:.1f} ms per PNG ({empty_wall * 1000:.1f} ms without text); "
              f"{per:.0f} µs per glyph, {(kernel - empty_sys) / max(wall - empty_wall, 1e-9):.0%} of it in the kernel")
    counted = opens(glyphs)
    if counted is not None:
        print(f"openat calls on the font file for one PNG of {glyphs} glyphs: {counted}")


if __name__ == "__main__":
    main()
