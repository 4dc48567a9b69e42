#!/usr/bin/python3
"""What a monitoring agent costs the machine it watches: CPU (share of one core) and memory.

Each agent runs alone, collecting every second: psutil4j's `serve --interval 1s` (system,
process groups, history and rules as configured by default), Debian's prometheus-node-exporter
(default collectors, and again with --collector.processes, which reads every /proc/PID/stat),
and glances (--quiet, -t 1, exporting to CSV: its whole plugin set including the process list).
The exporters only work when scraped, so every HTTP agent is scraped once a second by this script
(the scrape's own cost is in this script, not in the agent). After a warm-up, the agent's CPU time
(utime + stime of all its threads, /proc/PID/stat) is read at the start and end of a window;
memory is VmRSS at the end and VmHWM (peak). Run it under bench_psutil.py --with-sleepers N to
measure at ~1000 processes.

Usage: agent_cost.py --psutil4j ./psutil4j [--warmup 20] [--window 60] OUT.json
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)


def status_kb(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def scrape(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return len(r.read())
    except OSError:
        return 0


def measure(name, argv, url, warmup, window, env=None, note=""):
    print("agent_cost: %s: %s" % (name, " ".join(argv)), file=sys.stderr)
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while url and scrape(url) == 0:
            if p.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("%s did not start: %s" % (name, p.stderr.read().decode(errors="replace")[-2000:]))
            time.sleep(0.2)
        end_warm = time.monotonic() + warmup
        while time.monotonic() < end_warm:
            if url:
                scrape(url)
            time.sleep(1)
        if p.poll() is not None:
            raise RuntimeError("%s exited during warm-up" % name)
        t0, c0 = time.monotonic(), cpu_ticks(p.pid)
        scrapes, size = 0, 0
        next_t = t0
        while True:
            next_t += 1
            now = time.monotonic()
            if next_t - t0 > window:
                break
            time.sleep(max(0, next_t - now))
            if url:
                size = scrape(url)
                scrapes += 1
        t1, c1 = time.monotonic(), cpu_ticks(p.pid)
        rss, hwm = status_kb(p.pid, "VmRSS"), status_kb(p.pid, "VmHWM")
        threads = status_kb(p.pid, "Threads")
        return {
            "agent": name, "argv": argv, "note": note,
            "cpu_percent_of_one_core": 100.0 * (c1 - c0) / CLK_TCK / (t1 - t0),
            "cpu_seconds": (c1 - c0) / CLK_TCK, "window_seconds": t1 - t0,
            "rss_mib": rss / 1024.0, "peak_rss_mib": hwm / 1024.0, "threads": threads,
            "scrapes": scrapes, "scrape_bytes": size,
        }
    finally:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()


def version(argv):
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (r.stdout + r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--psutil4j", required=True, help="the ./psutil4j launcher")
    ap.add_argument("--warmup", type=float, default=20)
    ap.add_argument("--window", type=float, default=60)
    ap.add_argument("out")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="agent-cost-")
    results = []
    try:
        port = free_port()
        cfg = os.path.join(tmp, "agent.yml")
        with open(cfg, "w") as f:
            f.write("listen: 127.0.0.1:%d\ninterval: 1s\ndata_dir: %s\n" % (port, os.path.join(tmp, "data")))
        results.append(measure("psutil4j serve", [a.psutil4j, "serve", "--config", cfg],
                               "http://127.0.0.1:%d/metrics" % port, a.warmup, a.window,
                               note="system + process groups every 1 s (a sleeping process: schedstat every 1 s, stat again once it runs, its parent exits, memory is reclaimed, or 30 s on), history, as configured by default"))
        ne = shutil.which("prometheus-node-exporter")
        if ne:
            port = free_port()
            results.append(measure("node_exporter", [ne, "--web.listen-address=127.0.0.1:%d" % port],
                                   "http://127.0.0.1:%d/metrics" % port, a.warmup, a.window,
                                   note="default collectors (no per-process work), scraped every 1 s"))
            port = free_port()
            results.append(measure("node_exporter --collector.processes",
                                   [ne, "--web.listen-address=127.0.0.1:%d" % port, "--collector.processes"],
                                   "http://127.0.0.1:%d/metrics" % port, a.warmup, a.window,
                                   note="also reads every process's stat for state and thread counts"))
        gl = shutil.which("glances")
        if gl:
            results.append(measure("glances", [gl, "--quiet", "-t", "1", "--export", "csv", "--export-csv-file",
                                               os.path.join(tmp, "glances.csv")], None, a.warmup, a.window,
                                   note="all plugins incl. the process list every 1 s, exported to CSV"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    json.dump({
        "processes": len([p for p in os.listdir("/proc") if p.isdigit()]),
        "warmup_seconds": a.warmup,
        "versions": {
            "node_exporter": version(["prometheus-node-exporter", "--version"]),
            "glances": version(["glances", "--version"]),
        },
        "results": results,
    }, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
