"""Read a YAML data file strictly, keeping the line and column of every value.

Refuses what a data file never needs and an attacker would use: tags, anchors and aliases,
duplicate keys (PyYAML would silently keep the last), non-UTF-8 text and binary junk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.read import retold, yamlsyntax

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # LibYAML when the wheel has it
    """SafeLoader without timestamp resolution: dates stay the strings the reporter wrote."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | float:
    """A number with a fraction exactly as written (72.3 stays 72.3, not its nearest binary float);
    YAML's .inf and .nan stay floats, which the records refuse."""
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return loader.construct_yaml_float(node)


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Positions:
    """Where each value of a loaded file stands: path tuple -> (line, col), 1-based."""

    path: str
    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: tuple, key: bool = False) -> tuple[int, int]:
        """The position of the value (or key) at loc, or of its nearest enclosing node."""
        table = self.keys if key else self.values
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: tuple, message: str, key: bool = False) -> Problem:
        line, col = self.at(loc, key)
        return Problem(self.path, line, col, message)


def loads(raw: bytes, shown: str) -> tuple[Any, Positions]:
    """Load YAML from a file's bytes (UTF-8 only)."""
    return load_text(decode(raw, shown), shown)


def load_text(text: str, shown: str) -> tuple[Any, Positions]:
    """Load YAML from text (line numbers count from its first line)."""
    if not text.strip():
        raise BuildError([Problem(shown, 1, 1, say("yaml_empty"))])
    loader = _Loader(text)
    loader.name = shown
    try:
        node = loader.get_single_node()
        if node is None:
            raise BuildError([Problem(shown, 1, 1, say("yaml_no_data"))])
        positions = Positions(shown)
        _check(node, (), positions, set())
        return loader.construct_document(node), positions
    except yaml.MarkedYAMLError as exc:
        raise BuildError([_syntax_problem(exc, shown, text)]) from None
    finally:
        loader.dispose()


def decode(raw: bytes, shown: str) -> str:
    """A file's bytes as text: UTF-8 only (a BOM is dropped); anything else is a located problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BuildError([Problem(shown, 1, 1, say("file_utf16"))])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise BuildError([Problem(shown, line, 1, say("file_binary"))])
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise BuildError([Problem(shown, line, col, say("file_not_utf8", byte=f"{raw[exc.start]:02x}"))]) from None


def _check(node: yaml.Node, loc: tuple, positions: Positions, seen_nodes: set[int], item: bool = False) -> None:
    """Walk the node tree: record positions, refuse tags, aliases and duplicate keys (`item`: node is a
    list's item)."""
    if id(node) in seen_nodes:  # an alias: the composer shares the anchored node
        raise _AliasRefused(problem=say("yaml_alias"), problem_mark=node.start_mark)
    seen_nodes.add(id(node))
    positions.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(problem=say("yaml_tag", tag=node.tag.replace("tag:yaml.org,2002:", "!!")),
                       problem_mark=node.start_mark)
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check(item, loc + (index,), positions, seen_nodes, item=True)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for at, (key_node, value_node) in enumerate(node.value):
            key = key_node.value
            if key in seen:
                raise _Refused(problem=_twice(node, at, seen[key]) if item else
                               say("yaml_duplicate_key", key=key, line=seen[key]), problem_mark=key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
            positions.keys[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _check(key_node, loc + ("\0key",), Positions(positions.path), seen_nodes)
            _check(value_node, loc + (key,), positions, seen_nodes)


def _twice(record: yaml.MappingNode, at: int, first: int) -> str:
    """A key given twice in a list's record: a second record missing its '- ' when the record's first
    key comes again, or two of its keys do; otherwise a key given twice."""
    keys = [k.value for k, _ in record.value]
    again = [k for k in keys[at:] if k in keys[:at]]
    key_node, value_node = record.value[at]
    if keys[at] != keys[0] and len(again) < 2:
        return say("yaml_duplicate_key", key=keys[at], line=first)
    value = value_node.value if isinstance(value_node, yaml.ScalarNode) else "…"
    if getattr(value_node, "style", None) in ("'", '"'):
        value = f"{value_node.style}{value}{value_node.style}"
    return say("yaml_missing_dash", key=keys[at], line=record.start_mark.line + 1,
               fixed=f"- {keys[at]}: {value}" if value else f"- {keys[at]}:")


class _Refused(yaml.MarkedYAMLError):
    """Something a data file may not hold; its problem text is already the whole message."""


class _AliasRefused(_Refused):
    pass


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = exc.problem or ""
    if "'\\t'" in reason or "\t" in (text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""):
        reason = say("yaml_tab")
    elif isinstance(exc, _Refused):  # its problem text is already the whole message
        return Problem(shown, line, col, reason)
    elif found := yamlsyntax.explain(text, line, reason):  # where the reporter slipped, not where PyYAML noticed
        line, col, reason = found
    else:  # in the newsroom's words, not the parser's
        lines = text.split("\n")
        char = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
        reason = say("yaml_syntax", reason=retold.yaml(f"{reason} {exc.context or ''}", char))
    return Problem(shown, line, col, reason)
