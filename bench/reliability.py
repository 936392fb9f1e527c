"""Load and slow clients against gunicorn under production settings (docs/reliability.md).

    .venv/bin/python bench/reliability.py                 # 60 s, private SQLite
    .venv/bin/python bench/reliability.py --seconds 20 --database-url postgres://…/starcity_rel

Builds bench/data.py's data set (1,000 articles, 300 people, 3 shows) in a private database,
starts gunicorn exactly as the Procfile does (its config file, 2 workers, DEBUG off), then for
``--seconds`` runs wrk from loopback over a mix of ~250 public URLs (page cache on, as in
production, so there are hits and misses) while slow clients hold connections open:
idle keep-alive connections, clients that send their request one byte every half second, and
clients that read a large response one kilobyte a second. Meanwhile a probe requests the home
page once a second and records its latency: that is what a normal visitor sees while the slow
clients are connected. Reports errors, latency, each worker's RSS before and after, and the
machine. Worker recycling is off (GUNICORN_MAX_REQUESTS=0) so memory growth is visible.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.reliability.services import Gunicorn, PrivateRedis, free_port, production_env  # noqa: E402

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")

URLS_SCRIPT = """
import json, random
from django.urls import reverse
from news.models import Article, Tag
from people.models import Person
from shows.models import Show
rng = random.Random(7)
urls = ["/", reverse("news:list"), reverse("news:list") + "?page=2", "/robots.txt", "/sitemap.xml"]
urls += [a.get_absolute_url() for a in Article.objects.published().order_by("?")[:150]]
urls += [p.get_absolute_url() for p in Person.objects.order_by("?")[:60]]
urls += [s.get_absolute_url() for s in Show.objects.all()]
urls += [t.get_absolute_url() for t in Tag.objects.order_by("?")[:20]]
try:
    urls += [reverse("search:results") + "?q=" + w for w in ("booster", "moon", "design", "winter")]
except Exception:
    pass
print(json.dumps(urls))
"""


def run(args: list[str], env: dict, timeout: int = 600) -> str:
    result = subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024


# --- Slow clients -------------------------------------------------------------------------------


class SlowClients:
    """Connections that hold a worker's attention as long as they can, until stopped."""

    def __init__(self, port: int, idle: int, trickle: int, slow_readers: int, reader_path: str) -> None:
        self.port, self.stop_event = port, threading.Event()
        self.completed = {"trickle": 0, "slow_read": 0}
        self.threads = [threading.Thread(target=self.idle, daemon=True) for _ in range(idle)]
        self.threads += [threading.Thread(target=self.trickle, daemon=True) for _ in range(trickle)]
        self.threads += [
            threading.Thread(target=self.slow_read, args=(reader_path,), daemon=True) for _ in range(slow_readers)
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=5)

    def _connect(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=40)

    def idle(self) -> None:
        """Open a connection and send nothing; reconnect when the server closes it."""
        while not self.stop_event.is_set():
            with contextlib.suppress(OSError), self._connect() as sock:
                sock.settimeout(1)
                while not self.stop_event.is_set():
                    try:
                        if sock.recv(1) == b"":
                            break
                    except TimeoutError:
                        continue

    def trickle(self) -> None:
        """Send a request one byte every half second (a slow mobile uplink, or slowloris)."""
        request = b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: trickle\r\nConnection: close\r\n\r\n"
        while not self.stop_event.is_set():
            with contextlib.suppress(OSError), self._connect() as sock:
                for byte in request:
                    if self.stop_event.is_set():
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(0.5)
                while sock.recv(65536):
                    pass
                self.completed["trickle"] += 1

    def slow_read(self, path: str) -> None:
        """Ask for a large page and read it one kilobyte a second."""
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        while not self.stop_event.is_set():
            with contextlib.suppress(OSError), self._connect() as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                sock.sendall(request)
                while not self.stop_event.is_set() and sock.recv(1024):
                    time.sleep(1)
                self.completed["slow_read"] += 1


def probe(web: Gunicorn, stop: threading.Event, results: list, memory: list) -> None:
    """A normal visitor: the home page once a second, with its latency; workers' RSS every 10 s."""
    while not stop.is_set():
        status, _, _, seconds = web.get("/", timeout=30)
        results.append((status, seconds))
        if len(results) % 10 == 0:
            memory.append([round(rss_mib(pid), 1) for pid in web.workers()])
        stop.wait(1)


# --- Load -------------------------------------------------------------------------------------


def wrk_load(port: int, seconds: int, connections: int, paths_file: Path) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
        + ["-s", str(BASE_DIR / "bench" / "mixed.lua"), f"http://127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PATHS=str(paths_file)),
    ).stdout
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "latency": latency,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
        "raw": out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--idle", type=int, default=20, help="idle keep-alive connections (default 20)")
    parser.add_argument("--trickle", type=int, default=3, help="clients sending byte by byte (default 3)")
    parser.add_argument("--slow-readers", type=int, default=3, help="clients reading 1 KB/s (default 3)")
    parser.add_argument("--database-url", help="an empty PostgreSQL database to fill (default: private SQLite)")
    parser.add_argument("--redis", action="store_true", help="share the page cache in a private redis-server")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    opts = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="starcity-reliability-"))
    env = production_env(
        DATABASE_URL=opts.database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        WEB_CONCURRENCY="2",
        GUNICORN_MAX_REQUESTS="0",
    )
    redis = None
    if opts.redis:
        redis = PrivateRedis()
        redis.start()
        env["REDIS_URL"] = redis.url
    print(f"Work dir {workdir}; database {env['DATABASE_URL'].split('://')[0]}", flush=True)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "bench/data.py", "build"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], env)
    urls = json.loads(run([PYTHON, "manage.py", "shell", "-c", URLS_SCRIPT], env).strip().splitlines()[-1])
    paths_file = workdir / "paths.txt"
    paths_file.write_text("\n".join(urls) + "\n")

    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    web = Gunicorn(env, workdir / "gunicorn.log")
    web.port = free_port()
    web.env["PORT"] = str(web.port)
    web.start()
    try:
        for url in urls:  # warm every page once so "before" is a worker that has served the site
            web.get(url)
        before = {pid: rss_mib(pid) for pid in web.workers()}
        slow = SlowClients(web.port, opts.idle, opts.trickle, opts.slow_readers, reader_path="/sitemap.xml")
        slow.start()
        stop, probes, memory = threading.Event(), [], []
        prober = threading.Thread(target=probe, args=(web, stop, probes, memory), daemon=True)
        prober.start()
        load = wrk_load(web.port, opts.seconds, opts.connections, paths_file)
        stop.set()
        prober.join()
        slow.stop()
        after = {pid: rss_mib(pid) for pid in web.workers()}
        log = (workdir / "gunicorn.log").read_text()
    finally:
        web.stop()
        if redis:
            redis.stop()

    probe_seconds = [s for status, s in probes]
    probe_errors = sum(status != 200 for status, _ in probes)
    lines = [
        f"Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}, "
        f"load average before the run {load_before}",
        f"gunicorn: {os.environ.get('GUNICORN_THREADS', '8 (default)')} threads per worker",
        f"Load: wrk -t2 -c{opts.connections} -d{opts.seconds}s over {len(urls)} URLs (page cache on, "
        f"{'in Redis' if redis else 'in each worker (LocMem, 300 pages at most)'})",
        f"Slow clients: {opts.idle} idle, {opts.trickle} trickling requests, {opts.slow_readers} slow readers",
        f"Requests: {load['requests']} ({load['rps']:.0f}/s); non-2xx/3xx: {load['non_2xx']}; "
        f"socket errors: {load['socket_errors']}",
        "Latency: " + ", ".join(f"p{k} {v}" for k, v in load["latency"].items()),
        f"Probe (home page once a second during the load): {len(probes)} requests, {probe_errors} errors, "
        f"median {statistics.median(probe_seconds) * 1000:.0f} ms, max {max(probe_seconds) * 1000:.0f} ms",
        f"Slow clients completed: {slow.completed}",
        f"Worker timeouts in the log: {log.count('WORKER TIMEOUT')}; tracebacks: {log.count('Traceback')}",
    ]
    lines.append("Workers' RSS every 10 s (MiB): " + " → ".join("/".join(map(str, m)) for m in memory))
    for pid in before:
        lines.append(f"Worker {pid}: RSS {before[pid]:.1f} MiB before, {after.get(pid, float('nan')):.1f} MiB after")
    print("\n".join(lines))
    if opts.json:
        opts.json.write_text(json.dumps({"load": load, "before": before, "after": after, "probes": probes}))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
