"""Glossary terms are linked where a reader first meets them, in stories and indicator definitions."""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.render import glossing, stories
from sitegen.render.glossing import Gloss

GLOSSES = (Gloss("DTI", "/glossary/#dti", "Chỉ số chuyển đổi số cấp tỉnh"),
           Gloss("PAR INDEX", "/glossary/#par-index", "Chỉ số cải cách hành chính"),
           Gloss("PAR", "/glossary/#par", "Cải cách hành chính"))


def test_the_first_use_of_each_term_is_linked_and_later_ones_are_not() -> None:
    html = str(glossing.first_uses("DTI và PAR INDEX; DTI lần hai, PAR <b>", GLOSSES))
    assert html == ('<a class="gloss" href="/glossary/#dti" title="Chỉ số chuyển đổi số cấp tỉnh">DTI</a> và '
                    '<a class="gloss" href="/glossary/#par-index" title="Chỉ số cải cách hành chính">PAR INDEX</a>; '
                    'DTI lần hai, <a class="gloss" href="/glossary/#par" title="Cải cách hành chính">PAR</a> &lt;b&gt;')


def test_a_term_inside_a_word_is_not_a_use() -> None:
    assert "gloss" not in str(glossing.first_uses("DTIX và ADTI", GLOSSES))


def test_in_a_story_headings_links_and_quotes_keep_the_term_as_written() -> None:
    body = ("## DTI là gì\n\n> Bài báo viết DTI.\n\nXem [DTI](https://example.org/) và `DTI`.\n\n"
            "Tỉnh đứng thứ 7 về **DTI** năm 2022; DTI năm 2023 chưa có.\n")
    html = stories._to_html((body, GLOSSES))
    assert html.count('class="gloss"') == 1
    assert '<strong><a class="gloss" href="/glossary/#dti" title="Chỉ số chuyển đổi số cấp tỉnh"' in html
    assert "DTI năm 2023" in html and "<h2>DTI là gì</h2>" in html


def test_a_story_may_not_give_its_own_links_the_glossary_class() -> None:
    html = stories._to_html(('<a class="gloss x" href="/a/">a</a> and <a class="other" href="/b/">b</a>', ()))
    assert 'class="other"' not in html and 'class="gloss x"' not in html


def test_the_built_site_links_first_uses_to_entries_that_exist(real_site: Path) -> None:
    story = (real_site / "stories" / "e-id" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<a class="gloss" href="/glossary/#([^"]+)"[^>]*>([^<]+)</a>', story)
    assert ("vneid", "VNeID") in linked and len(linked) == len(set(linked))
    glossary = (real_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="{anchor}"' in glossary for anchor, _ in linked)
    english = (real_site / "en" / "stories" / "e-id" / "index.html").read_text(encoding="utf-8")
    assert '<a class="gloss" href="/en/glossary/#vneid"' in english
    indicator = (real_site / "indicators" / "qr-clinics" / "index.html").read_text(encoding="utf-8")
    assert '<a class="gloss" href="/glossary/#bhyt" title="Bảo hiểm y tế">BHYT</a>' in indicator
