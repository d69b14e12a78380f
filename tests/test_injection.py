"""Text from data and stories never runs as code in a reader's browser."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import make_project
from sitegen import pipeline
from sitegen.config import Config

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)></script>'


class _Tags(HTMLParser):
    """Collects any element a reader's browser would run: scripts (but JSON-LD and our own files), handlers, images."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        ours = attrs.get("src") in ("/assets/search.js", "/assets/share.js", "/assets/embed.js")
        if tag == "script" and attrs.get("type") != "application/ld+json" and not ours or tag == "img":
            self.bad.append(tag)
        self.bad += [name for name in attrs if name.startswith("on")]


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def test_markup_in_every_text_field_comes_out_escaped(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    data = project / "data"
    source = data / "sources" / "alpha.txt"
    source.write_text(source.read_text(encoding="utf-8") + f"Trích dẫn {EVIL} đạt 10%.\n", encoding="utf-8")

    def provinces(items):
        items[0]["name"] = {"vi": f"Alpha {EVIL}", "en": f"Alpha {EVIL}"}
    _edit_yaml(data / "provinces.yaml", provinces)

    def indicators(doc):
        doc["pillars"][0]["label"] = {"vi": EVIL, "en": EVIL}
        for item in doc["indicators"]:
            item["label"] = {"vi": f"Nhãn {EVIL}", "en": f"Label {EVIL}"}
            item["definition"] = {"vi": EVIL, "en": EVIL}
    _edit_yaml(data / "indicators.yaml", indicators)

    def observations(items):
        items[0]["note"] = {"vi": EVIL, "en": EVIL}
        items.append({**items[0], "as_of": "2023", "value": 10, "quote": f"Trích dẫn {EVIL} đạt 10%"})
    _edit_yaml(data / "observations" / "alpha.yaml", observations)

    def sources(items):
        items[0]["title"] = f"Title {EVIL}"
        items[0]["published_note"] = {"vi": EVIL, "en": EVIL}
        items[0]["sha256"] = hashlib.sha256(source.read_bytes()).hexdigest()  # the archive grew a sentence
    _edit_yaml(data / "sources.yaml", sources)

    def events(items):
        items[0]["title"] = {"vi": EVIL, "en": EVIL}
    _edit_yaml(data / "events.yaml", events)

    story = project / "content" / "stories" / "online.en.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("title: Dossiers online", f"title: '{EVIL}'")
                     .replace("summary: Beta leads.", f"summary: '{EVIL}'"), encoding="utf-8")

    pipeline.build(Config.at(project))
    site = project / "site"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        tags = _Tags()
        tags.feed(html)
        assert tags.bad == [], (page, tags.bad)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            json.loads(block)  # the data survives </script> inside it and still parses
    drawn = re.findall(r"<svg.*?</svg>", (site / "en/indicators/online-dossier-rate/index.html").read_text(
        encoding="utf-8"), re.S)
    assert drawn and all("<script" not in svg and "<img" not in svg for svg in drawn)
    story_html = (site / "en/stories/online/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in story_html
    for feed in (site / "en/feed.xml", site / "sitemap.xml"):
        assert "<script>" not in feed.read_text(encoding="utf-8")
