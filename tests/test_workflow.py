"""The workflows (publishing, pull requests), checked offline: schema, zizmor's audits, pinned actions, no inline
expressions, and what each runs. check-jsonschema and zizmor come with the test extras (requirements-dev.lock, which
`make test` installs); without them those two checks fail and say so, never skip."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "pages.yml"
PULL_REQUEST = WORKFLOWS / "pr.yml"
EVERY = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?P<comment>#.*)?$")
PINNED_REF = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^#\s*v\d+(\.\d+)*\b")


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed in {BIN}; run `make test` (or `make quick`), which installs it with the "
                    "test extras from requirements-dev.lock", pytrace=False)
    return path


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    for var in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"):
        env.pop(var, None)
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_matches_github_workflow_schema():
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *EVERY)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_at_medium_or_above():
    result = run(tool("zizmor"), "--offline", "--min-severity", "medium", "--format", "json", *EVERY)
    # Exit codes: 0 = no findings, 1 = error, 10-14 = findings (14 = high).
    findings = json.loads(result.stdout) if result.stdout.strip() else None
    assert result.returncode == 0 and findings == [], (
        f"zizmor exit {result.returncode}\n"
        + "\n".join(f"{f['ident']} ({f['determinations']['severity']}): {f['desc']}" for f in findings or [])
        + result.stderr
    )


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path):
    lines = [m for line in path.read_text(encoding="utf-8").splitlines() if (m := USES_LINE.match(line))]
    # Every `uses:` the YAML holds is one of the lines checked here (no flow-style or quoted forms slip by).
    assert len(lines) == sum("uses" in step for step in steps(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert lines, "the workflow uses no actions"
    for m in lines:
        assert PINNED_REF.match(m["ref"]), f"{m['ref']} is not pinned to a full 40-character commit SHA"
        comment = (m["comment"] or "").strip()
        assert VERSION_COMMENT.match(comment), f"{m['ref']} has no '# vX.Y.Z' comment naming its version"


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.name)
def test_no_expression_inside_run(path: Path):
    runs = [step["run"] for step in steps(yaml.safe_load(path.read_text(encoding="utf-8"))) if "run" in step]
    assert runs
    for script in runs:
        assert "${{" not in script, f"pass expressions through env:, not inline in run:\n{script}"


def test_publishing_shape(workflow):
    on = workflow.get("on", workflow.get(True))
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert workflow["permissions"] in ({}, {"contents": "read"})
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read", "deployments": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert all(job.get("timeout-minutes") for job in workflow["jobs"].values())

    by_action = {step["uses"].split("@")[0]: step for step in steps(workflow) if "uses" in step}
    assert by_action["actions/checkout"]["with"]["persist-credentials"] is False
    assert by_action["actions/upload-pages-artifact"]["with"]["path"] == "site"
    pages_id = by_action["actions/configure-pages"]["id"]

    build_step = next(step for step in build["steps"] if "build.py" in step.get("run", ""))
    assert build_step["env"]["BASE_URL"] == "${{ steps." + pages_id + ".outputs.base_url }}"
    assert '--base-url "$BASE_URL"' in build_step["run"]
    # Publishing waits for check and the fast tests, not for the browser suite (README, "Workflows").
    runs = [step.get("run") for step in build["steps"]]
    assert runs.index("make check") < runs.index("make quick") < runs.index(build_step["run"])
    assert "make test" not in runs
    cache = by_action["actions/cache"]
    assert cache["with"]["path"].split() == [".cache/drawings", ".cache/specs", ".cache/search", ".cache/tests"]
    assert "hashFiles('requirements.lock', 'sitegen/render/drawing.py', 'sitegen/fonts/*')" in cache["with"]["key"]


def test_publishing_compares_with_what_readers_see(workflow):
    """The corrections rule compares with the last successful Pages deployment, found in the whole history."""
    build = workflow["jobs"]["build"]
    assert build["permissions"]["deployments"] == "read"
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"].get("fetch-depth") == 0, "the published commit must be in the history the check reads"
    found = next(step for step in build["steps"] if step.get("run") == "bash .github/published.sh")
    assert found["env"] == {"GH_TOKEN": "${{ github.token }}"}
    check = next(step for step in build["steps"] if step.get("run") == "make check")
    assert check["env"] == {"SITEGEN_PUBLISHED": "${{ steps." + found["id"] + ".outputs.sha }}"}
    assert build["steps"].index(checkout) < build["steps"].index(found) < build["steps"].index(check)
    assert "github.event.before" not in WORKFLOW.read_text(encoding="utf-8")


def test_pull_request_shape():
    workflow = yaml.safe_load(PULL_REQUEST.read_text(encoding="utf-8"))
    assert "pull_request" in workflow.get("on", workflow.get(True))
    assert workflow["permissions"] == {"contents": "read"}
    job, full = workflow["jobs"]["check"], workflow["jobs"]["full"]
    for each in (job, full):
        assert each["permissions"] == {"contents": "read"} and each["timeout-minutes"]
        assert all("actions/cache@" not in step.get("uses", "") for step in each["steps"])
    # Code changes also get the whole suite; a change to data/ or content/ alone does not wait for it.
    scope = next(step for step in full["steps"] if step.get("id") == "scope")
    assert "'^(data|content)/'" in scope["run"]
    assert next(step for step in full["steps"] if step.get("run") == "make test")["if"] == \
        "steps.scope.outputs.code == 'true'"
    by_action = {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}
    checkout = by_action["actions/checkout"]["with"]
    assert checkout["persist-credentials"] is False and checkout["fetch-depth"] == 0
    assert "actions/cache" not in by_action, "a pull request only restores the drawing cache"
    runs = [step.get("run", "") for step in job["steps"]]
    assert "make check" in runs and "make quick" in runs
    # A pull request is compared with its base branch: what readers will have seen when it merges.
    check = next(step for step in job["steps"] if step.get("run") == "make check")
    assert check["env"] == {"SITEGEN_PUBLISHED": "origin/${{ github.base_ref }}"}
    assert any("build.py --base-url" in r for r in runs)
    diff = next(step for step in job["steps"] if "build.py diff" in step.get("run", ""))
    assert diff["env"]["BASE_REF"] == "${{ github.base_ref }}" and diff["if"] == "${{ !cancelled() }}"
    assert diff["run"].endswith('--format markdown >> "$GITHUB_STEP_SUMMARY"')
