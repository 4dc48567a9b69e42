#!/usr/bin/python3
"""psutil peer for the psutil4j benchmarks: times the same operations as the JMH benchmarks.

Run with the system Python that has psutil 5.9.4 (/usr/bin/python3). Prints one JSON object:
  {"psutil_version": ..., "python": ..., "settings": {...},
   "results": {"cpu_times": {"us_per_op": mean, "stdev": ..., "batches": [...], "ops": n}, ...}}
Keys are the row names shared with the JMH benchmarks (snake_case of their method names);
process rows are "process_iter@<extra processes>".

Timing mirrors JMH's average-time mode: warm up for W batches, then B batches of about T seconds;
a batch's score is elapsed / operations, measured with time.perf_counter_ns. No tracemalloc (or any
tracing) is active while timing. For the process rows, the same sleepers.sh the JMH harness uses
starts the extra processes, which are killed afterwards (also on Ctrl-C or an exception).

Usage: bench_psutil.py [--warmup N] [--batches N] [--batch-seconds S]
                       [--proc-batch-seconds S] [--proc-warmup N] [--extra 0,1000] [--only NAME,...]
       bench_psutil.py --with-sleepers N -- COMMAND...
The second form runs COMMAND (e.g. the C floor) while N sleepers are up, with the same setup and
cleanup, and exits with its status.
"""
import argparse
import atexit
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time

import psutil

HERE = os.path.dirname(os.path.abspath(__file__))
SLEEPERS = os.path.join(HERE, "..", "src", "main", "resources", "psutil4j", "bench", "sleepers.sh")
ATTRS = ["pid", "name", "username", "cpu_percent", "memory_info", "cmdline", "status", "create_time"]


def five():
    # one call each with psutil's default arguments (disk and NIC totals)
    psutil.cpu_times()
    psutil.virtual_memory()
    psutil.swap_memory()
    psutil.disk_io_counters()
    psutil.net_io_counters()


SYSTEM = {
    "cpu_times": psutil.cpu_times,
    "virtual_memory": psutil.virtual_memory,
    "swap_memory": psutil.swap_memory,
    "disk_io_counters": lambda: psutil.disk_io_counters(perdisk=True),
    "net_io_counters": lambda: psutil.net_io_counters(pernic=True),
    "five": five,
}


def process_iter():
    # A list, as a caller that looks at every process does; psutil caches Process objects between
    # calls (like a top-style poller would see), and cpu_percent compares with the previous call.
    return list(psutil.process_iter(ATTRS))


def batch(fn, seconds):
    """Runs fn for about `seconds`; returns (microseconds per op, ops)."""
    limit = int(seconds * 1e9)
    ops = 0
    start = time.perf_counter_ns()
    while True:
        fn()
        ops += 1
        elapsed = time.perf_counter_ns() - start
        if elapsed >= limit:
            return elapsed / 1e3 / ops, ops


def measure(fn, warmup, batches, seconds):
    for _ in range(warmup):
        batch(fn, seconds)
    scores, total = [], 0
    for _ in range(batches):
        us, ops = batch(fn, seconds)
        scores.append(us)
        total += ops
    return {
        "us_per_op": statistics.fmean(scores),
        "stdev": statistics.stdev(scores) if len(scores) > 1 else 0.0,
        "batches": [round(s, 3) for s in scores],
        "ops": total,
    }


class Sleepers:
    """The extra processes, started by the shared sleepers.sh; never outlive this script."""

    def __init__(self, n):
        self.shell = subprocess.Popen(["/bin/sh", SLEEPERS, str(n)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
        self.pids = []
        atexit.register(self.close)
        for line in self.shell.stdout:
            line = line.strip()
            if line == "ready":
                break
            self.pids.append(int(line))
        if len(self.pids) != n:
            self.close()
            raise RuntimeError("started %d sleepers of %d" % (len(self.pids), n))

    def close(self):
        if self.shell is None:
            return
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.shell.stdin.close()  # EOF: the shell kills what is left, reaps them and exits
        try:
            self.shell.wait(30)
        except subprocess.TimeoutExpired:
            self.shell.kill()
            self.shell.wait(10)
        deadline = time.monotonic() + 30
        for pid in self.pids:
            while psutil.pid_exists(pid) and time.monotonic() < deadline:
                time.sleep(0.01)
        self.shell = None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--batch-seconds", type=float, default=1.0)
    ap.add_argument("--proc-batch-seconds", type=float, default=2.0)
    ap.add_argument("--proc-warmup", type=int, default=2)
    ap.add_argument("--with-sleepers", type=int, default=None, metavar="N")
    ap.add_argument("command", nargs="*", help="with --with-sleepers: the command to run")
    ap.add_argument("--extra", default="0,1000", help="extra sleeper counts for process_iter")
    ap.add_argument("--only", default="", help="comma-separated row names (default: all)")
    a = ap.parse_args()
    only = set(filter(None, a.only.split(",")))
    # SIGTERM (e.g. from timeout) -> normal exit so atexit kills the sleepers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if a.with_sleepers is not None:
        sleepers = Sleepers(a.with_sleepers) if a.with_sleepers > 0 else None
        try:
            sys.exit(subprocess.call(a.command))
        finally:
            if sleepers:
                sleepers.close()

    results = {}
    for name, fn in SYSTEM.items():
        if not only or name in only:
            results[name] = measure(fn, a.warmup, a.batches, a.batch_seconds)
    if not only or "oneshot_as_dict" in only:
        # One oneshot() of every attribute of a `sleep` process, as PsutilOneshotBench does.
        target = Sleepers(1)
        try:
            proc = psutil.Process(target.pids[0])

            def oneshot_as_dict():
                with proc.oneshot():
                    return proc.as_dict()

            results["oneshot_as_dict"] = measure(oneshot_as_dict, a.warmup, a.batches, a.batch_seconds)
        finally:
            target.close()
    if not only or "process_iter" in only:
        for extra in [int(x) for x in a.extra.split(",") if x != ""]:
            sleepers = Sleepers(extra) if extra > 0 else None
            try:
                r = measure(process_iter, a.proc_warmup, a.batches, a.proc_batch_seconds)
                r["processes"] = len(psutil.pids())
                results["process_iter@%d" % extra] = r
            finally:
                if sleepers:
                    sleepers.close()

    json.dump({
        "psutil_version": psutil.__version__,
        "python": platform.python_version(),
        "executable": sys.executable,
        "settings": {"warmup": a.warmup, "batches": a.batches, "batch_seconds": a.batch_seconds,
                     "proc_warmup": a.proc_warmup, "proc_batch_seconds": a.proc_batch_seconds},
        "results": results,
    }, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
