#!/usr/bin/env bash
# Runs the Playwright journeys inside a private network namespace (see
# scripts/netns.sh for why): the servers (Playwright's webServer) and Chromium
# all run in it.
#
# Usage: bash e2e/run-in-netns.sh [playwright test args...]
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/netns.sh npx playwright test -c e2e/playwright.config.ts "$@"
