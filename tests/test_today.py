"""The day the rule "no story dated after today" counts from is the newsroom's, in Vietnam (UTC+7),
whatever zone the machine keeps: a CI runner in UTC must not refuse a story published this morning."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import make_project
from sitegen import pipeline
from sitegen.config import Config
from sitegen.read import period


def _clock(monkeypatch: pytest.MonkeyPatch, utc: datetime) -> None:
    """The machine's clock stopped at utc (the machine's own zone plays no part)."""

    class Stopped(datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206 - datetime's own signature
            return utc.astimezone(tz) if tz else utc.replace(tzinfo=None)

    monkeypatch.setattr(period, "datetime", Stopped)


def _dated(project: Path, day: str) -> Path:
    story = project / "content" / "stories" / "online.en.md"
    story.write_text(story.read_text(encoding="utf-8").replace("date: 2024-10-15", f"date: {day}"), encoding="utf-8")
    return project


def test_today_is_vietnams_date(monkeypatch: pytest.MonkeyPatch) -> None:
    _clock(monkeypatch, datetime(2024, 10, 14, 17, 0, tzinfo=UTC))  # 00:00 on the 15th in Hà Nội
    assert period.today().isoformat() == "2024-10-15"
    _clock(monkeypatch, datetime(2024, 10, 14, 16, 59, tzinfo=UTC))  # 23:59 on the 14th
    assert period.today().isoformat() == "2024-10-14"


def test_a_story_dated_today_in_vietnam_passes_while_utc_is_still_on_the_day_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _dated(make_project(tmp_path), "2024-10-16")
    _clock(monkeypatch, datetime(2024, 10, 15, 20, 0, tzinfo=UTC))  # 03:00 on the 16th in Vietnam
    _, _, problems, _ = pipeline.check(Config.at(project))
    assert problems == []


def test_a_story_dated_tomorrow_in_vietnam_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _dated(make_project(tmp_path), "2024-10-16")
    _clock(monkeypatch, datetime(2024, 10, 15, 16, 0, tzinfo=UTC))  # 23:00 on the 15th in Vietnam
    _, _, problems, _ = pipeline.check(Config.at(project))
    assert [str(p) for p in problems] == [
        "content/stories/online.en.md:3:7: this story is dated 2024-10-16, which is after today; the date is when "
        "readers first see it: write today's date, or keep the story on a branch until its day"]
