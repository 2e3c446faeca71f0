#!/usr/bin/env bash
# submit-dates.sh: submit the trading dates of a range to a Flink cluster with the Flink CLI, one
# attached `flink run` per date, as printed by `vizflow cluster --flink-cli` (see deploy/README.md).
#
#   deploy/submit-dates.sh [--keep-going] [--dry-run] [--logs DIR] \
#       --config FILE --from YYYYMMDD --to YYYYMMDD [vizflow cluster options]
#
#   --keep-going   go on with the next date when one fails (default: stop at the first failure)
#   --dry-run      print the commands, run nothing
#   --logs DIR     keep each date's output in DIR/YYYYMMDD.log (default: only on the terminal)
#   other options go to `vizflow cluster --flink-cli`: --jobmanager HOST:PORT, --parallelism N,
#   --flink /opt/flink/bin/flink, --jar PATH, --inline-config, ...
#
# Exit code: 0 if every date succeeded, 1 if any failed, 2 on usage errors.
# Environment: VIZFLOW (the launcher, default bin/vizflow of this repository).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vizflow="${VIZFLOW:-$here/bin/vizflow}"

keep_going=0
dry_run=0
logs=""
cluster_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep-going) keep_going=1 ;;
    --dry-run) dry_run=1 ;;
    --logs) [[ $# -ge 2 ]] || { echo "submit-dates: --logs needs a folder" >&2; exit 2; }; logs="$2"; shift ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) cluster_args+=("$1") ;;
  esac
  shift
done

# The commands, one per line; the launcher's notes go to stderr, its failure stops us here.
if ! commands="$("$vizflow" cluster "${cluster_args[@]}" --flink-cli)"; then
  echo "submit-dates: vizflow cluster failed" >&2
  exit 2
fi
mapfile -t lines <<< "$commands"
if [[ -z "${lines[0]:-}" ]]; then
  echo "submit-dates: no dates to submit" >&2
  exit 2
fi
[[ -n "$logs" ]] && mkdir -p "$logs"

succeeded=()
failed=()
total=${#lines[@]}
i=0
for cmd in "${lines[@]}"; do
  i=$((i + 1))
  date="${cmd##* }"
  echo "[$i/$total] $date: $cmd" >&2
  if [[ $dry_run -eq 1 ]]; then
    continue
  fi
  start=$SECONDS
  set +e
  if [[ -n "$logs" ]]; then
    bash -c "$cmd" 2>&1 | tee "$logs/$date.log"
    rc=${PIPESTATUS[0]}
  else
    bash -c "$cmd"
    rc=$?
  fi
  set -e
  if [[ $rc -eq 0 ]]; then
    succeeded+=("$date")
    echo "[$i/$total] $date: done in $((SECONDS - start)) s" >&2
  else
    failed+=("$date")
    echo "[$i/$total] $date: FAILED (exit code $rc)" >&2
    if [[ $keep_going -eq 0 ]]; then
      echo "submit-dates: stopping at the first failure (--keep-going to go on); not run: $((total - i)) date(s)" >&2
      break
    fi
  fi
done

[[ $dry_run -eq 1 ]] && exit 0
echo "submit-dates: ${#succeeded[@]} succeeded, ${#failed[@]} failed${failed:+: ${failed[*]}}" >&2
[[ ${#failed[@]} -eq 0 ]]
