#!/usr/bin/env bash
# Create bench/.venv-peers with the peers' pinned versions (benchmark only; not
# needed to build or test lca4ai). Usage: bench/setup-peers.sh [PYTHON]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${1:-${PYTHON:-python3.11}}"
command -v "$py" >/dev/null || py=python3
"$py" -c 'import sys; assert sys.version_info[:2] >= (3, 10), sys.version' 
venv="$here/.venv-peers"
[ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r "$here/requirements-peers.txt"
"$venv/bin/python" - <<'PY'
from importlib.metadata import version
for p in ("bw2calc", "bw_processing", "matrix_utils", "stats_arrays", "lca_algebraic_bw25", "numpy", "scipy"):
    print(f"{p}=={version(p)}")
PY
echo "peers installed in $venv"
