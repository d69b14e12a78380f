"""A figure, target or event is about a province its article covers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sitegen.errors import Problem
from sitegen.messages import say

if TYPE_CHECKING:
    from sitegen.model.dataset import Dataset


def covered(data: Dataset) -> Iterator[Problem]:
    """Every record's province is among its article's `provinces` (the national average aside: any
    article may quote it)."""
    for record in [*data.observations, *data.targets.values(), *data.events.values()]:
        source, province = data.sources.get(record.source), data.provinces.get(record.province)
        if source is None or province is None or province.kind != "province" or province.id in source.provinces:
            continue
        listed = say("or").join([", ".join(source.provinces[:-1]), source.provinces[-1]]) \
            if len(source.provinces) > 1 else "".join(source.provinces)
        yield Problem(*record.at("province"), say("province_not_covered", province=province.id, source=source.id,
                                                  listed=listed or "—", line=source.where[1]))
