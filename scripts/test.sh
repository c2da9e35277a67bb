#!/usr/bin/env bash
# Set up everything the tests need (Python env, PostgreSQL + PostGIS, Chromium) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
need=()
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/lib/postgresql/15/bin ] || need+=(postgresql)
ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1 || need+=(postgresql-15-postgis-3)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash scripts/setup.sh
source scripts/pg.sh
pg_start
export CONFLICTMAP_TEST_PG="${CONFLICTMAP_TEST_PG:-$PG_URL}"
.venv/bin/python -m mypy src/conflictmap   # mypy --strict (configured in pyproject.toml)
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
exit $rc
