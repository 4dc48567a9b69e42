#!/usr/bin/env bash
# psutil4j-bench/run-benchmarks.sh: one run of every benchmark, side by side on this machine, and
# the generated docs/BENCHMARKS.md.
#
#   psutil4j-bench/run-benchmarks.sh [--out FILE.md] [--quick] [--skip-build] [--skip-agent] [--only-jmh REGEX]
#   psutil4j-bench/run-benchmarks.sh --agent-only RESULTS_DIR   # re-measure only the agent's cost into an
#                                                                # earlier run's results, noted in the report
#
# Steps, all in the same run: build target/benchmarks.jar, compile the C floor, run the C floor,
# the psutil 5.9.4 peer (python/bench_psutil.py), JMH (-prof gc, -rf json), hyperfine on whole
# commands, the agent's cost beside node_exporter and glances (python/agent_cost.py), then
# python/make_report.py. Raw results stay in target/bench-results/<timestamp>/.
# --quick: short settings to check that the harness works (numbers not worth publishing).
# Full run: about 20 minutes on 2 cores (the agents' cost, 4 x 2.5 min, is half of it).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
source "$BENCH_DIR/../scripts/common.sh"
ROOT="$PSUTIL4J_ROOT"
PY=/usr/bin/python3

out_md="$ROOT/docs/BENCHMARKS.md"
quick=0
build=1
agent=1
agent_only=""
jmh_regex='psutil4j\.bench\..*'
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out_md="$(readlink -f "$2")"; shift 2 ;;
    --quick) quick=1; shift ;;
    --skip-build) build=0; shift ;;
    --skip-agent) agent=0; shift ;;
    --agent-only) agent_only="$(readlink -f "$2")"; shift 2 ;;
    --only-jmh) jmh_regex="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run-benchmarks: unknown argument $1" >&2; exit 2 ;;
  esac
done

find_jdk || exit 1
JAVA="$JAVA_HOME/bin/java"
for tool in gcc "$PY"; do
  command -v "$tool" >/dev/null || { echo "run-benchmarks: needs $tool" >&2; exit 1; }
done
"$PY" -c 'import psutil' 2>/dev/null || { echo "run-benchmarks: $PY has no psutil (apt-get install python3-psutil)" >&2; exit 1; }

if [ -n "$agent_only" ]; then
  [ -f "$agent_only/machine.json" ] || { echo "run-benchmarks: $agent_only is not a results directory" >&2; exit 1; }
  echo "the agent's cost re-measured on its own at $(date -u '+%Y-%m-%d %H:%M UTC') (load average $(cut -d' ' -f1-3 /proc/loadavg)); every other section is from the run above" >>"$agent_only/notes.txt"
  "$PY" "$BENCH_DIR/python/bench_psutil.py" --with-sleepers 1000 -- \
    "$PY" "$BENCH_DIR/python/agent_cost.py" --psutil4j "$ROOT/psutil4j" --warmup 90 --window 60 "$agent_only/agent-cost.json"
  "$PY" "$BENCH_DIR/python/make_report.py" "$agent_only" "$out_md"
  exit 0
fi

target="$BENCH_DIR/target"
res="$target/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$res"
: >"$res/notes.txt"
note() { echo "$*" >>"$res/notes.txt"; echo "run-benchmarks: $*" >&2; }
log() { echo "== $(date -u +%T) $*" >&2; }

if [ "$quick" = 1 ]; then
  # Harness check only.
  jmh_opts=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
  py_opts=(--warmup 1 --batches 2 --batch-seconds 0.5 --proc-warmup 1 --proc-batch-seconds 0.5)
  c_opts=(-w 0.5 -b 2 -t 0.5)
  c_proc_opts=(-w 0.5 -b 2 -t 0.5)
  hf_opts=(--warmup 1 --runs 5)
  ac_opts=(--warmup 5 --window 10)
  note "quick run (--quick): short settings, numbers only prove the harness works"
else
  # JMH settings are on the classes: system rows 2 x 1 s warm-up + 5 x 1 s; process rows
  # 2 x 2 s + 5 x 2 s; floor variants 2 x 1 s + 3 x 1 s. One fork each. The peers mirror them
  # (C needs no JIT warm-up: 1 s for the system rows).
  jmh_opts=(-f 1)
  py_opts=(--warmup 2 --batches 5 --batch-seconds 1 --proc-warmup 2 --proc-batch-seconds 2)
  c_opts=(-w 1 -b 5 -t 1)
  c_proc_opts=(-w 2 -b 5 -t 2)
  hf_opts=(--warmup 3 --min-runs 20)
  ac_opts=(--warmup 90 --window 60)   # past the first minute, when the history creates its files
fi

# ---- machine facts (before anything runs) ----
oshi_version="$(sed -n 's:.*<oshi.version>\(.*\)</oshi.version>.*:\1:p' "$BENCH_DIR/pom.xml")"
"$PY" - "$res/machine.json" "$oshi_version" "" "$JAVA" <<'EOF'
import json, os, subprocess, sys
def run(*a):
    try:
        return subprocess.run(a, capture_output=True, text=True, env=dict(os.environ, LC_ALL="C")).stdout
    except OSError:
        return ""
lscpu = run("lscpu")
model = next((l.split(":", 1)[1].strip() for l in lscpu.splitlines() if l.startswith("Model name")), "?")
mem = next((l.split()[1] + " GiB total" for l in run("free", "-g").splitlines() if l.startswith("Mem:")), "?")
jv = run(sys.argv[4], "-version") or subprocess.run([sys.argv[4], "-version"], capture_output=True, text=True).stderr
json.dump({
    "cpu_model": model, "nproc": run("nproc").strip(), "memory": mem,
    "kernel": run("uname", "-r").strip(),
    "jdk": " ".join(jv.splitlines()[:1]),
    "oshi_version": sys.argv[2], "java_floor": sys.argv[3],
    "gcc": run("gcc", "-dumpfullversion").strip(),
    "hyperfine": run("hyperfine", "--version").strip(),
    "processes": len([p for p in os.listdir("/proc") if p.isdigit()]),
    "loadavg": open("/proc/loadavg").read().split()[:3],
    "date": run("date", "-u", "+%Y-%m-%d %H:%M UTC").strip(),
}, open(sys.argv[1], "w"), indent=1)
EOF
{ lscpu; echo; nproc; echo; free -g; echo; uname -a; echo; "$JAVA" -version 2>&1; echo; cat /proc/loadavg; } >"$res/machine.txt" 2>&1

# ---- build ----
if [ "$build" = 1 ]; then
  need_mvn || exit 1
  log "building benchmarks.jar"
  (cd "$ROOT" && mvn_cmd -q -pl psutil4j-bench -am package -DskipTests) >"$res/build.log" 2>&1 \
    || { cat "$res/build.log" >&2; echo "run-benchmarks: build failed" >&2; exit 1; }
fi
[ -f "$target/benchmarks.jar" ] || { echo "run-benchmarks: $target/benchmarks.jar missing (drop --skip-build)" >&2; exit 1; }
log "compiling the C floor"
gcc -O2 -Wall -o "$target/floor" "$BENCH_DIR/src/main/c/floor.c" -lm

# ---- C floor ----
log "C floor"
floor="$target/floor"
{
  "$floor" "${c_opts[@]}" cpu_times /proc/stat
  "$floor" "${c_opts[@]}" virtual_memory /proc/meminfo
  "$floor" "${c_opts[@]}" swap_memory /proc/meminfo /proc/vmstat
  "$floor" "${c_opts[@]}" disk_io_counters /proc/diskstats
  "$floor" "${c_opts[@]}" net_io_counters /proc/net/dev
  "$floor" "${c_opts[@]}" five /proc/stat /proc/meminfo /proc/vmstat /proc/diskstats /proc/net/dev
  "$floor" "${c_proc_opts[@]}" -p 'process_iter@0'
  # Same sleepers and cleanup as the JMH and psutil runs.
  "$PY" "$BENCH_DIR/python/bench_psutil.py" --with-sleepers 1000 -- "$floor" "${c_proc_opts[@]}" -p 'process_iter@1000'
} >"$res/cfloor.json"

# ---- psutil ----
log "psutil $("$PY" -c 'import psutil; print(psutil.__version__)') (python/bench_psutil.py)"
"$PY" "$BENCH_DIR/python/bench_psutil.py" "${py_opts[@]}" >"$res/psutil.json"

# ---- JMH ----
# Phase 1: the plain-Java floor candidates; the fastest open/read/close one becomes "floor (Java)"
# for phase 2 (FileReaders.FLOOR, passed to the forks as a system property).
run_jmh() { # run_jmh RESULT.json ARGS...
  local json="$1"; shift
  # No JVM flags on the host: JMH forks inherit them; the benchmark classes set their own.
  "$JAVA" -jar "$target/benchmarks.jar" "$@" \
    "${jmh_opts[@]}" -prof gc -rf json -rff "$json" 2>&1 | tee -a "$res/jmh.log" \
    | grep --line-buffered -E '^(# Benchmark:|# Parameters:|Benchmark |[A-Za-z]+Bench\.[A-Za-z]+ )' >&2 || true
  [ -s "$json" ] || { echo "run-benchmarks: JMH produced no results, see $res/jmh.log" >&2; exit 1; }
}
java_floor=randomAccessFile
if [[ "psutil4j.bench.FloorVariantsBench.randomAccessFile" =~ $jmh_regex ]]; then
  log "JMH: plain-Java floor candidates"
  run_jmh "$res/jmh-variants.json" 'psutil4j\.bench\.FloorVariantsBench\.'
  java_floor="$("$PY" - "$res/jmh-variants.json" <<'EOF2'
import json, sys
floors = {"randomAccessFile", "randomAccessFileBigRead", "fileInputStream", "fileChannelDirect"}
rs = [(b["primaryMetric"]["score"], b["benchmark"].rsplit(".", 1)[1]) for b in json.load(open(sys.argv[1]))]
print(min(r for r in rs if r[1] in floors)[1])
EOF2
)"
fi
"$PY" - "$res/machine.json" "$java_floor" <<'EOF2'
import json, sys
m = json.load(open(sys.argv[1])); m["java_floor"] = sys.argv[2]; json.dump(m, open(sys.argv[1], "w"), indent=1)
EOF2
log "JMH ($jmh_regex) -prof gc, floor (Java) = $java_floor"
run_jmh "$res/jmh.json" "$jmh_regex" -e 'FloorVariantsBench' -jvmArgsPrepend "-Dpsutil4j.bench.floor=$java_floor"
if ! grep -q '"psutil4j.bench.Psutil' "$res/jmh.json"; then
  note "psutil4j column empty: no PsutilSystemBench/PsutilProcessBench results in this run"
fi
ps -C sleep -o args= | grep -qx 'sleep 3600' && note "WARNING: sleep 3600 processes still exist after the run"

# ---- hyperfine: whole commands ----
if command -v hyperfine >/dev/null; then
  log "hyperfine"
  trivial="$JAVA --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp $target/classes psutil4j.bench.TrivialMain"
  cmds=()
  if (cd "$ROOT" && ./psutil4j free) >"$res/cli-free.txt" 2>&1; then
    cmds+=(-n "./psutil4j free" "$ROOT/psutil4j free")
  else
    note "hyperfine: \`./psutil4j free\` skipped: the CLI command failed or is not there yet ($(head -c 200 "$res/cli-free.txt" | tr '\n' ' '))"
  fi
  cmds+=(-n "/usr/bin/python3 -c 'import psutil; print(psutil.virtual_memory())'"
         "$PY -c 'import psutil; print(psutil.virtual_memory())'"
         -n "free" "free"
         -n "java TrivialMain (JVM start-up, same flags as ./psutil4j)" "$trivial")
  if ! hyperfine -N "${hf_opts[@]}" --export-json "$res/hyperfine.json" "${cmds[@]}" >"$res/hyperfine.log" 2>&1; then
    note "hyperfine failed: $(tail -3 "$res/hyperfine.log" | tr '\n' ' ')"
    rm -f "$res/hyperfine.json"
  fi
  # ps aux at ~1000 processes: ours against procps, with the same 1000 sleepers up
  if (cd "$ROOT" && ./psutil4j ps aux) >/dev/null 2>"$res/cli-ps.txt"; then
    if ! "$PY" "$BENCH_DIR/python/bench_psutil.py" --with-sleepers 1000 -- \
        hyperfine -N "${hf_opts[@]}" --output=null --export-json "$res/hyperfine-ps.json" \
        -n "./psutil4j ps aux" "$ROOT/psutil4j ps aux" -n "ps aux (procps)" "ps aux" >"$res/hyperfine-ps.log" 2>&1; then
      note "hyperfine ps aux failed: $(tail -3 "$res/hyperfine-ps.log" | tr '\n' ' ')"
      rm -f "$res/hyperfine-ps.json"
    fi
  else
    note "hyperfine: \`./psutil4j ps aux\` skipped: $(head -c 200 "$res/cli-ps.txt" | tr '\n' ' ')"
  fi
else
  note "hyperfine not installed: whole-command timings skipped"
fi

# ---- the monitoring agent's own cost, beside node_exporter and glances ----
if [ "$agent" = 1 ]; then
  log "agent cost at 1 s with 1000 extra processes (python/agent_cost.py)"
  if ! "$PY" "$BENCH_DIR/python/bench_psutil.py" --with-sleepers 1000 -- \
      "$PY" "$BENCH_DIR/python/agent_cost.py" --psutil4j "$ROOT/psutil4j" "${ac_opts[@]}" "$res/agent-cost.json" \
      >"$res/agent-cost.log" 2>&1; then
    note "agent cost failed: $(tail -3 "$res/agent-cost.log" | tr '\n' ' ')"
    rm -f "$res/agent-cost.json"
  fi
fi

cut -d' ' -f1-3 /proc/loadavg >"$res/loadavg-end.txt"

# ---- report ----
"$PY" "$BENCH_DIR/python/make_report.py" "$res" "$out_md"
log "done; raw results in $res"
