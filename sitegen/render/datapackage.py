"""The downloads described as a Frictionless Data Package (data/datapackage.json).

Each CSV is a resource with its schema: every column's type, its title and description in both
languages (from `downloads` in content/site.yaml), and the licence and sources of the whole. Units
are data, not schema: a figure's unit is in its row's `unit` column, which the package says.
"""

from __future__ import annotations

import json

from sitegen.model.dataset import Dataset
from sitegen.read.content import SiteText
from sitegen.render.downloads import TABLES, Table, columns

# Columns that are not text; "" is a missing value (a JSON null), as in every table.
_TYPES = {"value": "number", "as_of_inferred": "boolean", "comparable": "boolean", "higher_is_better": "boolean",
          "observations": "integer", "as_of_start": "date", "as_of_end": "date"}
_UNIT = "unit"  # the column that holds each row's unit


def package(data: Dataset, text: SiteText, tables: list[Table], charts: list[str]) -> bytes:
    """datapackage.json for the tables and each chart's CSV, with licence and sources."""
    resources = [_resource(t.name, f"{t.name}.csv", text, t.name) for t in tables if t.name in TABLES]
    resources += [_resource(f"chart-{c}", f"charts/{c}.csv", text, "charts") for c in sorted(charts)]
    licence = text.licence
    body = {
        "profile": "tabular-data-package",
        "name": "sitegen-data",
        "title": f"{text.title('vi')} / {text.title('en')}",
        "description": f"{text.tagline('vi')}\n\n{text.tagline('en')}",
        "licenses": [{"name": licence.name, "path": licence.path, "title": licence.title}],
        "sources": [{"title": s.title, **({"path": s.url} if s.url else {})} for s in data.sources.values()],
        "resources": resources,
    }
    return (json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _resource(name: str, path: str, text: SiteText, table: str) -> dict:
    words = text.downloads[table]
    fields = []
    for column in columns(table):
        described = words.columns.get(column)
        field = {"name": column, "type": _TYPES.get(column, "string")}
        if described is not None:
            field["description"] = f"{described.vi} / {described.en}"
        if column == "value" and _UNIT in columns(table):
            field["description"] = field.get("description", "") + f" (unit: column '{_UNIT}')"
        fields.append(field)
    return {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig",
            "title": f"{words.title.vi} / {words.title.en}",
            "schema": {"fields": fields, "missingValues": [""],
                       **({"primaryKey": ["id"]} if "id" in columns(table) else {})}}
