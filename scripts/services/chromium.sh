#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its WebDriver (/usr/bin/chromium,
# /usr/bin/chromedriver) for the demo's browser test (demo/src/test/.../BrowserJourneyTest).
# Nothing to start: the test launches the browser itself. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_packages chromium chromium-driver

[ -x /usr/bin/chromium ] || die "chromium is installed but /usr/bin/chromium is missing"
[ -x /usr/bin/chromedriver ] || die "chromium-driver is installed but /usr/bin/chromedriver is missing"
log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(/usr/bin/chromedriver --version | head -1)"
