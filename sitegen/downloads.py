"""The data downloads: every table as CSV and JSON, built with pandas."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from .chartbook import Figure
from .data import Dataset
from .records import Text


@dataclass(frozen=True)
class Table:
    """One download: its name, a description of each column, and its rows."""

    name: str
    title: Text
    columns: dict[str, Text]
    frame: pd.DataFrame

    def files(self) -> dict[str, bytes]:
        csv = self.frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
        json = self.frame.to_json(orient="records", force_ascii=False, indent=2) + "\n"
        return {f"data/{self.name}.csv": csv, f"data/{self.name}.json": json.encode("utf-8")}


def _plain(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _c(vi: str, en: str) -> Text:
    return Text(vi=vi, en=en)


_ID = _c("Mã định danh ổn định của dòng", "Stable id of the row")
_PROV = _c("Mã tỉnh (bac-kan, bac-ninh, vietnam = bình quân cả nước)",
           "Province id (bac-kan, bac-ninh, vietnam = national average)")
_IND = _c("Mã chỉ số (xem indicators.csv)", "Indicator id (see indicators.csv)")
_SRC = _c("Mã bài báo nguồn (xem sources.csv)", "Source article id (see sources.csv)")
_QUOTE = _c("Câu trích nguyên văn từ bài báo nêu con số", "Verbatim quote from the article stating the figure")


def tables(data: Dataset) -> list[Table]:
    """Every downloadable table, in the order the data page lists them."""
    ind, src, prov = data.indicators, data.sources, data.provinces
    observations = pd.DataFrame([{
        "id": o.id, "province_id": o.province, "province_name_vi": prov[o.province].name.vi,
        "province_name_en": prov[o.province].name.en, "indicator_id": o.indicator,
        "indicator_label_vi": ind[o.indicator].label.vi, "indicator_label_en": ind[o.indicator].label.en,
        "pillar_id": ind[o.indicator].pillar, "value": _plain(o.value), "unit": ind[o.indicator].unit,
        "qualifier": o.qualifier, "as_of": o.as_of.text, "as_of_start": o.as_of.start.isoformat(),
        "as_of_end": o.as_of.end.isoformat(), "source_id": o.source, "source_title": src[o.source].title,
        "quote": o.quote, "note_vi": o.note.vi if o.note else "", "note_en": o.note.en if o.note else "",
    } for o in data.observations], dtype=object)
    obs_cols = {
        "id": _ID, "province_id": _PROV, "province_name_vi": _c("Tên tỉnh (tiếng Việt)", "Province name (Vietnamese)"),
        "province_name_en": _c("Tên tỉnh (tiếng Anh)", "Province name (English)"), "indicator_id": _IND,
        "indicator_label_vi": _c("Tên chỉ số (tiếng Việt)", "Indicator label (Vietnamese)"),
        "indicator_label_en": _c("Tên chỉ số (tiếng Anh)", "Indicator label (English)"),
        "pillar_id": _c("Trụ cột", "Pillar"),
        "value": _c("Giá trị dạng máy đọc (dấu chấm thập phân, không phân cách hàng nghìn)",
                    "Machine-readable value (decimal point, no thousands separator)"),
        "unit": _c("Đơn vị: percent, percentage-points, count, rank, hectares, vnd",
                   "Unit: percent, percentage-points, count, rank, hectares, vnd"),
        "qualifier": _c("exact, over (hơn), about (khoảng), at-least (ít nhất), up-to (tối đa)",
                        "exact, over, about, at-least, up-to"),
        "as_of": _c("Thời điểm hoặc kỳ số liệu như bài báo nêu (ISO 8601)", "Date or period of the figure (ISO 8601)"),
        "as_of_start": _c("Ngày đầu của kỳ", "First day of the period"),
        "as_of_end": _c("Ngày cuối của kỳ", "Last day of the period"),
        "source_id": _SRC, "source_title": _c("Tiêu đề bài báo nguồn", "Title of the source article"),
        "quote": _QUOTE, "note_vi": _c("Ghi chú (tiếng Việt)", "Note (Vietnamese)"),
        "note_en": _c("Ghi chú (tiếng Anh)", "Note (English)"),
    }
    indicators = pd.DataFrame([{
        "id": i.id, "pillar_id": i.pillar, "label_vi": i.label.vi, "label_en": i.label.en,
        "definition_vi": i.definition.vi, "definition_en": i.definition.en, "unit": i.unit,
        "higher_is_better": "" if i.higher_is_better is None else str(i.higher_is_better).lower(),
        "comparable": str(i.comparable).lower(),
        "related": " ".join(r.indicator for r in i.related),
    } for i in ind.values()], dtype=object)
    ind_cols = {
        "id": _IND, "pillar_id": _c("Trụ cột", "Pillar"), "label_vi": _c("Tên (tiếng Việt)", "Label (Vietnamese)"),
        "label_en": _c("Tên (tiếng Anh)", "Label (English)"),
        "definition_vi": _c("Định nghĩa (tiếng Việt)", "Definition (Vietnamese)"),
        "definition_en": _c("Định nghĩa (tiếng Anh)", "Definition (English)"), "unit": obs_cols["unit"],
        "higher_is_better": _c("true nếu cao hơn là tốt hơn; trống nếu không xác định",
                               "true when higher is better; empty when neither"),
        "comparable": _c("true nếu hai tỉnh dùng cùng định nghĩa", "true when both provinces use one definition"),
        "related": _c("Các chỉ số gần nghĩa nhưng khác định nghĩa", "Close indicators with a different definition"),
    }
    targets = pd.DataFrame([{
        "id": t.id, "province_id": t.province, "indicator_id": t.indicator, "value": _plain(t.value),
        "unit": ind[t.indicator].unit, "direction": t.direction, "deadline": t.deadline.text,
        "source_id": t.source, "quote": t.quote,
    } for t in data.targets.values()], dtype=object)
    tgt_cols = {"id": _ID, "province_id": _PROV, "indicator_id": _IND,
                "value": _c("Giá trị mục tiêu", "Target value"), "unit": obs_cols["unit"],
                "direction": _c("at-least (đạt ít nhất), at-most (không quá, ví dụ thứ hạng), exact",
                                "at-least, at-most (e.g. a rank), exact"),
                "deadline": _c("Thời hạn (ISO 8601)", "Deadline (ISO 8601)"), "source_id": _SRC, "quote": _QUOTE}
    events = pd.DataFrame([{
        "id": e.id, "province_id": e.province, "date": e.date.text, "kind": e.kind,
        "title_vi": e.title.vi, "title_en": e.title.en, "source_id": e.source, "quote": e.quote,
    } for e in data.events.values()], dtype=object)
    evt_cols = {"id": _ID, "province_id": _PROV, "date": _c("Ngày hoặc kỳ (ISO 8601)", "Date or period (ISO 8601)"),
                "kind": _c("Loại sự kiện", "Kind of event"),
                "title_vi": _c("Tiêu đề (tiếng Việt)", "Title (Vietnamese)"),
                "title_en": _c("Tiêu đề (tiếng Anh)", "Title (English)"), "source_id": _SRC, "quote": _QUOTE}
    sources = pd.DataFrame([{
        "id": s.id, "title": s.title, "outlet_vi": s.outlet.vi if s.outlet else "",
        "outlet_en": s.outlet.en if s.outlet else "", "language": s.language,
        "published": s.published.text, "provinces": " ".join(s.provinces),
        "observations": len(data.of_source(s.id)),
    } for s in src.values()], dtype=object)
    src_cols = {"id": _SRC, "title": _c("Tiêu đề", "Title"),
                "outlet_vi": _c("Cơ quan báo chí (trống nếu bài không ghi)",
                                "Outlet, in Vietnamese (empty where the text does not name it)"),
                "outlet_en": _c("Cơ quan báo chí, tên tiếng Anh", "Outlet, in English"),
                "language": _c("Ngôn ngữ", "Language"),
                "published": _c("Ngày hoặc kỳ đăng bài suy ra từ nội dung",
                                "Publication date or period inferred from the text"),
                "provinces": _c("Tỉnh được đề cập", "Provinces covered"),
                "observations": _c("Số con số lấy từ bài", "Number of figures taken from the article")}
    return [
        Table("observations", _c("Số liệu", "Observations"), obs_cols, observations),
        Table("indicators", _c("Chỉ số", "Indicators"), ind_cols, indicators),
        Table("targets", _c("Mục tiêu", "Targets"), tgt_cols, targets),
        Table("events", _c("Sự kiện", "Events"), evt_cols, events),
        Table("sources", _c("Nguồn", "Sources"), src_cols, sources),
    ]


def chart_csv(fig: Figure) -> bytes:
    """The numbers behind one chart, machine-readable and language-neutral."""
    return _rows_csv(tuple(fig.rows))


@functools.lru_cache(maxsize=4096)  # the preview redraws the same rows on every save
def _rows_csv(rows: tuple) -> bytes:
    frame = pd.DataFrame([row.csv() for row in rows], dtype=object)
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
