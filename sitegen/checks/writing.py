"""Rules on stories and goals in time, and on what a story can hold: no story dated after today,
no goal whose deadline passed before its article appeared, and no image a story cannot publish."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.model.dataset import Dataset
from sitegen.read.content import Story

_IMAGE = re.compile(r"!\[[^\]]*\]\(|<img\b", re.I)


def dated(stories: list[Story], today: date) -> Iterator[Problem]:
    """A story's date is when it is published: never after today (the footer would say it changed then)."""
    for story in stories:
        if story.date > today:
            yield Problem(story.path, *story.date_at, say("story_future", date=story.date.isoformat()))


def images(stories: list[Story]) -> Iterator[Problem]:
    """Stories publish text, figures and charts; an image would be dropped, so it is refused at its line."""
    for story in stories:
        for number, line in enumerate(story.body.split("\n"), story.body_line):
            if found := _IMAGE.search(line):
                yield Problem(story.path, number, found.start() + 1, say("story_image"))


def deadlines(data: Dataset) -> Iterator[Problem]:
    """A goal is set for later: its deadline cannot end before the article that states it was published."""
    for target in data.targets.values():
        source = data.sources.get(target.source)
        if source and target.deadline and target.deadline.end < source.published.start:
            yield Problem(*target.at("deadline"), say("deadline_before_article", deadline=target.deadline,
                                                      published=source.published))
