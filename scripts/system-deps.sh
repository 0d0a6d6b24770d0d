#!/usr/bin/env bash
# Install the system packages the tests need and pip cannot give: Debian's chromium, which the
# browser tests drive through Playwright (never `playwright install`: that downloads a browser).
# Does nothing when /usr/bin/chromium is already there. Usage: scripts/system-deps.sh
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: /usr/bin/chromium is missing and there is no apt-get to install it." >&2
    echo "Install Chromium with your system's package manager so that /usr/bin/chromium exists," >&2
    echo "then run again." >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: /usr/bin/chromium is missing and installing it needs root." >&2
    echo "Run: sudo apt-get install -y chromium   (or this script as root), then run again." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "system-deps: installing Debian's chromium (about 480 MB, under a minute)"
# A fresh machine may have empty package lists: update only when the install fails without it.
if ! apt-get install -y chromium; then
    echo "system-deps: install failed; running apt-get update and trying again"
    apt-get update
    apt-get install -y chromium
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "system-deps: apt-get installed chromium but /usr/bin/chromium is not there." >&2
    echo "Check 'dpkg -L chromium' and report it." >&2
    exit 1
fi
