"""What the YAML and Jinja parsers say, retold in the newsroom's language.

Both libraries speak English, in their own terms ("did not find expected key", "unexpected '}'").
Their usual sayings are matched here and told from messages.yaml; one not matched keeps its words,
marked as the parser's own.
"""

from __future__ import annotations

import re

from sitegen.messages import say

_YAML = (
    (r"cannot start any token", "parser_yaml_start"),
    (r"expected key|expected <block end>, but found '<block mapping start>'", "parser_yaml_key"),
    (r"expected '-' indicator|expected <block end>, but found '<block sequence start>'", "parser_yaml_dash"),
    (r"expected node content|expected the node content", "parser_yaml_node"),
    (r"expected ',' or '\]'", "parser_yaml_list"),
    (r"expected ',' or '}'", "parser_yaml_braces"),
    (r"could not find expected ':'", "parser_yaml_colon"),
    (r"unexpected end of stream", "parser_yaml_end"),
    (r"unknown escape character", "parser_yaml_escape"),
    (r"mapping values are not allowed", "parser_yaml_mapping"),
    (r"block sequence entries are not allowed", "parser_yaml_sequence"),
    (r"control characters are not allowed|special characters are not allowed", "parser_yaml_control"),
    (r"expected comment or line break", "parser_yaml_after"),
    (r"tag handle|expected '!'|while scanning a tag", "parser_yaml_tag"),
    (r"alphabetic or numeric character", "parser_yaml_anchor"),
    (r"document", "parser_yaml_document"),
)
# Jinja's names for the tokens a story can hold, as a reporter writes them.
_TOKENS = {"end of print statement": "}}", "begin of print statement": "{{", "end of statement block": "%}",
           "begin of statement block": "{%", "string": "\"…\"", "name": "…", "integer": "0–9", "float": "0–9",
           "end of template": "…"}
_JINJA = (
    (r"^unexpected '(?P<token>[^']*)', expected '\)'", "parser_jinja_close"),
    (r"^unexpected char (?P<q>['\"])(?P<char>.+?)(?P=q) at \d+", "parser_jinja_char"),
    (r"^unexpected end of template", "parser_jinja_end"),
    (r"^expected token ',', got '(?P<token>[^']*)'", "parser_jinja_comma"),
    (r"^expected token 'end of print statement', got '(?P<token>[^']*)'", "parser_jinja_after"),
    (r"^expected token '(?P<want>[^']*)', got '(?P<token>[^']*)'", "parser_jinja_expected"),
    (r"^[Ee]xpected an expression, got '(?P<token>[^']*)'", "parser_jinja_expression"),
    (r"^[Ee]ncountered unknown tag '(?P<token>[^']*)'", "parser_jinja_tag"),
    (r"^unexpected '(?P<token>[^']*)'", "parser_jinja_unexpected"),
    (r"^'(?P<token>[^']*)' is undefined", "parser_jinja_undefined"),
    (r"^access to attribute '(?P<token>[^']*)' of '[^']*' object is unsafe", "parser_jinja_unsafe"),
)


def yaml(problem: str, char: str = "") -> str:
    """What PyYAML or LibYAML said (its problem, without the "while parsing…" context), retold."""
    for pattern, key in _YAML:
        if re.search(pattern, problem):
            return say(key, char=char or "?")
    return say("parser_own_yaml", reason=problem)


def jinja(message: str) -> str:
    """What Jinja said about a story or template, retold."""
    for pattern, key in _JINJA:
        if found := re.search(pattern, message.strip()):
            slots = {name: _TOKENS.get(value, value) for name, value in found.groupdict().items() if value}
            return say(key, **{"token": "", "want": "", "char": "", **slots})
    return say("parser_own", reason=message.strip().rstrip("."))
