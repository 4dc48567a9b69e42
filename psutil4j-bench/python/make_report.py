#!/usr/bin/python3
"""Writes docs/BENCHMARKS.md from one run's raw results (stdlib only).

Inputs (all from the same run of run-benchmarks.sh, in its results directory):
  jmh.json        JMH -rf json (Java floors, OSHI, psutil4j; with -prof gc)
  psutil.json     bench_psutil.py output (psutil 5.9.4)
  cfloor.json     one JSON object per line from the C floor
  hyperfine.json  optional, hyperfine --export-json
  machine.json    facts about the machine, collected by run-benchmarks.sh
  notes.txt       optional, one note per line (e.g. skipped parts)

Rows are named by the JMH method names (camelCase of psutil's function names); the C floor and
the psutil script use the snake_case of the same names. Process rows carry the number of extra
sleepers as "@N". Columns come from the JMH class-name prefix: Psutil* -> psutil4j,
Floor* -> floor (Java), Oshi* -> OSHI.

Usage: make_report.py RESULTS_DIR OUT.md
"""
import json
import os
import re
import sys

ROWS = [
    ("cpu_times", "`cpu_times()`", "/proc/stat"),
    ("virtual_memory", "`virtual_memory()`", "/proc/meminfo"),
    ("swap_memory", "`swap_memory()`", "/proc/meminfo, /proc/vmstat"),
    ("disk_io_counters", "`disk_io_counters(perdisk=True)`", "/proc/diskstats"),
    ("net_io_counters", "`net_io_counters(pernic=True)`", "/proc/net/dev"),
    ("five", "the five, one call each with psutil's default arguments (disk and NIC totals)", "all five files"),
    ("process_iter@0", "`process_iter(attrs=8)`, the machine's processes",
     "/proc/[pid]/{stat,status,statm,cmdline}"),
    ("process_iter@1000", "`process_iter(attrs=8)`, + 1000 sleepers",
     "/proc/[pid]/{stat,status,statm,cmdline}"),
    ("oneshot_as_dict", "`with p.oneshot(): p.as_dict()`, every attribute of a `sleep` process",
     "/proc/[pid]/* (all of as_dict)"),
]
# OSHI-only rows: OSHI's listing without touching the attributes psutil is asked for.
OSHI_EXTRA_ROWS = [
    ("get_processes@0", "OSHI `getProcesses()` alone, the machine's processes"),
    ("get_processes@1000", "OSHI `getProcesses()` alone, + 1000 sleepers"),
]
# psutil4j-only rows: the lean sweep for polling loops, which psutil and OSHI have no counterpart of.
PSUTIL4J_EXTRA_ROWS = [
    ("sampler_sweep@0", "psutil4j `ProcessSampler.sweep` (stat and io, kept open), the machine's processes"),
    ("sampler_sweep@1000", "psutil4j `ProcessSampler.sweep` (stat and io, kept open), + 1000 sleepers"),
]
COLUMNS = ["psutil4j", "floor_java", "floor_c", "psutil", "oshi"]


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def load_json(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path) as f:
        return json.load(f)


def load_jmh(paths):
    """Returns ({(row, column): result}, {variant: result}, jmh_meta)."""
    cells, variants, meta = {}, {}, {"settings": {}}
    for b in [b for p in paths for b in load_json(p, [])]:
        cls, method = b["benchmark"].rsplit(".", 1)[-2:] if "." in b["benchmark"] else ("", "")
        cls = cls.rsplit(".", 1)[-1]
        unit = b["primaryMetric"]["scoreUnit"]
        if unit != "us/op":
            raise SystemExit("%s: unit %s, expected us/op" % (b["benchmark"], unit))
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        res = {
            "score": b["primaryMetric"]["score"],
            "error": b["primaryMetric"]["scoreError"],
            "alloc": alloc["score"] if alloc else None,
        }
        meta.update({"jdk": b.get("jdkVersion"), "vm": b.get("vmName"), "vm_version": b.get("vmVersion"),
                     "jmh": b.get("jmhVersion")})
        meta["settings"].setdefault(cls, "%s fork, warm-up %s × %s, measurement %s × %s; JVM flags: %s" % (
            b.get("forks"), b.get("warmupIterations"), b.get("warmupTime"), b.get("measurementIterations"),
            b.get("measurementTime"), " ".join(b.get("jvmArgs", []))))
        if cls == "FloorVariantsBench":
            variants[method] = res
            continue
        row = snake(method)
        params = b.get("params") or {}
        if "extraProcesses" in params:
            row += "@" + params["extraProcesses"]
        col = {"Psutil": "psutil4j", "Floor": "floor_java", "Oshi": "oshi"}.get(
            re.match(r"[A-Z][a-z0-9]*", cls).group(0) if cls else "")
        if col:
            cells[(row, col)] = res
    return cells, variants, meta


def fmt_us(v, err=None):
    if v is None:
        return "—"
    digits = 2 if v < 10 else 1 if v < 1000 else 0
    s = "{:,.{d}f}".format(v, d=digits)
    if isinstance(err, str):  # JMH writes "NaN" when there are too few iterations for an error
        err = None
    if err is not None and err == err:
        s += " ± {:,.{d}f}".format(err, d=digits)
    return s


def fmt_bytes(v):
    if v is None:
        return "—"
    return "{:,.0f}".format(v)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return "{:.2f}×".format(a / b)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    rdir, out = sys.argv[1], sys.argv[2]
    cells, variants, jmeta = load_jmh([os.path.join(rdir, "jmh-variants.json"), os.path.join(rdir, "jmh.json")])
    py = load_json(os.path.join(rdir, "psutil.json"), {"results": {}})
    for row, r in py["results"].items():
        cells[(row, "psutil")] = {"score": r["us_per_op"], "error": r["stdev"], "alloc": None}
    cpath = os.path.join(rdir, "cfloor.json")
    if os.path.exists(cpath):
        with open(cpath) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    cells[(r["name"], "floor_c")] = {"score": r["us_per_op"], "error": r["stdev"],
                                                     "alloc": None}
    m = load_json(os.path.join(rdir, "machine.json"), {})
    lpath = os.path.join(rdir, "loadavg-end.txt")
    loadavg_end = open(lpath).read().strip() if os.path.exists(lpath) else "?"
    hf = load_json(os.path.join(rdir, "hyperfine.json"))
    hf_ps = load_json(os.path.join(rdir, "hyperfine-ps.json"))
    ac = load_json(os.path.join(rdir, "agent-cost.json"))
    notes = []
    npath = os.path.join(rdir, "notes.txt")
    if os.path.exists(npath):
        with open(npath) as f:
            notes = [l.strip() for l in f if l.strip()]

    def cell(row, col):
        return cells.get((row, col))

    def score(row, col):
        c = cell(row, col)
        return c["score"] if c else None

    L = []
    L.append("# Benchmarks")
    L.append("")
    L.append("Generated by `psutil4j-bench/run-benchmarks.sh` on %s; every number below comes from "
             "that one run on the machine described at the end. Do not edit by hand." % m.get("date", "?"))
    L.append("")
    L.append("Average time per call in microseconds (mean ± JMH's 99.9% error for Java; mean ± "
             "standard deviation of the batches for psutil and the C floor). Lower is better.")
    L.append("")
    L.append("| benchmark | psutil4j | floor (Java) | floor (C) | psutil %s | OSHI %s | psutil4j ÷ floor (Java) "
             "| alloc B/op (psutil4j) |" % (py.get("psutil_version", "?"), m.get("oshi_version", "?")))
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row, label, _ in ROWS:
        procs = py["results"].get(row, {}).get("processes")
        if procs:
            label += " (%d processes)" % procs
        vals = [fmt_us(c["score"], c["error"]) if c else "—" for c in (cell(row, k) for k in COLUMNS)]
        p4 = cell(row, "psutil4j")
        L.append("| %s | %s | %s | %s |" % (label, " | ".join(vals),
                                            ratio(score(row, "psutil4j"), score(row, "floor_java")),
                                            fmt_bytes(p4["alloc"]) if p4 else "—"))
    for row, label in OSHI_EXTRA_ROWS:
        if cell(row, "oshi"):
            c = cell(row, "oshi")
            L.append("| %s | — | — | — | — | %s | — | — |" % (label, fmt_us(c["score"], c["error"])))
    for row, label in PSUTIL4J_EXTRA_ROWS:
        c = cell(row, "psutil4j")
        if c:
            L.append("| %s | %s | — | — | — | — | — | %s |" % (label, fmt_us(c["score"], c["error"]), fmt_bytes(c["alloc"])))
    L.append("")

    L.append("## Each implementation ÷ floor")
    L.append("")
    L.append("How far each one is from only reading the same files (Java floor for the JVM libraries, "
             "C floor for psutil, which is C underneath Python).")
    L.append("")
    L.append("| benchmark | psutil4j ÷ floor (Java) | OSHI ÷ floor (Java) | psutil ÷ floor (C) | floor (Java) ÷ floor (C) |")
    L.append("|---|---:|---:|---:|---:|")
    for row, label, _ in ROWS:
        L.append("| %s | %s | %s | %s | %s |" % (
            label, ratio(score(row, "psutil4j"), score(row, "floor_java")),
            ratio(score(row, "oshi"), score(row, "floor_java")),
            ratio(score(row, "psutil"), score(row, "floor_c")),
            ratio(score(row, "floor_java"), score(row, "floor_c"))))
    L.append("")

    L.append("## Allocation per call")
    L.append("")
    L.append("Bytes allocated on the Java heap per call (JMH `-prof gc`, `gc.alloc.rate.norm`).")
    L.append("")
    L.append("| benchmark | psutil4j | floor (Java) | OSHI |")
    L.append("|---|---:|---:|---:|")
    for row, label, _ in ROWS + [(r, l, None) for r, l in OSHI_EXTRA_ROWS + PSUTIL4J_EXTRA_ROWS]:
        a = [cell(row, k)["alloc"] if cell(row, k) else None for k in ("psutil4j", "floor_java", "oshi")]
        if any(x is not None for x in a):
            L.append("| %s | %s |" % (label, " | ".join(fmt_bytes(x) for x in a)))
    L.append("")

    if variants:
        L.append("## Plain-Java floor candidates (the five files)")
        L.append("")
        L.append("Ways to open, read to EOF into a reused buffer and close the five files. The floor (Java) "
                 "column uses `%s`. `readAllBytes` allocates a new array per file; `preadKeptOpen` keeps the "
                 "files open and re-reads at offset 0, so it is not what psutil does (for reference)."
                 % m.get("java_floor", "randomAccessFile"))
        L.append("")
        L.append("| variant | µs/op | alloc B/op |")
        L.append("|---|---:|---:|")
        for name, r in sorted(variants.items(), key=lambda kv: kv[1]["score"]):
            L.append("| `%s` | %s | %s |" % (name, fmt_us(r["score"], r["error"]), fmt_bytes(r["alloc"])))
        L.append("")

    L.append("## Whole commands (hyperfine)")
    L.append("")
    if hf and hf.get("results"):
        L.append("Wall time of one command, start to exit (`hyperfine -N`, %s). The last column divides "
                 "each mean by the trivial Java main's: the JVM's own start-up floor (the goal for "
                 "`./psutil4j free` is 1.3 or less)." % m.get("hyperfine", "hyperfine"))
        L.append("")
        trivial = next((r for r in hf["results"] if "TrivialMain" in r["command"]), None)
        L.append("| command | mean ms | ± σ | median ms | min ms | max ms | runs | ÷ trivial main |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in hf["results"]:
            L.append("| `%s` | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %s |" % (
                r["command"].replace("|", "\\|"), r["mean"] * 1e3, (r.get("stddev") or 0) * 1e3,
                (r.get("median") or r["mean"]) * 1e3, r["min"] * 1e3, r["max"] * 1e3, len(r.get("times", [])),
                "%.2f" % (r["mean"] / trivial["mean"]) if trivial else "—"))
    else:
        L.append("Not run (hyperfine missing or failed).")
    L.append("")
    if hf_ps and hf_ps.get("results"):
        L.append("`ps aux` with 1000 extra `sleep` processes (the same sleepers.sh), output to /dev/null:")
        L.append("")
        L.append("| command | mean ms | ± σ | min ms | max ms | runs |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for r in hf_ps["results"]:
            L.append("| `%s` | %.1f | %.1f | %.1f | %.1f | %d |" % (
                r["command"].replace("|", "\\|"), r["mean"] * 1e3, (r.get("stddev") or 0) * 1e3,
                r["min"] * 1e3, r["max"] * 1e3, len(r.get("times", []))))
        L.append("")

    L.append("## The monitoring agent's own cost")
    L.append("")
    if ac and ac.get("results"):
        L.append("Each agent alone, collecting every second with %d processes on the machine (1000 `sleep` "
                 "processes added), after a %d s warm-up; CPU is the agent's utime + stime over the window "
                 "(all its threads) as a share of one core; memory is VmRSS at the end and VmHWM. HTTP agents "
                 "are scraped once a second (`python/agent_cost.py`). %s; %s."
                 % (ac["processes"], ac["warmup_seconds"], ac["versions"].get("node_exporter", "?"),
                    ac["versions"].get("glances", "?")))
        L.append("")
        L.append("| agent | CPU % of one core | RSS MiB | peak RSS MiB | threads | window s | what it does |")
        L.append("|---|---:|---:|---:|---:|---:|---|")
        for r in ac["results"]:
            L.append("| %s | %.2f | %.1f | %.1f | %d | %.0f | %s |" % (
                r["agent"], r["cpu_percent_of_one_core"], r["rss_mib"], r["peak_rss_mib"], r["threads"],
                r["window_seconds"], r["note"]))
    else:
        L.append("Not run (`--skip-agent`, or it failed: see the notes).")
    L.append("")

    L.append("## What is measured")
    L.append("")
    L.append("- **psutil4j**: the public API (`Psutil.cpuTimes()`, ...), results consumed by a JMH Blackhole.")
    L.append("- **floor (Java)**: plain Java opening, reading to EOF into a reused 64 KiB buffer and "
             "closing exactly the files the call reads (column *files*, below), parsing nothing.")
    L.append("- **floor (C)**: the same with open/read/close from C (`src/main/c/floor.c`, gcc -O2): "
             "the cost of the system calls alone.")
    L.append("- **psutil**: the same calls from /usr/bin/python3 (`python/bench_psutil.py`), timed with "
             "`time.perf_counter_ns` after warm-up, no tracemalloc.")
    L.append("- **OSHI**: OSHI's calls for the same data: `CentralProcessor.getSystemCpuLoadTicks()`, "
             "`GlobalMemory.getTotal()/getAvailable()`, `VirtualMemory.getSwapTotal()/getSwapUsed()/"
             "getSwapPagesIn()/getSwapPagesOut()`, `HWDiskStore.updateAttributes()` and "
             "`NetworkIF.updateAttributes()` on every disk and interface, `OperatingSystem.getProcesses()` "
             "then reading pid, name, user, cumulative CPU load, RSS, VSZ, command line, state and start time. "
             "OSHI caches most getters for 300 ms; the benchmarks set `oshi.util.memoizer.expiration=0` so "
             "each call reads the kernel, as a poller asking once a second would.")
    L.append("- **process_iter**: `attrs=[pid, name, username, cpu_percent, memory_info, cmdline, status, "
             "create_time]`, collected into a list; the process table is the machine's own processes, then "
             "the same plus 1000 `sleep 3600` children started by `sleepers.sh` for that benchmark only.")
    L.append("")
    L.append("| benchmark | files |")
    L.append("|---|---|")
    for row, label, files in ROWS:
        L.append("| %s | %s |" % (label, files))
    L.append("")

    L.append("## Machine and settings")
    L.append("")
    facts = [
        ("CPU", m.get("cpu_model")), ("CPUs (nproc)", m.get("nproc")), ("Memory (free -g)", m.get("memory")),
        ("Kernel", m.get("kernel")), ("JDK", "%s (%s %s)" % (jmeta.get("jdk"), jmeta.get("vm"), jmeta.get("vm_version"))
                                      if jmeta else m.get("jdk")),
        ("JMH", jmeta.get("jmh")),
    ] + [("JMH " + cls, v) for cls, v in sorted(jmeta.get("settings", {}).items())] + [
        ("psutil", "%s on Python %s (%s)" % (py.get("psutil_version"), py.get("python"), py.get("executable"))),
        ("psutil timing", json.dumps(py.get("settings"))),
        ("OSHI", m.get("oshi_version")), ("gcc", m.get("gcc")), ("hyperfine", m.get("hyperfine")),
        ("Processes before the run", m.get("processes")),
        ("Load average (1, 5, 15 min) at start / end", "%s / %s" % (" ".join(m.get("loadavg", [])), loadavg_end)),
        ("Date", m.get("date")),
    ]
    L.append("| | |")
    L.append("|---|---|")
    for k, v in facts:
        if v:
            L.append("| %s | %s |" % (k, str(v).replace("|", "\\|")))
    L.append("")
    try:
        busy = max(float(x) for x in m.get("loadavg", [])[:1] + loadavg_end.split()[:1]) > float(m.get("nproc", "0"))
    except ValueError:
        busy = False
    if busy:
        notes.append("The machine was busy (1-minute load average above the number of CPUs at the start or end "
                     "of the run): other work competed for the CPUs, so expect wide error bars.")
    if notes:
        L.append("## Notes from this run")
        L.append("")
        for n in notes:
            L.append("- " + n)
        L.append("")

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        f.write("\n".join(L))
    print("wrote " + out)


if __name__ == "__main__":
    main()
