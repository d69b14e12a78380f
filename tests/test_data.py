"""The real project passes `check` (the one test that reads the real data/ and content/); the loader
turns YAML into typed, located records; the fact-check reads numbers as articles write them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import PROJECT, SAMPLE, copy_sample
from sitegen.checks import factcheck
from sitegen.cli import main
from sitegen.model import loader
from sitegen.read.articles import normalise


def test_the_real_project_passes_check(capsys) -> None:
    assert main(["check"], root=PROJECT) == 0, capsys.readouterr().err


def test_sample_data_passes_the_fact_check() -> None:
    dataset, problems = loader.load(SAMPLE)
    assert not problems
    assert len(dataset.observations) > 100
    assert {o.source for o in dataset.observations} == set(dataset.sources)
    assert {"bac-kan", "bac-ninh", "vietnam"} <= {o.province for o in dataset.observations}
    for obs in dataset.observations:
        assert normalise(obs.quote) in dataset.archive[obs.source]
        unit = dataset.indicators[obs.indicator].unit
        assert factcheck.states(obs.quote, obs.value, unit), obs


def test_every_pillar_has_figures_and_targets_exist() -> None:
    dataset, problems = loader.load(SAMPLE)
    assert not problems
    measured = {dataset.indicators[o.indicator].pillar for o in dataset.observations}
    assert measured == set(dataset.pillars)
    assert dataset.targets and dataset.events


def test_the_two_bac_kan_articles_disagree_openly() -> None:
    dataset, problems = loader.load(SAMPLE)
    assert not problems
    pairs = {(c.first.indicator, c.first.value, c.second.value) for c in dataset.conflicts}
    assert ("online-dossier-rate", Decimal("72.3"), Decimal("73.4")) in pairs
    assert ("full-online-share-of-procedures", Decimal("56.4"), Decimal("63.7")) in pairs
    assert all(c.first.source != c.second.source for c in dataset.conflicts)


def test_records_remember_their_lines() -> None:
    dataset, problems = loader.load(SAMPLE)
    assert not problems
    obs = dataset.observations[0]
    path, line, col = obs.at("value")
    assert path.startswith("data/observations/") and line > 1 and col > 1
    text = (SAMPLE / path).read_text(encoding="utf-8").splitlines()[line - 1]
    assert text.strip().startswith("value:")


def test_check_command_prints_a_summary_and_notes(tmp_path: Path, capsys) -> None:
    assert main(["check"], root=copy_sample(tmp_path)) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1].startswith("ok: ")
    assert "note: bac-kan online-dossier-rate: 73.4" in out


def test_renderings_cover_vietnamese_forms() -> None:
    assert factcheck.states("tiếp nhận 127.178 hồ sơ", 127178)
    assert factcheck.states("đạt 56,83%", Decimal("56.83"))
    assert factcheck.states("hơn 3 triệu tài liệu", 3_000_000)
    assert factcheck.states("tiết kiệm trên 10 tỷ đồng", 10_000_000_000)
    assert factcheck.states("tăng từ 01-02 bậc", 1)
    assert factcheck.states("đạt 92.24%", Decimal("92.24"))
    assert not factcheck.states("đạt 72,35%", Decimal("72.3"))
    assert not factcheck.states("1.133 DVCTT", 133)
    assert factcheck.separator_slip("127.178 hồ sơ", Decimal("127.178")) == "127178"


def test_words_state_numbers_articles_write_in_words() -> None:
    assert factcheck.states("tỉnh Bắc Ninh đứng đầu cả nước về tỉ trọng kinh tế số", 1, "rank")
    assert factcheck.states("Toàn bộ doanh nghiệp đã chuyển sang khai báo thuế điện tử", 100, "percent")
    assert factcheck.states("mỗi hộ gia đình tiếp cận được Internet cáp quang", 100, "percent")
    assert not factcheck.states("đứng đầu cả nước", 1, "count")  # words are read only for their unit
    assert not factcheck.states("tất cả", 90, "percent")
    assert factcheck.states("127,178 records", 127178, "count", "en")  # an English article writes 127,178


def test_conflicts_understand_qualifiers() -> None:
    from sitegen.model.conflicts import _compatible
    from sitegen.read.records import Observation

    def obs(value: float, qualifier: str) -> Observation:
        return Observation(province="bac-kan", indicator="x", value=value, qualifier=qualifier, as_of="2024",
                           source="s", quote="q")
    assert _compatible(obs(90, "over"), obs(95, "over"), "percent")  # two lower bounds can both hold
    assert _compatible(obs(98, "about"), obs(98.2, "exact"), "percent")  # an exact value inside "about"
    assert not _compatible(obs(98, "about"), obs(97, "exact"), "percent")  # 97 is not "about 98"
    assert _compatible(obs(98, "nearly"), obs(97.5, "exact"), "percent")  # "gần 98": just under 98
    assert not _compatible(obs(98, "nearly"), obs(98.2, "exact"), "percent")  # never above it
    assert _compatible(obs(14000, "nearly"), obs(13999, "exact"), "count")
    assert not _compatible(obs(72.3, "exact"), obs(73.4, "exact"), "percent")
    assert _compatible(obs(10, "over"), obs(7, "exact"), "rank")  # a rank "over 10" is 10th or better


def test_real_conflicts_and_slight_differences() -> None:
    dataset, _ = loader.load(SAMPLE)
    found = {(c.first.indicator, c.first.value, c.second.value): c.slight for c in dataset.conflicts}
    assert found[("online-dossier-rate", Decimal("72.3"), Decimal("73.4"))] is True  # sources differ slightly
    assert found[("full-online-share-of-procedures", Decimal("56.4"), Decimal("63.7"))] is False
    assert not any(c.first.indicator == "security-level-approved" for c in dataset.conflicts)  # >90 and >95


def test_missing_data_folder_is_reported(tmp_path: Path, capsys) -> None:
    (tmp_path / "data").mkdir()
    assert main(["check"], root=tmp_path) == 1
    err = capsys.readouterr().err
    assert "data/provinces.yaml:1:1: the file is missing; create it (see README: Data files)" in err
    assert "Traceback" not in err


def test_a_period_that_is_only_the_articles_publication_is_noted(tmp_path: Path, capsys) -> None:
    from conftest import make_project
    project = make_project(tmp_path)
    figures = project / "data" / "observations" / "alpha.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace('as_of: "2024-01/2024-09"', 'as_of: "2024-10"', 1),
                       encoding="utf-8")
    for lang, said in (("en", "data/observations/alpha.yaml:5:10: note: as_of is 2024-10, exactly when the article was "
                              "published: that is usually when a figure is reported, not the time it describes; if "
                              "the article does not say what time the figure describes, leave as_of out and the "
                              "site will say it is undated"),
                       ("vi", "data/observations/alpha.yaml:5:10: lưu ý: as_of là 2024-10, đúng lúc bài báo được "
                              "đăng: đó thường là lúc con số được nêu ra, không phải thời điểm con số đo; nếu bài "
                              "không nói con số tính đến khi nào, hãy bỏ dòng as_of, trang sẽ ghi là không rõ thời "
                              "điểm")):
        assert main(["check", "--lang", lang], root=project) == 0  # a note: the reporter decides
        assert said in capsys.readouterr().out.splitlines()
