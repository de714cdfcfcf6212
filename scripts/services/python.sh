#!/usr/bin/env bash
# Installs Debian's Python 3 with msgpack, itsdangerous and Flask: independent implementations of
# the formats of SESSION_RECORD_FORMAT=flask-session (Flask-Session 0.8 records and signed
# cookies), through Debian's own /usr/bin/python3 (not a pyenv or venv python3 earlier on PATH), which the Flask interop tests drive through session-api/src/test/python/flask_records.py.
# Nothing to start. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_packages python3 python3-msgpack python3-itsdangerous python3-flask

/usr/bin/python3 -c 'import msgpack, itsdangerous, flask' || die "python3 cannot import msgpack, itsdangerous and flask"
log "python: $(/usr/bin/python3 --version 2>&1); msgpack $(/usr/bin/python3 -c 'import msgpack; print(".".join(map(str, msgpack.version)))')"
