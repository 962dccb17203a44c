#!/usr/bin/env bash
# Prepare a machine for the whole test suite, as root, installing only what is absent:
# Debian's Chromium (the reading-room, replay and rendering tests drive /usr/bin/chromium; no
# browser is ever downloaded), fonts-noto-core (Arabic in their screenshots) and npm (fetches
# the pinned ReplayWeb.page package for the WACZ replay tests), then the PostgreSQL and Redis
# servers on 127.0.0.1 (tests/services.sh).
# An npm that is already there (often bundled with a Node.js from outside Debian) is kept:
# Debian's npm package conflicts with such a Node.js and would stop apt-get altogether.
# Safe to run again: does nothing when everything is already there. README and .ci/run call it.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-noto-core)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

exec bash "$(dirname "$0")/services.sh"
