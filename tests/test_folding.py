"""Vietnamese folded for search: the query in the browser, and the text as the indexer sees it."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from sitegen.render.search import fold, for_index

VIETNAMESE = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
SAMPLES = ["Định danh điện tử", "Bắc Kạn", "dịch vụ công trực tuyến", "ĐIỆN TỬ", "Hồ sơ trực tuyến Bắc Ninh",
           "Chuyển đổi số", "Online dossier rate 92.24%", VIETNAMESE, VIETNAMESE.upper()]


@pytest.mark.parametrize(("text", "folded"), [
    ("Định danh điện tử", "Dinh danh dien tu"), ("Bắc Kạn", "Bac Kan"), ("ĐỒNG ĐỀU", "DONG DEU"),
    ("dịch vụ công trực tuyến", "dich vu cong truc tuyen"), ("ư ơ ă â ê ô", "u o a a e o"),
    ("Online dossier rate 92.24%", "Online dossier rate 92.24%"), ("", "")])
def test_fold_drops_every_mark_and_writes_d_for_the_crossed_d(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_vietnamese_letter_folds_to_a_bare_latin_letter() -> None:
    assert fold(VIETNAMESE).isascii() and fold(VIETNAMESE.upper()).isascii()
    assert fold(unicodedata.normalize("NFD", VIETNAMESE)) == fold(VIETNAMESE)  # either normal form


def test_the_indexed_copy_spells_d_with_a_dot_that_folds_as_the_query_does() -> None:
    assert for_index("Định danh điện tử") == "Ḍịnh danh ḍiện tử"
    # Pagefind folds what it indexes by dropping combining marks; ḍ is d plus one, đ is a letter of its own.
    assert unicodedata.normalize("NFD", "ḍḌ") == "d\u0323D\u0323"
    assert unicodedata.normalize("NFD", "đĐ") == "đĐ"


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " .,%0123456789"))
def test_folding_the_indexed_copy_gives_the_folded_text(text: str) -> None:
    assert fold(for_index(text)) == fold(text)
    assert "đ" not in for_index(text).lower()


def test_the_browser_folds_queries_and_restores_the_text_exactly_as_python_does() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node (make test installs the npm tools)")
    script = ("const m = await import(process.argv[1]); const samples = JSON.parse(process.argv[2]);"
              "console.log(JSON.stringify(samples.map(s => [m.fold(s), m.shown(s)])));")
    asset = (ROOT / "templates" / "assets" / "search.js").as_uri()
    indexed = [for_index(s) for s in SAMPLES]
    out = subprocess.run([node, "--no-warnings", "--input-type=module", "-e", script, asset, json.dumps(indexed)],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    got = json.loads(out)
    assert [g[0] for g in got] == [fold(s) for s in SAMPLES]  # the query side folds as the index side
    assert [g[1] for g in got] == [unicodedata.normalize("NFC", s) for s in SAMPLES]  # ḍ shown as đ again
