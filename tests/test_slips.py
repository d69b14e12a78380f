"""Slips a reporter makes, each told as what it is, where it is, with what to write instead: layout
slips in YAML (not "a colon in the text", not "a duplicate key"), and the parsers' English retold."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sitegen import messages
from sitegen.errors import BuildError
from sitegen.read import yamlfile


def _said(text: str) -> str:
    with pytest.raises(BuildError) as caught:
        yamlfile.load_text(text, "f.yaml")
    return str(caught.value)


@pytest.mark.parametrize(("text", "said"), [
    ("- province: alpha\n  value: 14\n    qualifier: exact\n",
     "f.yaml:3:1: this line is indented further (4 spaces) than line 2 above it (value: 14), so YAML reads it as "
     "more of that line's text; indent it like the line above (2 spaces)"),
    ("label:\n  vi: Tỷ lệ\n   en: Rate\n",
     "f.yaml:3:1: this line is indented further (3 spaces) than line 2 above it (vi: Tỷ lệ), so YAML reads it as "
     "more of that line's text; indent it like the line above (2 spaces)"),
    ("a:\n  vi: x\n en: y\n",
     "f.yaml:3:1: this line is indented by 1 space, which lines up with no line above it; the fields of one record "
     "line up under each other: indent it like line 2 (vi: x): 2 spaces"),
    ("- a: 1\n - b: 2\n",
     "f.yaml:2:1: this line is indented by 1 space, which lines up with no line above it; the items of a list start "
     "with their '- ' under each other: indent it like line 1 (- a: 1): none, at the start of the line"),
    ("- province: alpha\n  value: 1\n  province: beta\n  value: 2\n",
     "f.yaml:3:3: 'province' comes a second time in the record that starts on line 1: a new record starts here "
     "without its '- '; write - province: beta"),
    ("- province: alpha\n  value: 1\n  indicator: x\n  value: 2\n  indicator: y\n",
     "f.yaml:4:3: 'value' comes a second time in the record that starts on line 1: a new record starts here "
     "without its '- '; write - value: 2"),
    ("- province: alpha\n  value: 92.24\n  value: 92.4\n  qualifier: exact\n",
     "f.yaml:3:3: duplicate key 'value' (first given on line 2); keep only one"),
    ("- province alpha\n  value: 1\n",
     "f.yaml:1:11: 'province' has no colon after it, so YAML reads this line and the next as one text; "
     "write province: alpha"),
    ("- province:alpha\n  value: 1\n",
     "f.yaml:1:12: the colon after 'province' needs a space after it; write province: alpha"),
    ("-province: alpha\n  value: 1\n",
     "f.yaml:1:1: the '-' that starts a record needs a space after it; write - province: alpha"),
    ("- province: alpha\n  note: @Beta\n",
     "f.yaml:2:9: a value cannot start with @ unless it is in quotes; write note: \"@Beta\""),
    ("- vi: Nghị quyết 52: chuyển đổi số\n",
     "f.yaml:1:7: the text of 'vi' holds a colon followed by a space, which YAML reads as a new field; put the "
     "text in quotes: vi: \"Nghị quyết 52: chuyển đổi số\""),
    ("- note:\n    vi: Một đoạn dài\n      viết tiếp: ở đây\n",
     "f.yaml:3:18: the text of 'viết tiếp' holds a colon followed by a space, which YAML reads as a new field; put "
     "the text in quotes: viết tiếp: \"ở đây\""),
])
def test_a_layout_slip_is_told_as_what_it_is(text: str, said: str) -> None:
    assert _said(text) == said


def test_what_the_yaml_parser_says_reaches_the_newsroom_in_its_language() -> None:
    messages.use("vi")
    said = _said('- quote: "C:\\dữ liệu"\n')
    assert said.startswith("f.yaml:1:13: lỗi cú pháp YAML: dấu gạch chéo ngược (\\) trong ngoặc kép")
    assert _said("- a: [1, 2\n- b: 3\n").isascii() is False
    assert "while" not in _said("- a: {x: 1\n") and "expected" not in _said("- a: 'x'y'\n")


@pytest.mark.parametrize(("written", "meant"), [
    ("Bắc Ninh", ["bac-ninh"]), ("Bac Ninh", ["bac-ninh"]), ("BẮC NINH", ["bac-ninh"]), ("tỉnh Bắc Kạn", ["bac-kan"]),
    ("Bắc Cạn", ["bac-kan"]), ("Bac Can", ["bac-kan"]), ("bac-can", ["bac-kan"]), ("Cả nước", ["vietnam"]),
    ("Hà Nội", []),
])
def test_a_province_written_by_its_name_gets_its_id(written: str, meant: list[str]) -> None:
    from sitegen.read.names import Names

    names = Names([("bac-kan", ["Bắc Kạn"]), ("bac-ninh", ["Bắc Ninh"]), ("vietnam", ["Cả nước", "Vietnam"])])
    assert names.meant(written) == meant


@pytest.mark.parametrize(("value", "quote", "meant"), [
    (Decimal("14.000"), "có 14.000 hộ", "14000"), (Decimal("27.000"), "khoảng 27 nghìn người", "27000"),
    (Decimal("127.178"), "tiếp nhận 127.178 hồ sơ", "127178"), (Decimal("1.292"), "1.292 tổ công nghệ", "1292"),
    (Decimal("6.200"), "6.200 hộ", "6200"), (Decimal("72.3"), "đạt 72,3%", None), (Decimal("1.5"), "1,5 lần", None),
    (Decimal("2.125"), "hệ số 2,125", None),
])
def test_a_round_figure_written_with_a_thousands_dot_gets_the_plain_number(value, quote, meant) -> None:
    from sitegen.checks import factcheck

    assert factcheck.separator_slip(quote, value) == meant


def test_a_value_written_as_text_with_thousands_dots_gets_the_plain_number() -> None:
    from sitegen.read import numbers

    assert [numbers.meant(t) for t in ("1.000.000", "14.000", "27.000 người")] == ["1000000", "14000", "27000"]


@pytest.mark.parametrize(("quote", "value", "unit", "lang", "states"), [
    ("với ba trụ cột chính", 3, "count", "vi", True), ("Hai đơn vị dẫn đầu", 2, "count", "vi", True),
    ("mười xã đạt chuẩn", 10, "count", "vi", True), ("mười hai xã", 12, "count", "vi", True),
    ("hai mươi lăm xã", 25, "count", "vi", True), ("hai mươi mốt huyện", 21, "count", "vi", True),
    ("một nửa số hộ", 50, "percent", "vi", True), ("half of all households", 50, "percent", "en", True),
    ("three pillars", 3, "count", "en", True), ("forty-two communes", 42, "count", "en", True),
    ("hai mươi ba xã", 3, "count", "vi", False), ("mười hai xã", 10, "count", "vi", False),
    ("ba triệu lượt", 3, "count", "vi", False), ("trong năm 2024", 5, "count", "vi", False),
    ("mỗi năm một lần", 5, "count", "vi", False), ("một số xã", 1, "count", "vi", False),
    ("một nửa số hộ", 50, "count", "vi", False),
])
def test_numbers_written_as_words_are_read(quote: str, value: int, unit: str, lang: str, states: bool) -> None:
    from sitegen.checks import factcheck

    assert factcheck.states(quote, value, unit, lang) is states


def test_a_figure_written_in_words_can_be_recorded(tmp_path, capsys) -> None:
    """The article's "ba trụ cột" records as 3: check passes."""
    from conftest import FIXTURES, make_project
    from sitegen.cli import main

    project = make_project(tmp_path)
    overlay = FIXTURES / "bad" / "quote-number-in-words"
    for name in ("data/sources/gamma.txt", "data/observations/gamma.yaml"):
        (project / name).write_bytes((overlay / name).read_bytes())
    sources = project / "data" / "sources.yaml"
    sources.write_bytes((overlay / "data" / "sources.yaml.prepend").read_bytes() + sources.read_bytes())
    figure = project / "data" / "observations" / "gamma.yaml"
    figure.write_text(figure.read_text(encoding="utf-8").replace("value: 4", "value: 3"), encoding="utf-8")
    assert main(["check"], root=project) == 0, capsys.readouterr().err


@pytest.mark.parametrize(("line", "said"), [
    ('{{ figure("a" "b") }}', 'a comma is missing between "a" and "b"; write {{ figure("a", "b") }}'),
    ('x {{ figure("a", "b" date=false) }}', 'a comma is missing between "b" and date; write '
                                           '{{ figure("a", "b", date=false) }}'),
    ('{{ figure(“a”, “b”) }}', 'its names are in curly quotes “…”, which are text, not quotes; use straight quotes '
                             '"…"; write {{ figure("a", "b") }}'),
    ('{{ figure(bac-kan, "b") }}', 'bac-kan is not in quotes; write {{ figure("bac-kan", "b") }}'),
    ('{{ figure("a", "b" }}', "the ')' that closes it is missing; write {{ figure(\"a\", \"b\") }}"),
    ('{ chart("x") }}', 'it opens with { and closes with }}, where a component needs two braces on each side, '
                        '{{ and }} (otherwise readers see the braces); write {{ chart("x") }}'),
    ('{{ chart("x") }}}', 'it opens with {{ and closes with }}}, where a component needs two braces on each side, '
                          '{{ and }} (otherwise readers see the braces); write {{ chart("x") }}'),
    ('{{ figure("a", "b", date=false) }} and {{ chart("x") }}', None),
    ("the figure (below) and the chart (above)", None),
])
def test_a_component_call_written_wrongly_names_the_slip_and_shows_the_call(line: str, said: str | None) -> None:
    from sitegen.render import calls

    found = calls.slips(line)
    assert [s.message.split(": ", 1)[1] for s in found] == ([said] if said else [])
    assert all(s.col == line.index("{") + 1 for s in found)


def test_a_claim_on_an_indicator_without_a_better_direction_says_so(tmp_path) -> None:
    from conftest import make_project
    from sitegen.model import loader
    from sitegen.render.components import ComponentError, Components

    project = make_project(tmp_path)
    with (project / "data" / "observations" / "alpha.yaml").open("a", encoding="utf-8") as file:
        file.write('- province: beta\n  indicator: dossiers-processed\n  value: 90000\n  qualifier: exact\n'
                   '  as_of: "2024-09"\n  source: alpha\n  quote: "90.000 hồ sơ"\n')
    data, _ = loader.load(project)
    parts = Components(data, {}, "en", lambda name, context: "")
    with pytest.raises(ComponentError) as caught:
        parts.claim("alpha", "dossiers-processed", "leads", "beta")
    assert "the provinces do not measure dossiers-processed the same way (their articles define it differently; " \
        "see the indicator's definition in data/indicators.yaml), so neither leads" in str(caught.value)
    indicators = project / "data" / "indicators.yaml"
    indicators.write_text(indicators.read_text(encoding="utf-8").replace(
        "higher_is_better: null", "higher_is_better: null\n    comparable: true"), encoding="utf-8")
    data, _ = loader.load(project)
    parts = Components(data, {}, "en", lambda name, context: "")
    with pytest.raises(ComponentError) as caught:
        parts.claim("alpha", "dossiers-processed", "leads", "beta")
    assert str(caught.value) == (
        'claim("alpha", "dossiers-processed", "leads", "beta") cannot be said: for dossiers-processed neither more '
        'nor less is better (higher_is_better: null in data/indicators.yaml), so no province leads (alpha 127178 '
        '(2024-01/2024-09) against beta 90000 (2024-09)); set the two figures side by side instead: '
        '{{ figure("alpha", "dossiers-processed") }} and {{ figure("beta", "dossiers-processed") }}')
