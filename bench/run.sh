#!/usr/bin/env bash
# Run the whole benchmark: bench/run.sh [extra options of bench/run.py]
# LCA4AI=path/to/lca4ai (default build/engine/lca4ai, built if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
exe="${LCA4AI:-$root/build/engine/lca4ai}"
if [ ! -x "$exe" ]; then
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$root/build" -j 2 --target lca4ai
fi
[ -x "$here/.venv-peers/bin/python" ] || "$here/setup-peers.sh"
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
exec "$here/.venv-peers/bin/python" "$here/run.py" --lca4ai "$exe" --scenario "$root/scenarios/llm-lifecycle.yaml" "$@" 2> >(grep -v -e 'Using environment variable BRIGHTWAY2_DIR' -e '^/tmp/lca4ai-bw-' -e 'it/s\]' >&2)
