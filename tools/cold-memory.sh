#!/usr/bin/env bash
# cold-memory.sh [SECONDS] [GB]: leaves this machine's free memory as a run after another program
# finds it. On a virtual machine that gives free memory back to its host (a balloon's free page
# reporting), GB gigabytes (default 6) are touched and freed, then SECONDS (default 25) pass, so the
# next program's first touch of its memory is also a fault in the host. Used to compare builds or
# settings the way a run after the reference meets the machine (docs/performance-notes.md,
# session 20), e.g.:
#   tools/cold-memory.sh && /usr/bin/time -f "%e s %U user %S sys" bin/vizflow run --config C --date D
set -euo pipefail
python3 -c "import numpy as np; a = np.ones(int(${2:-6} * 1024**3) // 8)"
sleep "${1:-25}"
