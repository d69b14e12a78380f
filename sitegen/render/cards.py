"""Social cards: the image a page shows when it is shared, drawn from templates/card.svg."""

from __future__ import annotations

from jinja2 import Environment

from sitegen.model.pages import Page
from sitegen.model.sitemodel import Model
from sitegen.render.environment import page as render
from sitegen.render.memo import Memo


def cards(model: Model, pages: list[Page], env: Environment, memo: Memo | None = None) -> dict[str, str]:
    """The social card of every shared page (see `Page.is_shared`), as SVG, by the file its JPEG is
    written to; the preview's memo keeps each card as long as its page's inputs are unchanged."""
    colours = [p.colour.light for p in model.data.provinces.values() if p.kind == "province"]

    def card(page: Page) -> str:
        kept = memo.get(page.card, page.lang, page.template) if memo else None
        if kept is not None:
            return kept.decode("utf-8")
        svg = render(env, "card.svg", {
            "lang": page.lang, "colours": colours, "title": page.title,
            "comparison": model.comparisons[page.context["indicator"].id] if "indicator" in page.context else None,
            "kicker": model.text.title(page.lang) if page.path else "",
            "footer": model.text.strings["card_footer"](page.lang)})
        if memo is not None:
            memo.put(page.card, page.lang, page.template, svg.encode("utf-8"))
        return svg
    return {page.card: card(page) for page in pages if page.is_shared}
