#!/usr/bin/env bash
# `npm run bench`: the test infrastructure (fresh), the six services, the baselines and the workloads, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/ensure-deps.sh
. tools/test-env.sh
node tools/build.mjs
cleanup() { env -u KAFKA_BROKERS node dist/tools/infra.js down >/dev/null 2>&1 || true; }
trap cleanup EXIT
node dist/tools/infra.js down >/dev/null 2>&1 || true
INFRA_FRESH=1 node dist/tools/infra.js up
set -a; . .cache/test.env; set +a
node dist/tools/migrate.js >/dev/null
node dist/bench/run.js
npx prettier --write bench/README.md bench/results --log-level=warn
