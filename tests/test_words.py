"""The words readers see: no source id, file name or data key; every abbreviation explained."""

from __future__ import annotations

from pathlib import Path

import yaml
from markupsafe import escape

from conftest import SAMPLE, make_project
from sitegen import pipeline
from sitegen.checks import rendered as pages
from sitegen.config import Config


def test_the_sample_site_shows_no_id_file_name_or_key_and_explains_every_abbreviation(real_site: Path) -> None:
    """The rules `check` runs (checks/pages.py), on the sample site as built: nothing to report."""
    project = real_site.parent
    _, model, problems = pipeline.load(Config.at(project))
    files = {p.relative_to(real_site).as_posix(): p.read_bytes() for p in real_site.rglob("*.html")}
    assert not problems and model is not None
    assert list(pages.leaks(model, files, project)) == []
    assert list(pages.glossary(model, files, project)) == []


def test_a_leaked_id_is_found_in_visible_text_only() -> None:
    page = pages.Page('<p>From bk-2025-push</p><pre>bk-2025-push</pre><a href="/x/" title="a.yaml">x</a>')
    assert "bk-2025-push" in page.visible and page.visible.count("bk-2025-push") == 1 and "a.yaml" in page.visible


def test_an_abbreviation_written_in_no_file_is_put_at_the_glossary(tmp_path: Path) -> None:
    """Text the templates make (no story or data line writes it): the problem sits where the fix goes."""
    project = make_project(tmp_path)
    _, model, problems = pipeline.load(Config.at(project))
    assert not problems and model is not None
    found = list(pages.glossary(model, {"made/index.html": b"<p>The ZQX index</p>"}, project))
    assert [(p.path, p.line, p.col) for p in found] == [("content/glossary.yaml", 1, 1)]
    assert found[0].message.startswith("made/index.html shows the abbreviation ZQX,")


def test_every_quote_from_a_vietnamese_article_has_our_english_translation() -> None:
    from sitegen.model import loader
    dataset, problems = loader.load(SAMPLE)
    assert problems == []
    records = [*dataset.observations, *dataset.targets.values(), *dataset.events.values()]
    untranslated = [f"{r.at('quote')[0]}:{r.at('quote')[1]}" for r in records
                    if dataset.sources[r.source].language != "en" and not r.quote_en]
    assert untranslated == []


def test_the_glossary_page_defines_every_entry_in_both_languages(real_site: Path) -> None:
    entries = yaml.safe_load((SAMPLE / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    for prefix in ("", "en/"):
        page = (real_site / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
        assert page.count("<dt ") == len(entries)
        assert all(f"<dfn>{escape(e['term'])}</dfn>" in page for e in entries)


def test_card_titles_wrap_by_estimated_width_and_stop_at_the_line_limit() -> None:
    from sitegen.render.environment import lines

    title = "Lượt khai thác Cơ sở dữ liệu dân cư thành công trong tổng số lượt tra cứu " * 3
    split = lines(title, 1040, 64)
    assert len(split) == 4 and split[-1].endswith("…")
    assert all(len(line) <= 34 for line in split)
    assert lines("Total clinics", 1040, 64) == ["Total clinics"]


def test_every_page_says_when_its_data_last_changed(real_site: Path) -> None:
    from sitegen.read import content
    story = next(s for s in content.load_stories(SAMPLE, [], "stories") if s.lang == "vi")
    for page in sorted(real_site.rglob("*.html")):
        if "embed" not in page.parts:
            assert '<time datetime="' in page.read_text(encoding="utf-8"), page
    html = (real_site / "stories" / story.key / "index.html").read_text(encoding="utf-8")
    assert f'<time datetime="{story.date.isoformat()}">' in html
