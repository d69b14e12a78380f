"""What readers see, as the Pages workflow finds it: `.github/published.sh` asks GitHub (here a fake `gh` that
answers from canned JSON) for the last successful deployment to github-pages, and `check` compares with it, or,
before the first publication (`none`), says there is nothing yet to compare."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from test_corrections import raise_the_target
from test_diff import commit, git

from conftest import make_project
from sitegen import cli, messages

SCRIPT = Path(__file__).resolve().parent.parent / ".github" / "published.sh"
REPO = "newsroom/site"
FAKE_GH = """#!/usr/bin/env bash
# gh api <path>?<query>: the canned answer for <path>, else fail as gh does on an HTTP error.
echo "$*" >> "{answers}/calls"
path=${{2%%\\?*}}
answer="{answers}/${{path//\\//_}}.json"
if [ "$1" = api ] && [ -f "$answer" ]; then cat "$answer"; else echo "HTTP 404: Not Found" >&2; exit 1; fi
"""


@pytest.fixture(autouse=True)
def english():
    messages.use("en")
    yield
    messages.use("en")


@pytest.fixture
def checkout(tmp_path: Path) -> tuple[Path, list[str]]:
    """A git checkout with three commits, oldest first."""
    root = tmp_path / "checkout"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shas = []
    for n in range(3):
        (root / "page.txt").write_text(f"edition {n}\n", encoding="utf-8")
        shas.append(commit(root, f"Edition {n}"))
    return root, shas


def answer(answers: Path, path: str, body: list) -> None:
    answers.mkdir(exist_ok=True)
    (answers / f"{path.replace('/', '_')}.json").write_text(json.dumps(body), encoding="utf-8")


def deployments(answers: Path, *history: tuple[int, str, list[str]]) -> None:
    """Canned deployments to github-pages, newest first: (id, commit, its statuses' states in order)."""
    answer(answers, f"repos/{REPO}/deployments", [{"id": id, "sha": sha, "environment": "github-pages"}
                                                  for id, sha, _ in history])
    for id, _, states in history:
        statuses = [{"id": id * 10 + n, "state": state} for n, state in enumerate(states)]
        answer(answers, f"repos/{REPO}/deployments/{id}/statuses", statuses[::-1])  # newest first, as GitHub


def resolve(root: Path, answers: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run the script as the workflow does, with the fake gh first on PATH; its result and what it output."""
    bin_dir = answers.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH.format(answers=answers), encoding="utf-8")
    gh.chmod(0o755)
    output = answers.parent / "github_output"
    output.write_text("", encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": REPO,
           "GITHUB_OUTPUT": str(output)}
    env.pop("GH_TOKEN", None)
    done = subprocess.run(["bash", str(SCRIPT)], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    return done, output.read_text(encoding="utf-8")


def test_the_newest_successful_deployment_wins_over_newer_ones_that_did_not_publish(checkout, tmp_path) -> None:
    root, (first, second, third) = checkout
    answers = tmp_path / "answers"
    deployments(answers, (40, third, ["queued", "in_progress"]), (30, third, ["queued", "in_progress", "failure"]),
                (20, second, ["queued", "in_progress", "success"]), (10, first, ["in_progress", "success", "inactive"]))
    done, output = resolve(root, answers)
    assert done.returncode == 0, done.stderr
    assert output == f"sha={second}\n"
    calls = (answers / "calls").read_text(encoding="utf-8").splitlines()
    assert calls[0] == f"api repos/{REPO}/deployments?environment=github-pages&per_page=100"
    asked = [call.split("?")[0] for call in calls[1:]]  # newest first, stopping at the first that published
    assert asked == [f"api repos/{REPO}/deployments/{id}/statuses" for id in (40, 30, 20)]


def test_a_deployment_replaced_by_a_newer_one_still_counts_as_seen(checkout, tmp_path) -> None:
    """Its latest state is `inactive`, but it reached `success`: readers saw it (the newer one never published)."""
    root, (first, second, third) = checkout
    answers = tmp_path / "answers"
    deployments(answers, (30, third, ["in_progress", "failure"]), (20, second, ["success", "inactive"]),
                (10, first, ["success", "inactive"]))
    done, output = resolve(root, answers)
    assert done.returncode == 0 and output == f"sha={second}\n", done.stderr


@pytest.mark.parametrize("history", [[], [(20, 1, ["failure"]), (10, 0, ["in_progress", "error"])]],
                         ids=["no deployments", "none succeeded"])
def test_a_site_never_published_is_none(checkout, tmp_path, history) -> None:
    root, shas = checkout
    answers = tmp_path / "answers"
    deployments(answers, *[(id, shas[n], states) for id, n, states in history])
    done, output = resolve(root, answers)
    assert done.returncode == 0, done.stderr
    assert output == "sha=none\n"


def test_github_not_answering_fails_closed(checkout, tmp_path) -> None:
    root, _ = checkout
    answers = tmp_path / "answers"
    answers.mkdir()
    done, output = resolve(root, answers)
    assert done.returncode != 0 and output == ""
    assert "HTTP 404" in done.stderr


def test_a_deployment_whose_statuses_cannot_be_read_fails_closed(checkout, tmp_path) -> None:
    root, (_, second, third) = checkout
    answers = tmp_path / "answers"
    deployments(answers, (30, third, ["failure"]), (20, second, ["success"]))
    (answers / f"repos_{REPO.replace('/', '_')}_deployments_30_statuses.json").unlink()
    done, output = resolve(root, answers)
    assert done.returncode != 0 and output == "", done.stdout


def test_a_full_page_without_a_success_fails_closed(checkout, tmp_path) -> None:
    """An older deployment beyond the page may have published: never take that for `none`."""
    root, (_, _, third) = checkout
    answers = tmp_path / "answers"
    deployments(answers, *[(id, third, ["failure"]) for id in range(100, 0, -1)])
    done, output = resolve(root, answers)
    assert done.returncode != 0 and output == ""
    assert "none of the 100 latest deployments to github-pages succeeded" in done.stderr


def test_a_published_commit_missing_from_the_history_fails_closed(checkout, tmp_path) -> None:
    root, _ = checkout
    answers = tmp_path / "answers"
    rewritten = "0123456789abcdef0123456789abcdef01234567"  # a force-push took it out of the history
    deployments(answers, (10, rewritten, ["success"]))
    done, output = resolve(root, answers)
    assert done.returncode != 0 and output == ""
    assert f"the commit readers see, {rewritten}, is not in this checkout's history" in done.stderr


def run(project: Path, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(args), project)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """A project whose published target (origin/main) changed without a correction."""
    project = make_project(tmp_path)
    git(project, "init", "-q", "-b", "main")
    git(project, "update-ref", "refs/remotes/origin/main", commit(project, "Published"))
    raise_the_target(project)
    return project


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "note: the site has never been published (published state: none): readers have seen no figure yet"),
    ("vi", "trang chưa đăng lần nào (trạng thái đã đăng: none): bạn đọc chưa thấy số liệu nào"),
])
def test_never_published_passes_check_with_a_note(changed: Path, capsys, monkeypatch, lang: str, note: str) -> None:
    code, _, err = run(changed, capsys, "check")
    assert code == 1 and "readers have seen this figure as 95" in err, err  # compared with origin/main by default
    monkeypatch.setenv("SITEGEN_PUBLISHED", "none")  # as the Pages workflow sets it before the first publication
    code, out, err = run(changed, capsys, "check", "--lang", lang)
    assert code == 0, err
    assert note in out, out


def test_a_published_commit_this_checkout_lacks_fails_check_closed(changed: Path, capsys) -> None:
    code, _, err = run(changed, capsys, "check", "--published", "0123456789abcdef0123456789abcdef01234567")
    assert code == 1, err
    assert err.startswith("0123456789abcdef0123456789abcdef01234567: the published state "
                          "0123456789abcdef0123456789abcdef01234567 names no commit in this checkout"), err
