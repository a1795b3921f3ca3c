#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine; safe to run again.
# Creates .venv with actorgraph and its test extras, and builds the local Neo4j launcher
# (tools/neo4j-harness, Maven) that the Neo4j tests use when there is no Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

# A real Neo4j for the tests without Docker: needs java 17+ and mvn (downloads once to ~/.m2).
if command -v mvn >/dev/null && command -v java >/dev/null; then
  .venv/bin/python -c "from tests.support.neo4j_server import build_harness; build_harness()"
else
  echo "dev-setup: java/mvn not found: Neo4j tests will use NEO4J_URI or Docker, or skip" >&2
fi

# The network page tests drive a real Chromium (never `playwright install`; the system package is used).
if [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium
fi
