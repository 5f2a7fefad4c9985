#!/usr/bin/env bash
# `npm start`: installs what a fresh clone lacks, builds, then runs the whole platform (tools/start.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/ensure-deps.sh
node tools/build.mjs
exec node dist/tools/start.js
