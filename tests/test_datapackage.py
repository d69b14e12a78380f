"""The downloads as a Frictionless Data Package: valid by the frictionless library, and complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_the_data_package_is_valid_and_describes_every_download(real_site: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    described = json.loads((real_site / "data/datapackage.json").read_text(encoding="utf-8"))
    report = frictionless.validate(str(real_site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    paths = {r["path"] for r in described["resources"]}
    csvs = {p.relative_to(real_site / "data").as_posix() for p in (real_site / "data").rglob("*.csv")}
    assert paths == csvs
    observations = next(r for r in described["resources"] if r["name"] == "observations")
    value = next(f for f in observations["schema"]["fields"] if f["name"] == "value")
    assert value["type"] == "number" and "unit" in value["description"]
    assert described["licenses"][0]["name"] == "CC-BY-4.0" and described["sources"]
