# Sourced by bin/run and bin/test: a virtualenv with the project's packages, and a local .env.
# Safe to run any number of times: it only installs when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  if command -v python3.11 >/dev/null; then PYTHON=python3.11; else
    echo "Python 3.11 is needed (found: $("$PYTHON" --version 2>&1))." >&2; exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtualenv in .venv ..."
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    # Debian splits venv out of the interpreter package.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      rm -rf .venv && "$PYTHON" -m venv .venv
    else
      echo "Cannot create a virtualenv: install python3-venv (sudo apt-get install python3-venv)." >&2; exit 1
    fi
  fi
fi

stamp=.venv/.pyproject-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing packages (pyproject.toml) ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  echo "$want" > "$stamp"
fi

# A local .env for development: DEBUG on and a random secret made on this machine.
if [ ! -f .env ]; then
  secret=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
  printf 'DEBUG=on\nSECRET_KEY=%s\n' "$secret" > .env
  echo "Wrote .env with a development SECRET_KEY (git-ignores it)."
fi
mkdir -p data
