#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine; safe to run again.
# Creates .venv with actorgraph and its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
