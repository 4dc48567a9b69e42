# Starts N `sleep 3600` processes for the process benchmarks (JMH and bench_psutil.py run this
# same script, so both measure the same setup). Usage: sh sleepers.sh N
# Prints each sleeper's pid on its own line, then "ready". It then waits for EOF on its stdin:
# the harness closes it when done -- or dies, which closes it too -- and the sleepers are killed,
# so they never outlive the benchmark even if the harness is killed with SIGKILL.
n=$1
pids=
i=0
while [ "$i" -lt "$n" ]; do
  # Own stdout/stderr so they do not hold the harness's pipe open; stdin is /dev/null (async list).
  sleep 3600 >/dev/null 2>&1 &
  pids="$pids $!"
  echo $!
  i=$((i + 1))
done
echo ready
while read -r _; do :; done
# shellcheck disable=SC2086
kill -9 $pids 2>/dev/null
wait
