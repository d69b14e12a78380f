"""The site's files besides its pages: social cards, sitemap, robots.txt, feeds and assets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import Environment

from sitegen.config import Config
from sitegen.i18n import LANGS
from sitegen.model.pages import Page
from sitegen.read.content import Story
from sitegen.render import environment as render

if TYPE_CHECKING:
    from sitegen.pipeline import Model


def cards(model: Model, pages: list[Page], env: Environment) -> dict[str, str]:
    """The social card of every page (embeds excepted), as SVG from templates/card.svg, by file."""
    colours = [p.colour.light for p in model.data.provinces.values() if p.kind == "province"]
    return {page.card: render.page(env, "card.svg", {
        "lang": page.lang, "colours": colours, "title": page.title,
        "figures": model.comparisons[page.context["indicator"].id].figures if "indicator" in page.context else {},
        "kicker": model.text.title(page.lang) if page.path else "",
        "footer": model.text.strings["card_footer"](page.lang)}) for page in pages if not page.is_embed}


def discovery(env: Environment, pages: list[Page], stories: list[Story]) -> dict[str, bytes]:
    """sitemap.xml, robots.txt and an Atom feed of stories per language."""
    listed = [p for p in pages if not p.is_embed and p.path != "404.html"]
    out = {"sitemap.xml": render.page(env, "sitemap.xml", {"lang": "vi", "site_pages": listed}),
           "robots.txt": render.page(env, "robots.txt", {"lang": "vi"})}
    for lang in LANGS:
        mine = [s for s in stories if s.lang == lang]
        name = ("en/" if lang == "en" else "") + "feed.xml"
        out[name] = render.page(env, "feed.xml", {"lang": lang, "stories": mine})
    return {name: body.encode("utf-8") for name, body in out.items()}


def assets(config: Config, env: Environment) -> dict[str, bytes]:
    """Everything under templates/assets/: stylesheets rendered as templates, the rest as it is."""
    out = {}
    folder = config.root / "templates" / "assets"
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(config.root / "templates").as_posix()
            out[name] = (render.page(env, name, {"lang": "vi"}).encode("utf-8") if path.suffix == ".css"
                         else path.read_bytes())
    return out
