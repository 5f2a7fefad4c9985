#!/usr/bin/env bash
# `npm run openapi:update`: after an API change, starts the six services against the test infrastructure and rewrites
# docs/openapi/<service>.json from what they serve (tools/update-openapi.ts); the boot test then checks the files stay
# in step with the code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/ensure-deps.sh
. tools/test-env.sh
node tools/build.mjs
node dist/tools/infra.js up >/dev/null
set -a; . .cache/test.env; set +a
node dist/tools/migrate.js >/dev/null
node dist/tools/update-openapi.js
npx prettier --write docs/openapi --log-level=warn
