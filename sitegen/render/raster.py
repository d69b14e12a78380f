"""Raster cards: a social card's SVG (templates/card.svg) painted with Pillow and encoded as JPEG.

The card is rectangles and left-aligned lines of text on a white ground, so a painter of those two
shapes draws it, with its fonts held in memory (the SVG renderer reopened the font file for every
glyph). Encoding is most of a card's cost: a 1200×630 PNG takes about 25 ms, a JPEG at quality 90
about 7. Chroma is kept at full resolution (no subsampling), so the coloured bars and the grey text
keep sharp edges. The same SVG gives the same bytes: Pillow's encoder has no clock and no randomness.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).parents[1] / "fonts"
# The SVG renderer matched every weight to the family's one face, "Be Vietnam Pro" (the SemiBold file
# names its own family): the cards have always been drawn in the regular face, and keep that look.
FONT = FONTS / "BeVietnamPro-Regular.ttf"
QUALITY = 90
_NS = "{http://www.w3.org/2000/svg}"


def paint(svg: str) -> bytes:
    """The card as JPEG bytes: its rects and texts painted in document order."""
    root = ElementTree.fromstring(svg)
    image = Image.new("RGB", (int(root.get("width", "1200")), int(root.get("height", "630"))), "#ffffff")
    _paint(ImageDraw.Draw(image), root, {"fill": "#000000", "font-size": "16"})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY, subsampling=0)
    return out.getvalue()


def _paint(draw: ImageDraw.ImageDraw, element: ElementTree.Element, inherited: dict[str, str]) -> None:
    for child in element:
        tag = child.tag.removeprefix(_NS)
        style = {**inherited, **{k: v for k, v in child.attrib.items() if k in ("fill", "font-size")}}
        if tag == "g":
            _paint(draw, child, style)
        elif tag == "rect":
            x, y = float(child.get("x", "0")), float(child.get("y", "0"))
            width, height = float(child.get("width", "0")), float(child.get("height", "0"))
            draw.rectangle((x, y, x + width - 1, y + height - 1), fill=style["fill"])
        elif tag == "text":
            font = _font(float(style["font-size"]))
            draw.text((float(child.get("x", "0")), float(child.get("y", "0"))), child.text or "",
                      fill=style["fill"], font=font, anchor="ls")
        else:  # a card template drawing anything else needs this painter taught first
            raise ValueError(f"templates/card.svg: the card painter draws rect, text and g, not <{tag}>")


@functools.cache
def _font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)
