#!/usr/bin/env bash
# `npm run chaos` (about 10 minutes; CHAOS_QUICK=1 for a 4-minute rehearsal): the fault suite, see tools/chaos/run.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/ensure-deps.sh
node tools/build.mjs
node dist/tools/chaos/run.js
