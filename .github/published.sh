#!/usr/bin/env bash
# What readers see: the commit of the last successful deployment to the github-pages environment,
# asked of GitHub's REST API and written as sha=<commit> to $GITHUB_OUTPUT for the corrections rule
# (SITEGEN_PUBLISHED). A run that failed or was cancelled published nothing, so it never counts.
#
#   sha=<40 hex digits>  the commit readers see
#   sha=none             the site has never been published: readers have seen nothing yet
#
# Fails closed (exit 1, nothing written) when GitHub cannot be asked, when none of the latest
# deployments succeeded but older ones may have, or when the commit is not in this checkout's history
# (a force-push rewrote it, or the checkout is shallow): nothing is ever published unguarded.
#
# Needs gh and jq (both on GitHub's runners), GH_TOKEN with `deployments: read`, GITHUB_REPOSITORY,
# GITHUB_OUTPUT, and the whole history checked out (fetch-depth: 0).
set -euo pipefail

repo=${GITHUB_REPOSITORY:?}
output=${GITHUB_OUTPUT:?}
page=100 # the API's largest page; one page is searched, never more

fail() {
  echo "::error::$*" >&2
  exit 1
}

# Newest first. `gh api` exits non-zero on any HTTP error, and set -e stops the script there.
deployments=$(gh api "repos/$repo/deployments?environment=github-pages&per_page=$page")
listed=$(jq -r 'sort_by(-.id) | .[] | "\(.id) \(.sha)"' <<<"$deployments")

published=""
while read -r id sha; do
  [ -n "$id" ] || continue
  # A deployment readers saw reached `success` (it turns `inactive` once a newer one replaces it);
  # one still queued, in progress, failed or cancelled never did.
  statuses=$(gh api "repos/$repo/deployments/$id/statuses?per_page=100")
  if jq -e 'any(.[]; .state == "success")' <<<"$statuses" >/dev/null; then
    published=$sha
    break
  fi
done <<<"$listed"

if [ -z "$published" ]; then
  count=$(jq 'length' <<<"$deployments")
  if [ "$count" -ge "$page" ]; then
    fail "none of the $page latest deployments to github-pages succeeded, so the commit readers see cannot be told; ask a developer to find it and run the check with --published <commit>"
  fi
  echo "The site has never been published (no successful deployment to github-pages)."
  echo "sha=none" >>"$output"
  exit 0
fi

[[ $published =~ ^[0-9a-f]{40}$ ]] || fail "GitHub named '$published' as the deployed commit, which is not a commit hash"
git cat-file -e "$published^{commit}" 2>/dev/null ||
  fail "the commit readers see, $published, is not in this checkout's history (rewritten by a force-push, or fetched shallow); what they saw cannot be compared, so nothing is published"
echo "Readers see $published (the last successful deployment to github-pages)."
echo "sha=$published" >>"$output"
