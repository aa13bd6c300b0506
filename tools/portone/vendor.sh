#!/usr/bin/env bash
# PortOne's browser SDK from npm (pinned in package.json and its lock file), copied to where
# Django serves it: frontend/static/vendor/portone/ (not committed: the package states no
# licence for redistribution, so every install fetches it, like a Python dependency).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="$REPO/frontend/static/vendor/portone"
if [ ! -d "$HERE/node_modules/@portone/browser-sdk" ] || [ "$HERE/package-lock.json" -nt "$OUT/browser-sdk-v2.js" ]; then
  npm ci --prefix "$HERE" --ignore-scripts --no-audit --no-fund --loglevel=error
fi
mkdir -p "$OUT"
cp "$HERE/node_modules/@portone/browser-sdk/dist/v2.js" "$OUT/browser-sdk-v2.js"
cp "$HERE/node_modules/@portone/browser-sdk/package.json" "$OUT/package.json"
