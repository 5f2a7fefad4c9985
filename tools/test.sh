#!/usr/bin/env bash
# `npm test`: from a fresh clone, installs what is missing, checks style and types, runs the unit tests, brings up
# Postgres and a managed Kafka broker of its own (test profile: database insurer_test, broker on 127.0.0.1:19092,
# both recreated empty), runs the integration and end-to-end tests, and stops what it started, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/ensure-deps.sh
. tools/test-env.sh
# A KAFKA_BROKERS given by the caller means an external broker; the one .cache/test.env sets later is our own.
USER_KAFKA_BROKERS="${KAFKA_BROKERS:-}"
if [ -n "$USER_KAFKA_BROKERS" ]; then export KAFKA_BROKERS_EXTERNAL=1; fi

step() { echo; echo "== $*"; }

step "build"
node tools/build.mjs

step "lint"
# The module-boundaries rule reads the Nx project graph; compute it first so the rule is never skipped.
NX_DAEMON=false npx nx show projects >/dev/null
npx eslint . --max-warnings=0
npx prettier --check . --log-level=warn
node tools/validate-k8s.mjs

step "type-check"
npx tsc -p tsconfig.json --noEmit
# libs/contracts is published to integrators: it must build alone to JS and .d.ts with zod as its only dependency.
npx tsc -p libs/contracts/tsconfig.lib.json --outDir dist/contracts-package
# The OpenAPI documents lint clean with a peer linter and generate clients that compile (tools/check-openapi.mjs).
node tools/check-openapi.mjs

step "unit tests"
npx jest -c jest.unit.config.js --ci

step "browser"
# The dashboard test drives Debian's Chromium through playwright-core; install it when the machine lacks it.
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null; }
fi
echo "chromium: $(command -v chromium)"
# The dashboard is Chinese first: a CJK font so its screenshot shows the characters, not empty boxes.
if ! fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk'; then
  SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get install -y --no-install-recommends fonts-wqy-microhei >/dev/null 2>&1 || echo "no CJK font installed"
fi

step "infrastructure"
cleanup() {
  if [ -z "$USER_KAFKA_BROKERS" ]; then env -u KAFKA_BROKERS node dist/tools/infra.js down || true; fi
}
trap cleanup EXIT
node dist/tools/infra.js down >/dev/null 2>&1 || true
INFRA_FRESH=1 node dist/tools/infra.js up
set -a; . .cache/test.env; set +a
node dist/tools/migrate.js

step "integration and end-to-end tests"
npx jest -c jest.int.config.js --ci

step "the services' suites again, each service on one database connection"
# A transaction that reads on the pool, or opens another transaction, while it holds its connection waits for a
# second one; with every connection so held none comes back until the pool's 5 s timeout (a stall, then 503s). On one
# connection that is the first such call, so any of them fails its test.
TEST_DB_POOL_MAX=1 npx jest -c jest.int.config.js --ci apps/
