"""Templates to HTML strings: the Jinja environment, page rendering and story bodies."""

from __future__ import annotations

import functools
import re
from typing import Any

import markdown
import nh3
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment

from . import i18n, workers
from .components import Collected, Components
from .config import Config
from .content import SiteText, Story
from .errors import BuildError, Problem

_TOKEN = re.compile("\ue000(\\d+)\ue001")
_BLOCK_TOKEN = re.compile("<p>\ue000(\\d+)\ue001</p>")


def environment(config: Config, text: SiteText, globals_: dict[str, Any]) -> Environment:
    """The Jinja environment for templates/: strict, autoescaping, with the site's helpers."""
    cache = config.root / ".cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env = Environment(loader=FileSystemLoader(config.root / "templates"), undefined=StrictUndefined,
                      bytecode_cache=FileSystemBytecodeCache(str(cache)),
                      autoescape=select_autoescape(["html", "xml", "svg"]), trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      extensions=["jinja2.ext.do"])

    @pass_context
    def t(ctx: Any, key: str) -> str:
        if key not in text.strings:
            raise KeyError(f"no site text '{key}' in content/site.yaml")
        return text.strings[key](ctx["lang"])

    @pass_context
    def url(ctx: Any, path: str, lang: str | None = None) -> str:
        """A page in the reader's language (or lang): "indicators/x/" -> "/en/indicators/x/"."""
        return config.base_path + ("en/" if (lang or ctx["lang"]) == "en" else "") + path

    def asset(path: str) -> str:
        """A file shared by both editions: stylesheet, icon, CSV and JSON downloads."""
        return config.base_path + path

    def absolute(rooted: str) -> str:
        """url()'s result as a full URL when the site's URL is known (--base-url https://…)."""
        return config.site_url + rooted.removeprefix(config.base_path) if "://" in config.base_url else rooted

    env.globals.update(t=t, url=url, asset=asset, absolute=absolute, site=text, base_path=config.base_path, **globals_)
    env.filters.update(lowerfirst=lambda text: text[:1].lower() + text[1:],
                       number=i18n.number, period=i18n.period, day=i18n.day, value=i18n.value)
    return env


def page(env: Environment, template: str, context: dict[str, Any]) -> str:
    """Render one page template to a string; a template error names the template and line."""
    try:
        return env.get_template(template).render(context)
    except TemplateSyntaxError as exc:
        raise BuildError([Problem(f"templates/{exc.name or template}", exc.lineno or 1, 1,
                                  f"template syntax error: {exc.message}")]) from None
    except (TemplateError, KeyError, AttributeError, TypeError, ValueError) as exc:
        name, line = _template_frame(exc, template)
        raise BuildError([Problem(f"templates/{name}", line, 1,
                                  f"template error while rendering {template}: {exc}")]) from None


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


def stories(all_stories: list[Story], parts: dict[str, Components], problems: list[Problem]) -> dict[tuple, str]:
    """Every story's body as sanitised HTML, by (key, lang).

    Component calls are rendered here, in order; the Markdown of many stories is converted on
    every core (it is pure text to text, and the slowest part of a site with thousands of stories).
    """
    bodies = [_components(s, parts[s.lang], problems) for s in all_stories]
    converted = workers.map_on_cores(_to_html, [body for body, _ in bodies], MARKDOWN_POOL_FROM, chunksize=32)
    out = {}
    for story, (_, collected), html in zip(all_stories, bodies, converted, strict=True):
        if collected is not None:
            html = _BLOCK_TOKEN.sub(lambda m, c=collected: c.parts[int(m.group(1))], html)
            html = _TOKEN.sub(lambda m, c=collected: c.parts[int(m.group(1))], html)
        out[story.key, story.lang] = html
    return out


MARKDOWN_POOL_FROM = 200  # fewer stories are converted in-process: starting workers costs about 0.3 s
COMPONENTS = ("figure", "chart", "claim", "target")


def _components(story: Story, components: Components, problems: list[Problem]) -> tuple[str, Collected | None]:
    """The story's Markdown with each component call replaced by a token for its HTML."""
    if not any(mark in story.body for mark in ("{{", "{%", "{#")):
        return story.body, None  # plain Markdown: nothing for Jinja to do
    collected = Collected(components, story.path, story.body_line, story.body.split("\n"))
    try:
        body = _compiled(story.body).render({name: collected.wrap(name) for name in COMPONENTS})
    except TemplateSyntaxError as exc:
        problems.append(Problem(story.path, story.body_line + (exc.lineno or 1) - 1, 1,
                                f"component syntax error: {exc.message}; write e.g. "
                                "{{ figure(\"bac-ninh\", \"online-dossier-rate\") }}"))
        return "", None
    except TemplateError as exc:
        problems.append(Problem(story.path, story.body_line + _template_frame(exc, "")[1] - 1, 1,
                                f"component error: {str(exc).rstrip('.')}; "
                                "the components are figure(), chart() and claim()"))
        return "", None
    problems.extend(collected.problems)
    return body, collected


@functools.lru_cache(maxsize=1024)  # the preview renders the same bodies on every save
def _compiled(body: str) -> Template:
    """A story body compiled in the sandbox: components only, no access to Python's insides."""
    return _sandbox().from_string(body)


@functools.cache
def _sandbox() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def _to_html(text: str) -> str:
    """Markdown to HTML, keeping only the tags and attributes a story may use."""
    html = _markdown().reset().convert(text)
    return nh3.clean(html, tags=_STORY_TAGS, attributes={"a": {"href", "title"}, "abbr": {"title"},
                                                          "th": {"scope"}, "td": set()})


_STORY_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "table",
               "thead", "tbody", "tr", "th", "td", "abbr", "code", "pre", "br", "hr", "sup", "sub"}
