"""pydantic's validation errors, told as a reporter can act on them, at the line of the slip."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import ValidationError

from sitegen.errors import Problem, one_of
from sitegen.messages import say
from sitegen.read import numbers, yamlfile
from sitegen.read import period as _period
from sitegen.read.names import Names
from sitegen.read.records import Record

_PROVINCE = ("province", "provinces")  # the fields that name a province


def explain(exc: ValidationError, positions: yamlfile.Positions, base: tuple, model: type[Record],
            provinces: Names | None = None) -> Iterator[Problem]:
    """Turn pydantic's errors about `model` into messages a reporter can act on, at the right line;
    `provinces` tells the id of a province written by its name."""
    for error in exc.errors(include_url=False):
        loc = base + tuple(part for part in error["loc"] if not isinstance(part, str) or not part[0].isupper())
        names = [p for p in error["loc"] if isinstance(p, str)]
        name = names[-1] if names else "record"
        kind, got = error["type"], repr(error["input"])
        if kind == "missing":
            yield positions.problem(loc[:-1], say("field_missing", name=name))
        elif kind == "extra_forbidden":
            hint = say("field_comma_split") if " " in name else ""
            yield positions.problem(loc, say("field_unknown", name=name, valid=_fields_at(model, error["loc"]),
                                             hint=hint), key=True)
        elif kind == "literal_error":
            meant = numbers.qualifier_meant(error["input"]) if isinstance(error["input"], str) else None
            hint = say("qualifier_hint", word=error["input"], fix=meant) if meant else ""
            yield positions.problem(loc, say("field_choice", name=name, expected=_choices(error["ctx"]["expected"]),
                                             got=got, hint=hint))
        elif kind == "string_pattern_mismatch" and name in _PROVINCE and provinces is not None:
            yield positions.problem(loc, _province(name, error["input"], provinces))
        elif kind == "string_pattern_mismatch":
            form = say(_FORMS.get(name, "form_id"))
            yield positions.problem(loc, say("field_form", name=name, got=got, form=form))
        elif kind == "value_error":
            yield positions.problem(loc, f"'{name}' {error['ctx']['error']}")
        elif kind.startswith(("date_", "datetime_")):
            hint = _period.guess(error["input"]) if isinstance(error["input"], str) else None
            yield positions.problem(loc, f"'{name}' {hint}" if hint else say("field_date", name=name, got=got))
        elif kind == "model_type" and error.get("ctx", {}).get("class_name") == "Text" and \
                isinstance(error["input"], str):  # one language where both belong
            yield positions.problem(loc, say("field_both_languages", name=name, got=got))
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            yield positions.problem(loc, say("field_mapping", name=name, got=got))
        elif kind in _KINDS:  # pydantic's own English, retold
            yield positions.problem(loc, say(_KINDS[kind], name=name, got=got))
        else:
            yield positions.problem(loc, say("field_other", name=name, reason=error["msg"].lower(), got=got))


def _province(name: str, written: str, names: Names) -> str:
    """A province written by its name ("Bắc Cạn"): the id it means, or the valid ones."""
    meant = names.meant(written)
    if not meant:
        return say("province_name_unknown", name=name, got=repr(written), valid=one_of(names.ids))
    shown = [f"{pid} ({names.shown[pid]})" for pid in meant]
    return say("province_name", name=name, got=repr(written), id=say("or").join(
        [", ".join(shown[:-1]), shown[-1]] if shown[1:] else shown))


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" in the language of the messages."""
    names = re.findall(r"'[^']*'", expected)
    return say("or").join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else expected


_KINDS = {"string_type": "field_text", "list_type": "field_list", "bool_type": "field_bool",
          "bool_parsing": "field_bool", "int_type": "field_whole", "int_parsing": "field_whole",
          "int_from_float": "field_whole", "too_short": "field_empty", "string_too_short": "field_empty"}
_FORMS = {"url": "form_url", "light": "form_colour", "dark": "form_colour", "file": "form_file",
          "sha256": "form_sha256"}


def _fields_at(model: type[Record], loc: tuple) -> str:
    """The valid field names of the (nested) record at loc."""
    for part in loc[:-1]:
        if isinstance(part, str) and part in model.model_fields:
            model = _record_in(model.model_fields[part].annotation) or model
    return one_of(model.model_fields)


def _record_in(annotation: object) -> type[Record] | None:
    """The record type inside an annotation such as `list[Related]`, `Text | None`, `dict[str, Text]`."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if found := _record_in(arg):
            return found
    return None


