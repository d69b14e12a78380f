"""Property tests: generated data and stories, valid and broken, never crash the build.

Either the build succeeds with a complete site, or it reports clean located problems and leaves
the last good site/ exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import make_project, tree
from sitegen import pipeline
from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.read import locales

pytestmark = pytest.mark.slow  # hundreds of generated cases; `make quick` leaves it out

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "500"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
NOISE = st.sampled_from(["\t", ":", " ", "- ", "'", '"', "&a ", "*a", "!!python/object:os.system ", "{", "}", "[",
                         "]", "#", "\n", "%", "@", "`", "|", ">", "value: ", "127.178", "72,3%", "\x00", "\ufeff",
                         "null", "~", "2024-02-30", "bac-ninh", "é", "🙂", "<script>"])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("props"))
    pipeline.build(Config.at(root))
    return root


def _check_outcome(root: Path, before: dict[str, bytes] | None = None) -> bool:
    """Check (or build); True if it succeeded, False for clean problems; anything else fails the test."""
    config = Config.at(root)
    try:
        if before is None:
            model, _, problems, _ = pipeline.check(config)
            if problems or model is None:
                raise BuildError(problems)
        else:
            pipeline.build(config)
        return True
    except BuildError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert (root / problem.path).exists() or problem.path.startswith(("data/", "content/", "templates/"))
            assert problem.line >= 1 and problem.col >= 1 and problem.message.strip()
            assert "Traceback" not in problem.message
        if before is not None:
            assert _tree(root / "site") == before, "a failed build touched site/"
        return False


_tree = tree


@SETTINGS
@given(edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 12), NOISE), min_size=1, max_size=6))
def test_mutated_yaml_never_crashes(project: Path, edits: list[tuple[int, int, str]]) -> None:
    path = project / "data" / "observations" / "alpha.yaml"
    original = path.read_text(encoding="utf-8")
    text = original
    for at, cut, noise in edits:
        at %= len(text) + 1
        text = text[:at] + noise + text[at + cut:]
    try:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _check_outcome(project)
    finally:
        path.write_text(original, encoding="utf-8")


VALUES = st.one_of(st.integers(0, 10_000_000), st.decimals(0, 100, places=2).map(float))


@SETTINGS
@given(value=VALUES, qualifier=st.sampled_from(["exact", "over", "about", "nearly", "at-least", "up-to", "more"]),
       as_of=st.sampled_from(["2024", "2024-09", "2024-09-15", "2024-01/2024-09", "2024-13", "15/9/2024"]),
       state=st.booleans(), unit=st.sampled_from(["online-dossier-rate", "dossiers-processed", "nope"]))
@example(value=92.5, qualifier="exact", as_of="2024-09", state=True, unit="online-dossier-rate")  # ties beta
def test_generated_observations_load_or_explain(project: Path, value: float, qualifier: str, as_of: str,
                                                state: bool, unit: str) -> None:
    source = project / "data" / "sources" / "alpha.txt"
    sources = project / "data" / "sources.yaml"
    observations = project / "data" / "observations" / "extra.yaml"
    original, listed = source.read_text(encoding="utf-8"), sources.read_text(encoding="utf-8")
    written = locales.number(value, "vi")
    quote = f"Chỉ số mới đạt {written if state else 'mức cao'} trong năm"
    try:
        source.write_text(original + quote + ".\n", encoding="utf-8")
        # the archive is sealed: record the new text's hash, as a reporter fixing our copy would
        old, new = (hashlib.sha256(text.encode("utf-8")).hexdigest() for text in (original, original + quote + ".\n"))
        sources.write_text(listed.replace(old, new), encoding="utf-8")
        observations.write_text(
            f"- province: alpha\n  indicator: {unit}\n  value: {value!r}\n  qualifier: {qualifier}\n"
            f"  as_of: \"{as_of}\"\n  source: alpha\n  quote: \"{quote}\"\n  quote_en: \"ours\"\n", encoding="utf-8")
        ok = _check_outcome(project)
        valid = (state and qualifier != "more" and unit != "nope"
                 and as_of not in ("2024-13", "15/9/2024", "2024")  # unreal, not ISO, ends after publication
                 and as_of != "2024-01/2024-09"  # the article already gives both figures for that period
                 and (unit != "online-dossier-rate" or value <= 100)
                 and (unit != "dossiers-processed" or value == int(value)))
        if valid and not ok:  # a valid newer figure may overturn a story's claim (alpha trails beta): refused
            _, _, problems, _ = pipeline.check(Config.at(project))
            assert all(p.message.startswith("claim(") and "not supported by the data" in p.message
                       for p in problems), problems
        else:
            assert ok == valid
    finally:
        source.write_text(original, encoding="utf-8")
        sources.write_text(listed, encoding="utf-8")
        observations.unlink(missing_ok=True)


CALLS = st.sampled_from(['{{ figure("alpha", "online-dossier-rate") }}', '{{ figure("gamma", "x") }}',
                         '{{ chart("online") }}', '{{ chart("nope") }}', '{{ claim("beta", "online-dossier-rate", '
                         '"leads", "alpha") }}', '{{ claim("alpha", "online-dossier-rate", "leads", "beta") }}',
                         "{{ oops( }}", "{% if %}", "<script>x</script>", "**bold**", "\n\n## Heading\n", "{{", "}}"])


@settings(max_examples=max(EXAMPLES // 10, 10), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(CALLS, st.text(max_size=30)), max_size=8), broken_front=st.booleans())
def test_generated_stories_build_or_leave_the_site(project: Path, parts: list[str], broken_front: bool) -> None:
    story = project / "content" / "stories" / "generated.vi.md"
    front = "---\ntitle: T\ndate: 2024-10-01\nsummary: S\nlang: vi\nkey: generated\n"
    front += "" if broken_front else "---\n"
    before = _tree(project / "site")
    try:
        story.write_text(front + " ".join(parts) + "\n", encoding="utf-8", errors="surrogatepass")
        if _check_outcome(project, before):
            assert (project / "site" / "stories" / "generated" / "index.html").is_file()
            assert (project / "site" / "en" / "index.html").is_file()
    finally:
        story.unlink(missing_ok=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        pipeline.build(Config.at(project))
