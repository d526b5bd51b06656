# Sourced by the scripts: make .venv (once) and install the project into it.
# Set FINANCE_SKIP_INSTALL=1 to reuse an already installed .venv as it is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ "${FINANCE_SKIP_INSTALL:-0}" != "1" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$1]"
fi
export PATH="$PWD/.venv/bin:$PATH"
