#!/usr/bin/env python3
"""Uploads each hostile file to a fresh Jixiao server and reports status, time and the server's memory.

Usage: bench/hostile/measure.py [FOLDER] [NAME ...]
Needs a Release build of src/Jixiao.Web (or JIXIAO_MEASURE_WEB: the folder of another build's Jixiao.Web.dll, e.g. a copy
of main's, to measure before a change) and the files of make_files.py. Each file gets a new server (demo company,
SQLite in a temporary folder, 127.0.0.1) started with a GC heap hard limit (JIXIAO_MEASURE_HEAP_GB, default 4) so
that a runaway upload cannot take the machine; the server is killed afterwards. See bench/hostile/README.md.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WEB = os.environ.get("JIXIAO_MEASURE_WEB") or os.path.join(ROOT, "src", "Jixiao.Web", "bin", "Release", "net10.0")


def rss_kb(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except FileNotFoundError:
        return None
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder):
    port = free_port()
    env = dict(os.environ)
    env.update({
        "ConnectionStrings__Jixiao": f"Data Source={os.path.join(folder, 'jixiao.db')}",
        "Database__Provider": "Sqlite",
        "Urls": f"http://127.0.0.1:{port}",
        "ASPNETCORE_ENVIRONMENT": "Production",
        "Projection__RefreshEnabled": "false",
        "DOTNET_GCHeapHardLimit": hex(int(os.environ.get("JIXIAO_MEASURE_HEAP_GB", "4")) << 30),
    })
    log = open(os.path.join(folder, "server.log"), "w")
    proc = subprocess.Popen(["dotnet", os.path.join(WEB, "Jixiao.Web.dll")], cwd=WEB, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            raise RuntimeError("server exited; see " + log.name)
        time.sleep(0.5)
    raise RuntimeError("server did not start")


def login(base):
    s = requests.Session()
    page = s.get(base + "/login").text
    token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', page).group(1)
    r = s.post(base + "/account/login", data={"__RequestVerificationToken": token, "userName": "hr", "password": "Demo-hr-2026"},
               allow_redirects=False)
    assert r.status_code == 302, r.status_code
    return s


def measure(path):
    name = os.path.basename(path)
    folder = tempfile.mkdtemp(prefix="jixiao-hostile-")
    proc, base = start_server(folder)
    try:
        session = login(base)
        url = base + ("/api/v1/plans" if name.endswith(".yaml") else "/api/v1/data/sales")
        before = rss_kb(proc.pid)
        peak = [before]
        done = threading.Event()

        def sample():
            while not done.is_set():
                v = rss_kb(proc.pid)
                if v is None:
                    return
                peak[0] = max(peak[0], v)
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.monotonic()
        try:
            with open(path, "rb") as f:
                r = session.post(url, files={"file": (name, f)}, timeout=600)
            status = str(r.status_code)
            body = r.text
        except requests.RequestException as e:
            status = "no answer"
            body = type(e).__name__
        elapsed = time.monotonic() - started
        done.set()
        sampler.join()
        time.sleep(1)
        alive = proc.poll() is None
        message = ""
        m = re.search(r'"message":"((?:[^"\\]|\\.)*)"', body)
        if m:
            message = m.group(1).encode().decode("unicode_escape", errors="replace").encode("latin-1", errors="replace").decode("utf-8", errors="replace")
        elif status != "200" and status != "201":
            message = body[:160].replace("\n", " ")
        return (name, os.path.getsize(path), status, elapsed, before / 1024, peak[0] / 1024, alive, message[:140])
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "bench-data", "hostile")
    names = sys.argv[2:] or sorted(os.listdir(folder))
    print("| file | bytes | status | seconds | RSS before (MB) | peak RSS (MB) | server alive | first error |")
    print("| --- | ---: | --- | ---: | ---: | ---: | --- | --- |")
    for n in names:
        row = measure(os.path.join(folder, n))
        print("| {} | {:,} | {} | {:.1f} | {:.0f} | {:.0f} | {} | {} |".format(*row[:6], "yes" if row[6] else "**no**", row[7]), flush=True)


if __name__ == "__main__":
    main()
