#!/usr/bin/env bash
# Installs what the tests need beyond Maven: a headless Chromium and its driver for the web
# console's browser tests (tagged "browser"). Idempotent; quiet when they are already there.
# On a machine where this cannot install them, run the tests with -DexcludedGroups=browser.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: chromium and chromium-driver are missing; install them (Debian: apt-get install chromium" \
    "chromium-driver) or skip the browser tests with -DexcludedGroups=browser" >&2
  exit 0
fi
echo "test-deps: installing chromium and chromium-driver for the console's browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq chromium chromium-driver >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
