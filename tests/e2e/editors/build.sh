#!/usr/bin/env bash
# Install the real editor packages from the npm registry and bundle them into dist/.
# Skips everything when dist/ is newer than the inputs. Used by `scripts/setup test`.
set -euo pipefail
cd "$(dirname "$0")"
stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find package.json build.mjs src -newer "$stamp" 2>/dev/null)" ] \
   && { [ ! -f package-lock.json ] || [ ! package-lock.json -nt "$stamp" ]; }; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "hegai setup: npm not found; install nodejs/npm to build the editor fixtures" >&2
  exit 1
fi
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
node build.mjs
touch "$stamp"
