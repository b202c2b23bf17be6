#!/usr/bin/env python3
"""The PostgreSQL server's CPU behind a command, phase by phase (bench/README.md, "The server's share of a run").

    python3 bench/pg-cpu.py DATABASE AFTER_SECONDS -- dotnet bench/Jixiao.DbBench/bin/Release/net10.0/Jixiao.DbBench.dll --postgres ...

Runs the command and, at every line it prints, prints the CPU (utime + stime from /proc) that PostgreSQL processes spent
since the previous line, split into:
  mine      backends serving the command's own connections (a backend's title shows its client's port, the command's
            sockets are found in /proc/<pid>/fd and /proc/net/tcp), with their parallel workers counted apart;
  autovac   autovacuum workers on DATABASE (the run's inserts trigger them);
  shared    the cluster's checkpointer, background writer and walwriter (every database's, not only this one's);
  others'   every other backend of DATABASE: other sessions on a shared bench database, which a sampler counting all
            backends of the database would wrongly charge to the run.
After the command exits it keeps sampling AFTER_SECONDS (autovacuum triggered by the run), then prints the totals.
Only for a server on this machine (it reads /proc); /proc is polled every 50 ms, so a parallel worker living less than
that is partly missed. Read-only: it never signals or changes a process.
"""
import os
import re
import subprocess
import sys
import threading
import time

database = sys.argv[1]
after = float(sys.argv[2])
command = sys.argv[sys.argv.index("--") + 1:]
ticks = os.sysconf("SC_CLK_TCK")
kinds = ("backend", "parallel", "autovacuum", "shared", "other")
seen = {}  # (pid, start time) -> [cpu when first seen, cpu when last seen, kind]
lock = threading.Lock()
child = None


def ports():
    """Local TCP ports of the command's sockets."""
    if child is None:
        return set()
    inodes = set()
    try:
        for fd in os.listdir(f"/proc/{child}/fd"):
            try:
                link = os.readlink(f"/proc/{child}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    except OSError:
        return set()
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                for row in f.read().splitlines()[1:]:
                    fields = row.split()
                    if fields[9] in inodes:
                        found.add(int(fields[1].split(":")[1], 16))
        except OSError:
            pass
    return found


def scan():
    mine = ports()
    processes = []
    backends = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                title = f.read().replace(b"\0", b" ").decode(errors="replace")
            if not title.startswith("postgres"):
                continue
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        processes.append((int(entry), int(fields[19]), cpu, title))
        port = re.search(r"\((\d+)\)", title)
        if database in title and "autovacuum" not in title and port and int(port.group(1)) in mine:
            backends.add(int(entry))
    found = []
    for pid, start, cpu, title in processes:
        leader = re.search(r"parallel worker for PID (\d+)", title)
        if pid in backends:
            kind = "backend"
        elif leader and int(leader.group(1)) in backends:
            kind = "parallel"
        elif "autovacuum worker" in title:
            kind = "autovacuum" if database in title else None
        elif any(k in title for k in ("checkpointer", "background writer", "walwriter")):
            kind = "shared"
        elif database in title and "parallel worker" not in title:
            kind = "other"
        else:
            kind = None
        if kind:
            found.append(((pid, start), cpu, kind))
    return found


def sample(first=False):
    now = scan()
    with lock:
        for key, cpu, kind in now:
            if key in seen:
                seen[key][1] = cpu
                if seen[key][2] not in ("backend", "parallel"):
                    seen[key][2] = kind
            else:
                seen[key] = [cpu if first else 0.0, cpu, kind]


def totals():
    result = dict.fromkeys(kinds, 0.0)
    with lock:
        for first, last, kind in seen.values():
            result[kind] += last - first
    return result


sample(first=True)
stopped = False


def poll():
    while not stopped:
        sample()
        time.sleep(0.05)


threading.Thread(target=poll, daemon=True).start()
previous = totals()


def line(text):
    global previous
    sample()
    now = totals()
    d = {k: now[k] - previous[k] for k in kinds}
    previous = now
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print(f"pg mine {d['backend']:6.2f} s + parallel {d['parallel']:5.2f} s, autovac {d['autovacuum']:5.2f} s, "
          f"shared {d['shared']:5.2f} s, others' {d['other']:5.2f} s | load {load} | {text}", flush=True)


process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
child = process.pid
for output in process.stdout:
    line(output.rstrip())
process.wait()
line(f"exit {process.returncode}")
end = time.time() + after
while time.time() < end:
    time.sleep(1)
line(f"{after:.0f} s after the exit")
stopped = True
print("total " + ", ".join(f"{k} {v:.2f} s" for k, v in totals().items()))
