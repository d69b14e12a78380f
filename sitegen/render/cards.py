"""Social cards: the image a page shows when it is shared, drawn from templates/card.svg."""

from __future__ import annotations

from jinja2 import Environment

from sitegen.model.pages import Page
from sitegen.model.sitemodel import Model
from sitegen.render.environment import page as render


def cards(model: Model, pages: list[Page], env: Environment) -> dict[str, str]:
    """The social card of every shared page (see `Page.is_shared`), as SVG, by the file its JPEG is written to."""
    colours = [p.colour.light for p in model.data.provinces.values() if p.kind == "province"]
    return {page.card: render(env, "card.svg", {
        "lang": page.lang, "colours": colours, "title": page.title,
        "comparison": model.comparisons[page.context["indicator"].id] if "indicator" in page.context else None,
        "kicker": model.text.title(page.lang) if page.path else "",
        "footer": model.text.strings["card_footer"](page.lang)}) for page in pages if page.is_shared}
