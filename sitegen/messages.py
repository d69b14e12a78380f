"""Every message the generator prints for a reporter, from one catalogue: messages.yaml.

Each entry holds the message in English (`en`) and Vietnamese (`vi`), with {named} slots; an entry
may hold `one`/`other` forms for a count. The language is chosen once per run (see `use`).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

LANGUAGES = ("vi", "en")
_lang = os.environ.get("SITEGEN_LANG", "en") if os.environ.get("SITEGEN_LANG") in LANGUAGES else "en"


@functools.cache
def catalogue() -> dict[str, dict]:
    """The catalogue as loaded from messages.yaml: key -> language -> text (or one/other forms)."""
    with open(Path(__file__).with_name("messages.yaml"), encoding="utf-8") as file:
        return yaml.safe_load(file)


def use(lang: str) -> None:
    """Speak lang ("vi" or "en") from now on in this process."""
    global _lang
    _lang = lang


def language() -> str:
    """The language messages are written in now."""
    return _lang


def say(key: str, /, **slots: object) -> str:
    """The message `key` in the current language, its slots filled in."""
    return say_in(_lang, key, **slots)


def say_in(lang: str, key: str, /, **slots: object) -> str:
    """The message `key` in lang, its slots filled in (English where it has no such text yet)."""
    entry = catalogue()[key]
    text = entry.get(lang) or entry["en"]
    if isinstance(text, dict):
        text = text["one"] if slots.get("count") == 1 and "one" in text else text["other"]
    return text.format(**slots)
