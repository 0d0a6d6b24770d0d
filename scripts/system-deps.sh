#!/usr/bin/env bash
# Install the system packages the tests need and pip cannot give: Debian's chromium, which the
# browser tests drive through Playwright (never `playwright install`: that downloads a browser),
# and Debian's postgresql, whose binaries (initdb, pg_ctl) the PostgreSQL tests start a
# throwaway server with. Installs only what is missing. Usage: scripts/system-deps.sh
set -euo pipefail

missing=()
if [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    missing+=(postgresql)
fi
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: ${missing[*]} missing and there is no apt-get to install them." >&2
    echo "Install them with your system's package manager (/usr/bin/chromium and PostgreSQL's" >&2
    echo "initdb must exist), then run again." >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: ${missing[*]} missing and installing needs root." >&2
    echo "Run: sudo apt-get install -y ${missing[*]}   (or this script as root), then run again." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "system-deps: installing Debian's ${missing[*]}"
# A fresh machine may have empty package lists: update only when the install fails without it.
if ! apt-get install -y "${missing[@]}"; then
    echo "system-deps: install failed; running apt-get update and trying again"
    apt-get update
    apt-get install -y "${missing[@]}"
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "system-deps: apt-get ran but /usr/bin/chromium is not there." >&2
    echo "Check 'dpkg -L chromium' and report it." >&2
    exit 1
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    echo "system-deps: apt-get ran but PostgreSQL's initdb is not there." >&2
    echo "Check 'dpkg -L postgresql' and report it." >&2
    exit 1
fi
