"""Story and prose-page bodies to sanitised HTML: components, then Markdown, then nh3.

A body runs in Jinja's sandbox with the components as its only names. Each component call renders
its HTML at once and leaves a token (private-use characters, which stories may not contain) in the
Markdown; after Markdown and sanitising, each token is swapped back for its HTML. A bad call is a
problem at the story's line. The Markdown of many stories is converted on every core.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import nh3
from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.read import retold
from sitegen.read.content import Story
from sitegen.render import calls, workers
from sitegen.render.components import ComponentError, Components
from sitegen.render.glossing import FirstUses, Gloss

COMPONENTS = calls.NAMES
MARKDOWN_POOL_FROM = 200  # fewer stories are converted in-process: starting workers costs about 0.3 s
_TOKEN = re.compile("\ue000(\\d+)\ue001")
_BLOCK_TOKEN = re.compile("<p>\ue000(\\d+)\ue001</p>")
_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "table", "thead", "tbody",
         "tr", "th", "td", "abbr", "code", "pre", "br", "hr", "sup", "sub"}


def bodies(stories: list[Story], parts: dict[str, Components], problems: list[Problem],
           glosses: dict[str, tuple[Gloss, ...]] | None = None, forks: bool = False) -> dict[tuple[str, str], str]:
    """Every story's body as sanitised HTML, by (key, lang), each glossary term linked where it is first
    used (glosses: by language); bad component calls go into problems. Many are converted on every
    core: with a forked copy when the process may fork (see workers.on_forks), else worker processes."""
    expanded = [_components(s, parts[s.lang], problems) for s in stories]
    jobs = [(body, (glosses or {}).get(story.lang, ())) for story, (body, _) in zip(stories, expanded, strict=True)]
    converted = (workers.on_forks(_to_html, jobs, MARKDOWN_POOL_FROM) if forks
                 else workers.map_on_cores(_to_html, jobs, MARKDOWN_POOL_FROM, chunksize=32))
    out = {}
    for story, (_, collected), html in zip(stories, expanded, converted, strict=True):
        if collected is not None:
            html = _BLOCK_TOKEN.sub(lambda m, c=collected: c.parts[int(m.group(1))], html)
            html = _TOKEN.sub(lambda m, c=collected: c.parts[int(m.group(1))], html)
        out[story.key, story.lang] = html
    return out


@dataclass
class _Collected:
    """Component calls in one story: each renders to a token, swapped for its HTML after sanitising."""

    components: Components
    story: Story
    problems: list[Problem] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    seen: dict[tuple[int, str], int] = field(default_factory=dict)  # calls made so far, by line and name

    def wrap(self, name: str) -> Callable[..., str]:
        def call(*args: object, **kwargs: object) -> str:
            line = _story_line()
            nth = self.seen[line, name] = self.seen.get((line, name), 0) + 1
            try:
                html = self.components.call(name, args, kwargs)
            except ComponentError as exc:
                if not exc.spared:
                    self.problems.append(self._at(name, line, nth, str(exc)))
                return ""
            self.parts.append(str(html))
            return f"\ue000{len(self.parts) - 1}\ue001"
        return call

    def _at(self, name: str, line: int, nth: int, message: str) -> Problem:
        """A problem at the nth call of name on the story's line (the one that went wrong, not the first)."""
        lines = self.story.body.split("\n")
        text = lines[line - 1] if line <= len(lines) else ""
        starts = [m.start() for m in re.finditer(rf"\b{name}\s*\(", text)] or [0]
        return Problem(self.story.path, self.story.body_line + line - 1, starts[min(nth, len(starts)) - 1] + 1, message)


def _story_line() -> int:
    """The line of the story template that is calling a component right now."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return 1


def _components(story: Story, components: Components, problems: list[Problem]) -> tuple[str, _Collected | None]:
    """The story's Markdown with each component call replaced by a token for its HTML."""
    if not any(mark in story.body for mark in ("{{", "{%", "{#")):
        return story.body, None  # plain Markdown: nothing for Jinja to do
    slips = calls.slips(story.body)  # what Jinja would misread, or tell in its own terms
    problems.extend(Problem(story.path, story.body_line + s.line - 1, s.col, s.message) for s in slips)
    told = {story.body_line + s.line - 1 for s in slips}  # a slip's line needs no second, vaguer message
    collected = _Collected(components, story)
    try:
        body = _compiled(story.body).render({name: collected.wrap(name) for name in COMPONENTS})
    except TemplateSyntaxError as exc:
        problem = Problem(story.path, story.body_line + (exc.lineno or 1) - 1, 1,
                          say("component_syntax", reason=retold.jinja(exc.message or "")))
        problems.extend([problem] if problem.line not in told and not slips else [])
        return "", None
    except TemplateError as exc:
        problems.append(Problem(story.path, story.body_line + _template_line(exc) - 1, 1,
                                say("component_error", reason=retold.jinja(str(exc)))))
        return "", None
    problems.extend(p for p in collected.problems if p.line not in told)
    return body, collected


def _template_line(exc: BaseException) -> int:
    """The line of the story template in a traceback that Jinja has rewritten."""
    tb, found = exc.__traceback__, 1
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "top-level template code":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


@functools.lru_cache(maxsize=1024)  # the preview renders the same bodies on every save
def _compiled(body: str) -> Template:
    """A story body compiled in the sandbox: components only, no access to Python's insides."""
    return _sandbox().from_string(body)


@functools.cache
def _sandbox() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


@functools.cache
def _markdown() -> tuple[markdown.Markdown, FirstUses]:
    glossary = FirstUses()
    return markdown.Markdown(extensions=["extra", "sane_lists", glossary], output_format="html"), glossary


def _to_html(job: tuple[str, tuple[Gloss, ...]]) -> str:
    """Markdown to HTML with the glossary's first uses linked, keeping only the tags and attributes a
    story may use (the glossary's links keep their one class)."""
    text, glosses = job
    converter, glossary = _markdown()
    glossary.glosses = glosses
    html = converter.reset().convert(text)
    return nh3.clean(html, tags=_TAGS, attributes={"a": {"href", "title"}, "abbr": {"title"},
                                                   "th": {"scope"}, "td": set()},
                     tag_attribute_values={"a": {"class": {"gloss"}}})
