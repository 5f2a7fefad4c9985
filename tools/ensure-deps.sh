#!/usr/bin/env bash
# Installs what a fresh clone lacks: npm packages (when node_modules is missing or older than the lock file) and
# checks the Java 17 and Maven that the managed Kafka broker needs. Safe to run every time.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "[deps] $1 is required: $2" >&2; exit 1; }; }
need node "install Node.js 20.19 or newer"
need npm "install npm"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${KAFKA_BROKERS:-}" ]; then
  need java "the managed Kafka broker runs on Java 17 (or set KAFKA_BROKERS to an existing broker)"
  need mvn "Maven fetches the Kafka jars from Maven Central (or set KAFKA_BROKERS to an existing broker)"
fi
