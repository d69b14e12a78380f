"""Generated projects for the scale benchmarks: many stories, and a dataset of 63 provinces.

Everything is deterministic (a seeded random generator), so runs compare like with like. Each
generated figure is checked by the build like a real one: its quote stands in a generated archive.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

WORDS = {
    "vi": ("chuyển đổi số dịch vụ công trực tuyến người dân doanh nghiệp hạ tầng dữ liệu tỉnh huyện xã "
           "chính quyền kinh tế xã hội thanh toán định danh điện tử hồ sơ thủ tục hành chính năm kế hoạch "
           "mục tiêu kết quả").split(),
    "en": ("digital transformation online public services residents businesses infrastructure data province "
           "district commune government economy society payment identity electronic dossier procedure year "
           "plan goal result").split(),
}


def _sentence(rng: random.Random, lang: str, words: int) -> str:
    text = " ".join(rng.choice(WORDS[lang]) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def story_body(rng: random.Random, lang: str) -> str:
    """About 450 words of Markdown: headings, paragraphs, a list, emphasis and a link."""
    parts = []
    for section in range(3):
        parts.append(f"## {_sentence(rng, lang, 4)[:-1]}")
        for _ in range(3):
            paragraph = " ".join(_sentence(rng, lang, rng.randint(8, 16)) for _ in range(4))
            parts.append(f"**{paragraph}**" if section == 1 and not parts[-1].startswith("**") else paragraph)
        parts.append("\n".join(f"- {_sentence(rng, lang, 6)}" for _ in range(3)))
    parts.append("[" + _sentence(rng, lang, 3)[:-1] + "](../)")
    return "\n\n".join(parts) + "\n"


def stories(count: int) -> list[dict]:
    """count stories (half vi, half en, in pairs), as plain fields shared by both generators."""
    rng = random.Random(2000)
    out = []
    for n in range(count // 2):
        day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        for lang in ("vi", "en"):
            out.append({"key": f"story-{n:04d}", "lang": lang, "date": day,
                        "title": _sentence(rng, lang, 6)[:-1], "summary": _sentence(rng, lang, 12),
                        "body": story_body(rng, lang)})
    return out


def with_stories(into: Path, count: int) -> Path:
    """A copy of the real project with count generated stories added to content/stories/."""
    project = into / "stories-project"
    project.mkdir()
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "build.py", project / "build.py")
    for story in stories(count):
        front = "\n".join(f"{key}: {story[key]}" for key in ("title", "date", "summary", "lang", "key"))
        (project / "content" / "stories" / f"{story['key']}.{story['lang']}.md").write_text(
            f"---\n{front}\n---\n{story['body']}", encoding="utf-8")
    return project


PELICAN_CONF = '''SITENAME = "Chuyển đổi số"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
RELATIVE_URLS = True
'''


def pelican_project(into: Path, count: int) -> Path:
    """The same stories as Pelican reads them (its own metadata lines), with its default theme."""
    project = into / "pelican-project"
    (project / "content").mkdir(parents=True)
    (project / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    for story in stories(count):
        meta = (f"Title: {story['title']}\nDate: {story['date']}\nSummary: {story['summary']}\n"
                f"Lang: {story['lang']}\nSlug: {story['key']}\n")
        (project / "content" / f"{story['key']}.{story['lang']}.md").write_text(
            f"{meta}\n{story['body']}", encoding="utf-8")
    return project


def _dump(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def provinces_project(into: Path, provinces: int = 63, indicators: int = 50, years: int = 5,
                      charted: int = 8, text_from: Path = ROOT) -> Path:
    """provinces × indicators × years observations, each quoted from a generated article per province.

    Charts: one per indicator (automatic) and, in content/charts.yaml, a history chart for each
    province's first `charted` indicators. The site's words come from text_from's content/site.yaml.
    """
    rng = random.Random(63)
    project = into / "provinces-project"
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "build.py", project / "build.py")
    (project / "content" / "stories").mkdir(parents=True)
    shutil.copy(text_from / "content" / "site.yaml", project / "content" / "site.yaml")
    for lang, title in (("vi", "Phương pháp"), ("en", "Method")):
        _write(project / "content" / "pages" / f"method.{lang}.md",
               f"---\ntitle: {title}\ndate: 2025-01-01\nsummary: {title}.\nlang: {lang}\nkey: method\n---\n"
               f"{_sentence(rng, lang, 30)}\n")
    ids = [f"p{n:02d}" for n in range(1, provinces + 1)]
    palette = ["#0072B2", "#C24E00", "#007A5E", "#5F5F5F", "#8F3F71", "#1F5F9F"]
    _dump(project / "data" / "provinces.yaml", [
        {"id": p, "name": {"vi": f"Tỉnh {p[1:]}", "en": f"Province {p[1:]}"}, "kind": "province",
         "colour": {"light": palette[n % len(palette)], "dark": "#E69F00"}, "merger_note": None}
        for n, p in enumerate(ids)])
    pillars = [{"id": f"pillar-{n}", "label": {"vi": f"Trụ cột {n}", "en": f"Pillar {n}"}} for n in range(1, 6)]
    inds = [{"id": f"i{n:02d}", "pillar": f"pillar-{1 + n % 5}",
             "label": {"vi": f"Chỉ số {n:02d}", "en": f"Indicator {n:02d}"},
             "definition": {"vi": f"Định nghĩa chỉ số {n:02d}.", "en": f"Definition of indicator {n:02d}."},
             "unit": "percent" if n % 5 else "count", "higher_is_better": True, "comparable": True}
            for n in range(1, indicators + 1)]
    for ind in inds:  # figures side by side need their articles' words for what they count: none given here
        ind["basis"] = [{"province": p, "source": f"src-{p}", "words": None} for p in ids]
    _dump(project / "data" / "indicators.yaml", {"pillars": pillars, "indicators": inds})
    sources, charts = [], []
    for p in ids:
        lines, observations = [f"Tỉnh {p[1:]} công bố số liệu chuyển đổi số."], []
        for ind in inds:
            for year in range(2020, 2020 + years):
                if ind["unit"] == "percent":
                    value = round(rng.uniform(5, 99), 1)
                    shown = f"{value:.1f}".replace(".", ",").removesuffix(",0") + "%"
                else:
                    value = rng.randint(100, 900_000)
                    shown = f"{value:,}".replace(",", ".")
                quote = f"Năm {year}, {ind['label']['vi'].lower()} của tỉnh {p[1:]} đạt {shown}."
                lines.append(quote)
                observations.append({"province": p, "indicator": ind["id"], "value": value, "qualifier": "exact",
                                     "as_of": str(year), "source": f"src-{p}", "quote": quote,
                                     "quote_en": f"In {year}, province {p[1:]}: {ind['label']['en']}, {value}."})
        text = "\n".join(lines) + "\n"
        _write(project / "data" / "sources" / f"src-{p}.txt", text)
        _dump(project / "data" / "observations" / f"{p}.yaml", observations)
        sources.append({"id": f"src-{p}", "file": f"src-{p}.txt", "title": f"Số liệu tỉnh {p[1:]}",
                        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        "outlet": None, "language": "vi", "published": "2025-06",
                        "published_note": {"vi": "Bài tổng hợp.", "en": "A generated summary."},
                        "provinces": [p]})
        charts += [{"id": f"{p}-{ind['id']}", "kind": "history", "indicators": [ind["id"]], "provinces": [p],
                    "title": {"vi": f"{ind['label']['vi']}, tỉnh {p[1:]}",
                              "en": f"{ind['label']['en']}, province {p[1:]}"}}
                   for ind in inds[:charted]]
    _dump(project / "data" / "sources.yaml", sources)
    _dump(project / "data" / "targets.yaml", [])
    _dump(project / "data" / "events.yaml", [])
    _dump(project / "content" / "charts.yaml", charts)
    return project


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
