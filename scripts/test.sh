#!/usr/bin/env bash
# Run the lint and the whole test suite. pytest's exit 5 (no tests collected) is a failure.
set -uo pipefail
venv="${1:-.venv}"
"$venv/bin/ruff" check src tests scripts training eval || exit 1
"$venv/bin/python" -m pytest -q -p no:cacheprovider "${@:2}"
rc=$?
if [ "$rc" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
fi
exit "$rc"
