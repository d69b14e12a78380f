"""Correct content edits pass the publishing gate. Each realistic edit a reporter makes (a new article
with newer figures, a source's address, a renamed site, English messages, a new indicator with its
chart and stories) is applied alone to a copy of the sample project, and the gate's one test that reads
the project ("the real project passes check") runs on it; a scan of the test suite proves that no
other test of the gate reads the project's data/ or content/."""

from __future__ import annotations

import ast
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_sample

ARTICLE = """Bắc Ninh: kinh tế số tiếp tục tăng
Năm 2024, tỷ trọng kinh tế số trong GRDP của tỉnh đạt 58,2%, tỷ lệ hồ sơ trực tuyến đạt 95,5%.
Tỉnh có 1.250 điểm phát wifi công cộng miễn phí.
"""


def _article(project: Path, name: str, text: str, provinces: str) -> None:
    """Archive an article and list it, sealed, as add-source and a reporter would."""
    path = project / "data" / "sources" / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    with (project / "data" / "sources.yaml").open("a", encoding="utf-8") as file:
        file.write(f"- id: {name}\n  file: {name}.txt\n  sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}\n"
                   f"  title: \"Bắc Ninh: kinh tế số tiếp tục tăng\"\n  title_en: \"Bắc Ninh: the digital economy "
                   f"keeps growing\"\n  outlet: {{vi: Báo Bắc Ninh, en: Bắc Ninh Newspaper}}\n  language: vi\n"
                   f"  published: 2025-03\n  published_note:\n    vi: Bài ghi tháng đăng.\n"
                   f"    en: The article gives its month.\n  provinces: [{provinces}]\n")


def _figure(indicator: str, value: str, quote: str, english: str) -> str:
    return (f"- province: bac-ninh\n  indicator: {indicator}\n  value: {value}\n  qualifier: exact\n"
            f"  as_of: \"2024\"\n  source: bn-2025-new\n  quote: \"{quote}\"\n  quote_en: \"{english}\"\n")


def newer_figures(project: Path) -> None:
    """A new article with newer figures for indicators that have targets and a comparison (and, for the
    comparison, what the article says the figure counts: here nothing, as `basis` records)."""
    _article(project, "bn-2025-new", ARTICLE, "bac-ninh")
    indicators = project / "data" / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    anchor = '        words: null  # "Tỷ lệ hồ sơ trực tuyến toàn tỉnh đạt 92.24%": no numerator or base is named\n'
    indicators.write_text(text.replace(anchor, anchor + "      - province: bac-ninh\n        source: bn-2025-new\n"
                                       "        words: null\n", 1), encoding="utf-8")
    (project / "data" / "observations" / "bn-2025-new.yaml").write_text(
        _figure("digital-economy-share", "58.2", "tỷ trọng kinh tế số trong GRDP của tỉnh đạt 58,2%",
                "the digital economy's share of the province's GRDP reached 58.2%")
        + _figure("online-dossier-rate", "95.5", "tỷ lệ hồ sơ trực tuyến đạt 95,5%",
                  "the online dossier rate reached 95.5%"), encoding="utf-8")


def source_address(project: Path) -> None:
    """An article's address, as add-source suggests recording it."""
    sources = project / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("url: null", "url: https://baobacninh.example.vn/bai-viet", 1), encoding="utf-8")


def renamed_site(project: Path) -> None:
    site = project / "content" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    text = text.replace('vi: "Chuyển đổi số: Bắc Kạn và Bắc Ninh"', 'vi: "Hai tỉnh, một cuộc chuyển đổi"', 1)
    text = text.replace('en: "Digital transformation: Bắc Kạn and Bắc Ninh"', 'en: "Two provinces, one change"', 1)
    site.write_text(text, encoding="utf-8")


def english_messages(project: Path) -> None:
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("messages_lang: vi", "messages_lang: en", 1),
                    encoding="utf-8")


def new_indicator(project: Path) -> None:
    """A new indicator, its figure from a new article, a chart of it and a story in each language."""
    _article(project, "bn-2025-new", ARTICLE, "bac-ninh")
    indicators = project / "data" / "indicators.yaml"
    with indicators.open("a", encoding="utf-8") as file:
        file.write("  - id: public-wifi-points\n    pillar: infrastructure\n    label:\n      vi: Điểm wifi công cộng\n"
                   "      en: Public Wi-Fi points\n    definition:\n      vi: Số điểm phát wifi công cộng miễn phí.\n"
                   "      en: Number of free public Wi-Fi hotspots.\n    unit: count\n    higher_is_better: true\n"
                   "    comparable: false\n")
    (project / "data" / "observations" / "bn-2025-new.yaml").write_text(
        _figure("public-wifi-points", "1250", "Tỉnh có 1.250 điểm phát wifi công cộng miễn phí",
                "The province has 1,250 free public Wi-Fi hotspots"), encoding="utf-8")
    with (project / "content" / "charts.yaml").open("a", encoding="utf-8") as file:
        file.write("- id: public-wifi\n  kind: history\n  indicators: [public-wifi-points]\n"
                   "  title: {vi: Điểm wifi công cộng, en: Public Wi-Fi points}\n")
    for lang, title, text in (("vi", "Wifi công cộng", "Bắc Ninh có"), ("en", "Public Wi-Fi", "Bắc Ninh has")):
        (project / "content" / "stories" / f"wifi.{lang}.md").write_text(
            f"---\ntitle: {title}\ndate: 2025-03-20\nsummary: {title}.\nlang: {lang}\nkey: wifi\n---\n"
            f"{text} {{{{ figure(\"bac-ninh\", \"public-wifi-points\") }}}}.\n\n{{{{ chart(\"public-wifi\") }}}}\n",
            encoding="utf-8")


EDITS = [newer_figures, source_address, renamed_site, english_messages, new_indicator]


@pytest.mark.slow
@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_a_correct_content_edit_passes_the_publishing_gate(edit, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    edit(project)
    env = {**os.environ, "SITEGEN_PROJECT": str(project), "PYTHONPATH": str(ROOT)}
    gate = subprocess.run([sys.executable, "-m", "pytest", "-m", "not browser and not slow", "-q", "-p",
                           "no:cacheprovider", "tests/test_data.py::test_the_real_project_passes_check"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert gate.returncode == 0, gate.stdout + gate.stderr


def test_no_test_of_the_gate_but_one_reads_the_projects_data_or_content() -> None:
    readers = []
    for path in sorted(set((ROOT / "tests").glob("test_*.py")) - {Path(__file__)}):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
                if "PROJECT" in names or ("ROOT" in names and {"data", "content"} & _strings(node)):
                    readers.append(f"{path.name}::{node.name}")
    assert readers == ["test_data.py::test_the_real_project_passes_check"]


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
