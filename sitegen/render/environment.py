"""Templates to HTML strings: the Jinja environment and page rendering."""

from __future__ import annotations

import functools
import hashlib
import math
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from sitegen.cache import Cache, read_whole
from sitegen.config import Config
from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.read import locales, retold
from sitegen.read.content import SiteText
from sitegen.render import glossing
from sitegen.render.components import ComponentError


def environment(config: Config, text: SiteText, globals_: dict[str, Any], cache: Cache | None = None) -> Environment:
    """The Jinja environment for templates/: strict, autoescaping, with the site's helpers.

    One environment per project and base path lives as long as the process, so its templates are
    compiled once; Jinja reloads any template whose file has changed since. Each build gives it
    that build's globals and filters.
    """
    env = _environment(config.root / "templates", cache.part("jinja").folder if cache else None)
    env.globals.clear()
    env.globals.update(_DEFAULT_GLOBALS)
    formats = text.formats

    @pass_context
    def t(ctx: Any, key: str) -> str:
        if key not in text.strings:
            raise KeyError(say("site_text_missing", key=key))
        return text.strings[key](ctx["lang"])

    @pass_context
    def url(ctx: Any, path: str, lang: str | None = None) -> str:
        """A page in the reader's language (or lang): "indicators/x/" -> "/en/indicators/x/"."""
        return config.urls.page(path, lang or ctx["lang"])

    def asset(path: str) -> str:
        """A file shared by both editions: stylesheet, icon, CSV and JSON downloads."""
        return config.urls.asset(path)

    def absolute(rooted: str) -> str:
        """url()'s result as a full URL when the site's URL is known (--base-url https://…)."""
        return config.urls.site + rooted.removeprefix(config.base_path) if config.urls.site else rooted

    def value(amount: Decimal, unit: str, lang: str, qualifier: str = "exact", rank_of: int | None = None) -> str:
        return locales.value(amount, unit, lang, formats, qualifier, rank_of)

    def when(obs: Any, lang: str) -> str:
        """A figure's period, or its article's publication in the words that say so (locales.when)."""
        return locales.when(obs.as_of, obs.inferred, lang, formats)

    def gap(result: Any, lang: str) -> str:
        """How far the leader of a comparison is ahead: "gần 20 điểm phần trăm"."""
        shown = locales.value(result.gap, locales.gap_unit(result.indicator.unit), lang, formats, result.gap_qualifier)
        return formats.gap(lang).format(v=shown)

    @pass_context
    def gloss(ctx: Any, text: str) -> Markup:
        """text with the first use of each glossary term linked to its entry (see glossing)."""
        return glossing.first_uses(text, ctx["glosses"][ctx["lang"]])

    known = urlsplit(config.base_url)
    origin = f"{known.scheme}://{known.netloc}" if known.netloc else ""  # whose messages an embed's host hears
    env.globals.update(t=t, url=url, asset=asset, absolute=absolute, origin=origin, site=text,
                       base_path=config.base_path, **globals_)
    env.filters.update(lowerfirst=_lowerfirst, number=locales.number,
                       period=locales.period, day=locales.day, value=value, gap=gap, lines=lines,
                       when=when, gloss=gloss)
    env.globals["embed_height"] = embed_height
    return env


def _lowerfirst(text: str) -> str:
    """A label in mid-sentence: "Tỷ lệ …" -> "tỷ lệ …", but "DTI rank" and "VNPT 5G …" stay as written."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def embed_height(title: int, description: int, source: int, rows: int, keys: list[int], flags: int = 0,
                 links: int = 0) -> int:
    """The iframe height an embedded chart needs at its narrowest (320 px), where text wraps most.

    From the lengths of its texts in characters (the flags' and caveat's with the description; links:
    the download links' line), its number of rows, keys and flag blocks, by line heights and letters
    per line measured in Chromium at 320 px (tests/test_browser.py checks 320 and 600 px).
    """
    lines = math.ceil(title / 28) * 28 + math.ceil(description / 36) * 23 + math.ceil(source / 30) * 23
    lines += max(0, math.ceil(links / 36) - 1) * 23  # the first line of links is in the base height
    # keys: the lengths of the lines explaining "hơn" or "≈ bài đăng" (smaller text, more to a line);
    # flags: blocks of confidence flags, one box a line
    lines += sum(math.ceil(key / 40) * 20 + 14 for key in keys)
    needed = 210 + lines + 44 * rows + 45 + 70 * flags
    return math.ceil(needed / 10) * 10


_NARROW, _WIDE = set("fijlrtI.,:;'!|()[]- "), set("mwMW@%")


def lines(text: str, width: float, size: float, most: int = 4) -> list[str]:
    """Text split into lines that fit `width` px at font `size` px, by each letter's estimated width.

    For SVG (social cards), which cannot wrap text itself; past `most` lines the last ends in "…".
    """
    def px(word: str) -> float:
        return size * sum(.34 if c in _NARROW else .95 if c in _WIDE else .76 if c.isupper() else .66
                          for c in word)
    out: list[str] = []
    for word in text.split():
        if out and px(out[-1] + " " + word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > most:
        out = out[:most]
        out[-1] = out[-1].rsplit(" ", 1)[0] + " …"
    return out


class _Compiled(BytecodeCache):
    """Compiled templates, kept in this process and, given a cache, between processes. Each is kept
    by its template's name alone (so at most one entry per template, and nothing to prune): Jinja
    checks it against the template's source before use, and a build of another folder with the same
    templates (the tests', the preview's) compiles none of them again."""

    kept: dict[str, bytes] = {}  # this process's, shared by every environment

    def __init__(self, cache: Cache | None) -> None:
        self.cache = cache

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        for body in (self.kept.get(bucket.key), self.cache and self.cache.get(bucket.key, read_whole)):
            if body and bucket.code is None:
                try:
                    bucket.bytecode_from_string(body)  # resets itself when the source has changed
                except Exception:  # noqa: BLE001 - an entry cut short is compiled again, never trusted
                    bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        body = self.kept[bucket.key] = bucket.bytecode_to_string()
        if self.cache:
            self.cache.put(bucket.key, body)


@functools.lru_cache(maxsize=8)
def _environment(templates: Path, compiled: Path | None) -> Environment:
    """Templates compiled once per process, and kept in the cache folder compiled between processes."""
    return Environment(loader=FileSystemLoader(templates), undefined=StrictUndefined,
                       bytecode_cache=_Compiled(Cache(compiled) if compiled else None),
                       autoescape=select_autoescape(["html", "xml", "svg"]), trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True, extensions=["jinja2.ext.do"])


_DEFAULT_GLOBALS = dict(Environment().globals)  # range, dict, lipsum… as Jinja gives them


def page(env: Environment, template: str, context: dict[str, Any]) -> str:
    """Render one page template to a string; a template error names the template and line."""
    try:
        return env.get_template(template).render(context)
    except TemplateSyntaxError as exc:
        raise BuildError([Problem(f"templates/{exc.name or template}", exc.lineno or 1, 1,
                                  say("template_syntax", reason=retold.jinja(exc.message or "")))]) from None
    except ComponentError as exc:
        if exc.spared:
            return ""  # invalid data already explains it, and the build stops for that
        name, line = _template_frame(exc, template)
        raise BuildError([Problem(f"templates/{name}", line, 1, str(exc))]) from None
    except (TemplateError, LookupError, AttributeError, TypeError, ValueError, ArithmeticError) as exc:
        # templates/ is input a reporter edits: a slip there is a located problem, not a traceback
        name, line = _template_frame(exc, template)
        raise BuildError([Problem(f"templates/{name}", line, 1,
                                  say("template_error", template=template, reason=_reason(exc)))]) from None


def _reason(exc: Exception) -> str:
    """Jinja's words retold in the newsroom's language; Python's own (a KeyError of site text) as they are."""
    return retold.jinja(str(exc)) if isinstance(exc, TemplateError) else str(exc)


def _template_frame(exc: BaseException, fallback: str) -> tuple[str, int]:
    """The innermost template file and line in a traceback that Jinja has rewritten."""
    tb, found = exc.__traceback__, (fallback, 1)
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "top-level template code" or code.co_name.startswith(("block '", "macro '")):
            name = code.co_filename.replace("\\", "/").rpartition("/templates/")[2]
            found = (fallback if name.startswith("<") else name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def assets(config: Config, env: Environment) -> dict[str, bytes]:
    """Everything under templates/assets/: stylesheets rendered as templates, the rest as it is."""
    out = {}
    folder = config.root / "templates" / "assets"
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(config.root / "templates").as_posix()
            out[name] = (page(env, name, {"lang": "vi"}).encode("utf-8") if path.suffix == ".css"
                         else path.read_bytes())
    return out
