"""Correct content edits pass the publishing gate. Each realistic edit a reporter makes (a new article
with newer figures, a source's address, a renamed site, English messages, a new indicator with its
chart and stories) is applied alone to the sample project, which then stands as data/ and content/ of
a copy of this repository; the gate's own test selection (`make quick`'s) runs there and passes. A
quick scan of the test suite warns earlier: no test but "the real project passes check" names the
project's own data/ or content/."""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
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
    repository = _repository(tmp_path / "repository")
    project = copy_sample(tmp_path)
    edit(project)
    for folder in ("data", "content"):
        shutil.copytree(project / folder, repository / folder)
    (repository / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)  # the drawings made so far
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "SITEGEN_"))}
    gate = subprocess.run([sys.executable, "-m", "pytest", *QUICK, "-p", "no:cacheprovider", "-x"],
                          cwd=repository, env=env, capture_output=True, text=True, timeout=900)
    assert gate.returncode == 0, gate.stdout[-4000:] + gate.stderr[-2000:]
    assert " passed" in gate.stdout


# `make quick`'s selection, as the Makefile runs it for the publishing workflow
QUICK = ("-m", "not browser and not slow", "-n", "2", "--dist", "worksteal")


def _repository(copy: Path) -> Path:
    """This repository's files (tracked, and new ones not ignored) but data/ and content/, copied."""
    (ROOT / ".cache").mkdir(exist_ok=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in listed:
        source = ROOT / name
        if name and not name.startswith(("data/", "content/", "tests/screenshots/")) and source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


def test_the_gates_selection_is_make_quicks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f'-m "{QUICK[1]}" {" ".join(QUICK[2:])}' in makefile.split("\nquick:", 1)[1].split("\n\n", 1)[0]


def test_no_test_of_the_gate_but_one_reads_the_projects_data_or_content() -> None:
    """Anywhere in a test module (its tests, helpers and constants): the project itself (PROJECT), its
    folders from the repository root (ROOT with "data" or "content"), or paths relative to wherever
    pytest runs ("data/…" opened or made a Path without a folder before it)."""
    readers = []
    for path in sorted(set((ROOT / "tests").glob("*.py")) - {Path(__file__)}):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _units(tree):
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if "PROJECT" in names or ("ROOT" in names and _roots(node) & {"data", "content"}) or _relative(node):
                readers.append(f"{path.name}::{getattr(node, 'name', 'module')}")
    assert readers == ["conftest.py::module", "test_data.py::test_the_real_project_passes_check"]


def _units(tree: ast.Module) -> list[ast.AST]:
    """Each function (at any depth) and the module's own statements outside functions."""
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    outside = ast.Module(body=[n for n in tree.body if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                           ast.ClassDef))], type_ignores=[])
    inner = {id(n) for f in functions for n in ast.walk(f) if n is not f and isinstance(n, (ast.FunctionDef,
                                                                                           ast.AsyncFunctionDef))}
    return [outside, *(f for f in functions if id(f) not in inner)]


def _roots(node: ast.AST) -> set[str]:
    """The first folder named after ROOT: `ROOT / "data"`, `ROOT / "content" / …`, `ROOT.joinpath("data")`."""
    found = set()
    for n in ast.walk(node):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.left, ast.Name) \
                and n.left.id == "ROOT" and isinstance(n.right, ast.Constant):
            found.add(str(n.right.value).split("/")[0])
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                and n.func.value.id == "ROOT" and n.args and isinstance(n.args[0], ast.Constant):
            found.add(str(n.args[0].value).split("/")[0])
    return found


def _relative(node: ast.AST) -> bool:
    """open("data/…"), Path("content/…"): the project of whatever folder pytest runs in."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("open", "Path")
               and n.args and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)
               and n.args[0].value.split("/")[0] in ("data", "content") for n in ast.walk(node))


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
