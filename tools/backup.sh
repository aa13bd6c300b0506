#!/usr/bin/env bash
# Back up / restore PostgreSQL (pg_dump custom format) and the media bucket (S3 API).
# Usage: tools/backup.sh backup [--to FOLDER] | restore FOLDER | verify FOLDER
# Reads DATABASE_URL and THECEN_S3_* from the environment; see tools/backup.py, docs/operations.md.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
exec "${PY:-$REPO/.venv/bin/python}" "$REPO/tools/backup.py" "$@"
