"""Every message the generator prints for a reporter, from one catalogue: messages.yaml.

Each entry holds the message in English (`en`) and Vietnamese (`vi`), with {named} slots; an entry
may hold `one`/`other` forms for a count. The language is chosen once per run (see `choose`): the
--lang option, else the SITEGEN_LANG environment variable, else `messages_lang` in content/site.yaml
(the newsroom's choice), else English.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import yaml

LANGUAGES = ("vi", "en")
SETTING = "messages_lang"  # the key in content/site.yaml
_SETTING = re.compile(rf"^{SETTING}:\s*[\"']?(\w+)[\"']?\s*(?:#.*)?$", re.M)
_lang = os.environ.get("SITEGEN_LANG", "en") if os.environ.get("SITEGEN_LANG") in LANGUAGES else "en"


@functools.cache
def catalogue() -> dict[str, dict]:
    """The catalogue as loaded from messages.yaml: key -> language -> text (or one/other forms)."""
    with open(Path(__file__).with_name("messages.yaml"), encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # LibYAML: 8× faster


def choose(flag: str | None, root: Path) -> str:
    """The language of this run: the --lang flag, else SITEGEN_LANG, else the site's setting, else English."""
    for lang in (flag, os.environ.get("SITEGEN_LANG"), setting(root)):
        if lang in LANGUAGES:
            return lang
    return "en"


def setting(root: Path) -> str | None:
    """`messages_lang` in content/site.yaml, read before anything else is (the build checks the file itself)."""
    try:
        text = (root / "content" / "site.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _SETTING.search(text)
    return found.group(1) if found else None


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
    """The message `key` in lang, its slots filled in."""
    text = catalogue()[key][lang]
    if isinstance(text, dict):
        text = text["one"] if slots.get("count") == 1 and "one" in text else text["other"]
    return text.format(**slots)
