"""The files that tell other programs about the site: sitemap, robots.txt, the stories' and the corrections' feeds."""

from __future__ import annotations

from jinja2 import Environment

from sitegen.model import corrections
from sitegen.model.dataset import Dataset
from sitegen.model.pages import Page
from sitegen.read.content import Story
from sitegen.render.environment import page as render
from sitegen.urls import LANGS, edition


def discovery(env: Environment, pages: list[Page], stories: list[Story], data: Dataset) -> dict[str, bytes]:
    """sitemap.xml, robots.txt, and per language an Atom feed of the stories and one of the corrections."""
    listed = [p for p in pages if not p.is_embed and p.path != "404.html"]
    out = {"sitemap.xml": render(env, "sitemap.xml", {"lang": LANGS[0], "site_pages": listed}),
           "robots.txt": render(env, "robots.txt", {"lang": LANGS[0]})}
    fixed = corrections.entries(data)
    for lang in LANGS:
        out[edition("feed.xml", lang)] = render(env, "feed.xml", {"lang": lang, "stories": [
            s for s in stories if s.lang == lang]})
        out[edition("corrections/feed.xml", lang)] = render(env, "corrections.xml", {"lang": lang,
                                                                                    "corrections": fixed})
    return {name: body.encode("utf-8") for name, body in out.items()}
