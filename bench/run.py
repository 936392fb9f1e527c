"""Benchmark: the public pages under production settings, against whitenoise's static ceiling.

    .venv/bin/python bench/run.py            # both modes, about 5 minutes
    .venv/bin/python bench/run.py --mode cached --rounds 1

Builds 1,000 articles, 300 people and 3 shows of 30 episodes in a fresh database (PostgreSQL on
127.0.0.1:5432 if it answers, else SQLite), collects static files into a temporary directory,
serves them with gunicorn (2 workers, DEBUG off) on loopback, and loads each main page with wrk.
Per page: requests/s and the fraction of its static ceiling (a whitenoise file of exactly the
page's size, loaded just before the page in every round), p50/p99 latency, bytes, SQL queries per render (counted
in-process with CaptureQueriesContext); then each worker's RSS and peak RSS from /proc, and the
cold start. Two modes: page cache on (PAGE_CACHE_SECONDS=600) and off (0).
See docs/performance.md for the figures and what they mean.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.client import HTTPConnection
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.reliability.services import production_env  # noqa: E402

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
TARGETS = {"cached": 0.50, "news list": 0.04}
SQL_BUDGET, RSS_BUDGET_MIB, COLD_START_BUDGET_S = 8, 90, 1.0


def reachable(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


def fresh_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args: list[str], env: dict, timeout: int = 300) -> str:
    result = subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk from Debian ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True, check=False)
    return shutil.which("wrk")


# --- Load generation --------------------------------------------------------------------------------


def parse_duration_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def load_wrk(wrk: str, url: str, seconds: float, connections: int) -> dict:
    script = str(BASE_DIR / "bench" / "reconnect.lua")
    out = subprocess.run(
        [wrk, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        # No latency lines when not one request finished (every one timed out).
        "p50_ms": parse_duration_ms(latency["50"]) if "50" in latency else float("nan"),
        "p99_ms": parse_duration_ms(latency["99"]) if "99" in latency else float("nan"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def load_python(url: str, seconds: float, connections: int) -> dict:
    """A bounded fallback without wrk: keep-alive connections in threads, each reconnecting
    every 50 requests like reconnect.lua. It tops out well below wrk, so fractions read low."""
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
    target = url.split(f":{port}", 1)[1]
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker() -> None:
        conn, mine, bad = HTTPConnection(host, int(port), timeout=10), [], 0
        while time.monotonic() < deadline:
            if len(mine) % 50 == 49:
                conn.close()
            start = time.perf_counter()
            conn.request("GET", target)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            bad += response.status >= 400
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / seconds,
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
        "errors": errors[0],
        "socket_errors": "",
    }


# --- The server -----------------------------------------------------------------------------------


# The production config, run as it is, plus hooks that note when each phase of a start ended
# (seconds since Popen, in the file BENCH_PHASES names); gunicorn's own log has 1 s resolution.
TIMED_CONFIG = """
import os as _os, time as _time

def _mark(what):
    with open(_os.environ["BENCH_PHASES"], "a") as out:
        out.write(f"{what} {_time.time() - float(_os.environ['BENCH_T0']):.4f}\\n")

_mark("config")
exec(compile(open("starcity_site/gunicorn.conf.py").read(), "starcity_site/gunicorn.conf.py", "exec"))

def when_ready(server):
    _mark("ready")

def post_worker_init(worker):
    _mark("worker")

# Only a worker's first request is marked: the last start serves the load, and a file written
# twice per request would slow every page measured.
_first_request = [True, True]

def pre_request(worker, req):
    if _first_request[0]:
        _first_request[0] = False
        _mark("request")

def post_request(worker, req, environ, resp):
    if _first_request[1]:
        _first_request[1] = False
        _mark("response")
"""
# What each phase of a cold start is, as printed: (name, from mark, to mark).
PHASES = (
    ("interpreter and gunicorn", "start", "config"),
    ("importing the site", "config", "ready"),
    ("fork and worker start", "ready", "worker"),
    ("first page", "request", "response"),
)


class Server:
    def __init__(self, env: dict, port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None
        self.phases: dict[str, float] = {}

    def start(self) -> float:
        """Start gunicorn; return seconds from process start to the home page's first 200.

        ``self.phases`` then holds the seconds each phase took (``PHASES``).
        """
        config, marks = self.log.with_suffix(".conf.py"), self.log.with_suffix(".phases")
        config.write_text(TIMED_CONFIG)
        marks.unlink(missing_ok=True)
        started, t0 = time.monotonic(), time.time()
        self.process = subprocess.Popen(
            [GUNICORN, "starcity_site.wsgi", "--config", str(config), "--bind", f"127.0.0.1:{self.port}"],
            cwd=BASE_DIR,
            env=dict(self.env, BENCH_T0=repr(t0), BENCH_PHASES=str(marks)),
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        while time.monotonic() - started < 30:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited; see {self.log}")
            with contextlib.suppress(OSError), urllib.request.urlopen(self.url("/"), timeout=5) as response:
                if response.status == 200:
                    elapsed = time.monotonic() - started
                    # post_request runs after the response has gone out: give it a moment.
                    deadline = time.monotonic() + 2
                    while "response" not in marks.read_text() and time.monotonic() < deadline:
                        time.sleep(0.005)
                    self.phases = self._phases(marks)
                    return elapsed
            time.sleep(0.005)
        self.stop()
        sys.exit(f"gunicorn gave no 200 within 30 s; see {self.log}")

    @staticmethod
    def _phases(marks: Path) -> dict[str, float]:
        first = {"start": 0.0}  # the marks are seconds since Popen
        for line in marks.read_text().splitlines():
            what, at = line.split()
            first.setdefault(what, float(at))
        return {name: first[end] - first[begin] for name, begin, end in PHASES if begin in first and end in first}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self) -> list[int]:
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(child) for child in children]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def memory_mib(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    field = lambda name: int(re.search(rf"^{name}:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024  # noqa: E731
    return {"rss": field("VmRSS"), "peak": field("VmHWM")}


def wait_idle(url: str, database: str, limit: float = 30) -> None:
    """Wait until the last load's requests are done: ones still queued (a page that timed out
    under load, say) must not eat into the next page's or the ceiling's figures. On PostgreSQL:
    no query of the bench database still running; then a static file answered at once."""
    deadline = time.monotonic() + limit
    if database.startswith("postgres"):
        import psycopg

        name = database.rsplit("/", 1)[1]
        with psycopg.connect(database.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            while time.monotonic() < deadline:
                active = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active'", [name]
                ).fetchone()[0]
                if not active:
                    break
                time.sleep(0.2)
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            fetch(url)
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)


def fetch(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:  # a 503 page is a result to report, not a crash
        return error.code, error.read(), dict(error.headers)


# --- One mode -------------------------------------------------------------------------------------


def bench_mode(mode: str, base_env: dict, pages: dict, ceilings: dict, opts) -> dict:
    """``ceilings``: page name → the path of a static file of that page's size.

    ``mode``: cached (page cache on) or uncached (off).
    """
    env = dict(base_env, PAGE_CACHE_SECONDS="600" if mode == "cached" else "0")
    # Several starts, each with a cache of its own (its first page is a miss, as right after a
    # deploy that changed the templates): one start on a shared machine moves by a quarter. The
    # last one serves the load.
    cold_starts, phases = [], []
    for start in range(opts.starts):
        env["CACHE_KEY_PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}"
        server = Server(env, opts.port, opts.workdir / f"gunicorn-{mode}.log")
        cold_starts.append(server.start())
        phases.append(server.phases)
        if start < opts.starts - 1:
            server.stop()
    tool = (
        (lambda url, s: load_wrk(opts.wrk, url, s, opts.connections))
        if opts.wrk
        else (lambda url, s: load_python(url, s, opts.connections))
    )

    def load(url: str, seconds: float) -> dict:
        result = tool(url, seconds)
        wait_idle(server.url(next(iter(ceilings.values()))), opts.database)
        return result

    try:
        for path in [*ceilings.values(), *(p["url"] for p in pages.values())]:
            load(server.url(path), opts.warmup)
        # Each page right after its own ceiling, in every round, so drift on a shared machine
        # hits page and ceiling alike; medians over the rounds.
        ceiling, runs = {name: [] for name in pages}, {name: [] for name in pages}
        for _ in range(opts.rounds):
            for name, page in pages.items():
                ceiling[name].append(load(server.url(ceilings[name]), opts.duration))
                runs[name].append(load(server.url(page["url"]), opts.duration))
        results = {}
        for name, page in pages.items():
            status, content, headers = fetch(server.url(page["url"]))
            results[name] = {
                "rps": statistics.median(r["rps"] for r in runs[name]),
                "p50_ms": statistics.median(r["p50_ms"] for r in runs[name]),
                "p99_ms": statistics.median(r["p99_ms"] for r in runs[name]),
                "errors": sum(r["errors"] for r in runs[name]),
                "socket_errors": " ".join(r["socket_errors"] for r in runs[name]).strip(),
                "status": status,
                "bytes": len(content),
                "cache": headers.get("X-Page-Cache", "-"),
                "runs": runs[name],
            }
        workers = {pid: memory_mib(pid) for pid in server.workers()}
    finally:
        server.stop()
    for name, result in results.items():
        result["ceiling_rps"] = statistics.median(c["rps"] for c in ceiling[name])
        result["fraction"] = result["rps"] / result["ceiling_rps"]
    return {
        "mode": mode,
        "cold_start_s": statistics.median(cold_starts),
        "cold_starts_s": cold_starts,
        "cold_start_phases_s": {
            name: statistics.median(p[name] for p in phases if name in p)
            for name, _, _ in PHASES
            if any(name in p for p in phases)
        },
        "ceiling": ceiling,
        "pages": results,
        "workers": workers,
    }


def report(result: dict, pages: dict) -> list[str]:
    mode = result["mode"]
    lines = [
        f"\n## {mode}: PAGE_CACHE_SECONDS={'600' if mode == 'cached' else '0'}",
        "",
        "| page | req/s | its ceiling | of ceiling | p50 ms | p99 ms | bytes | SQL per render | served | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    misses = []
    for name, r in result["pages"].items():
        sql = max(pages[name]["sql"])
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['ceiling_rps']:.0f} | {r['fraction']:.1%} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | "
            f"{r['bytes']:,} | {sql} | {'from cache' if r['cache'] == 'hit' else 'rendered'} | {r['errors']} |"
        )
        target = TARGETS["cached"] if mode == "cached" else TARGETS.get(name)
        if target is not None and r["fraction"] < target:
            misses.append(f"{name} {r['fraction']:.1%} < {target:.0%}")
        if sql > SQL_BUDGET:
            misses.append(f"{name} {sql} SQL queries > {SQL_BUDGET}")
        if r["errors"] or r["status"] != 200 or r["socket_errors"]:
            misses.append(f"{name}: status {r['status']}, {r['errors']} errors {r['socket_errors']}")
    lines.append("")
    starts = result["cold_starts_s"]
    lines.append(
        f"Cold start (process start to first 200 of /): median {result['cold_start_s'] * 1000:.0f} ms of "
        f"{len(starts)} starts ({min(starts) * 1000:.0f}-{max(starts) * 1000:.0f} ms); medians of its phases: "
        + ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in result["cold_start_phases_s"].items())
    )
    for pid, mem in result["workers"].items():
        lines.append(f"Worker {pid}: RSS {mem['rss']:.1f} MiB, peak {mem['peak']:.1f} MiB")
        if mem["peak"] > RSS_BUDGET_MIB:
            misses.append(f"worker {pid} peak RSS {mem['peak']:.1f} MiB > {RSS_BUDGET_MIB}")
    if result["cold_start_s"] > COLD_START_BUDGET_S:
        misses.append(f"cold start {result['cold_start_s']:.2f} s > {COLD_START_BUDGET_S} s")
    lines.append("Targets: " + ("all met" if not misses else "MISSED: " + "; ".join(misses)))
    return lines


def report_costs(costs: dict) -> str:
    lines = ["", "## in-process cost per uncached render (bench/data.py cost)", ""]
    lines += [
        "| page | Python calls | CPU ms | PostgreSQL CPU ms | its SQL alone: CPU ms | PostgreSQL CPU ms | url |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    ms = lambda value: "n/a" if value is None else f"{value:.2f}"  # noqa: E731
    for name, c in costs.items():
        if c is not None:
            lines.append(
                f"| {name} | {c['calls']:,} | {c['cpu_ms']:.2f} | {ms(c['db_cpu_ms'])} | {c['raw_cpu_ms']:.2f} | "
                f"{ms(c['raw_db_cpu_ms'])} | {c['url']} |"
            )
    lines += [
        "",
        "'Its SQL alone': the statements one render sent, sent again through a plain cursor with the same",
        "parameters (no ORM): the Python and PostgreSQL CPU that reading the page's data costs at the least.",
    ]
    return "\n".join(lines)


def machine() -> list[str]:
    def version(command: list[str]) -> str:
        with contextlib.suppress(OSError, IndexError):
            out = subprocess.run(command, capture_output=True, text=True, check=False)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        return "n/a"

    memory = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout
    return [
        f"Machine: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {platform.platform()}",
        "Memory:\n" + memory.rstrip(),
        f"Python {platform.python_version()}; {version([GUNICORN, '--version'])}; {version(['wrk', '-v'])}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--mode",
        choices=["cached", "uncached", "both"],
        default="both",
    )
    parser.add_argument("--duration", type=float, default=2, help="seconds of load per page and round (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages (default 3)")
    parser.add_argument("--warmup", type=float, default=1, help="seconds of warm-up per page (default 1)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--starts", type=int, default=5, help="cold starts per mode; the median is reported (default 5)"
    )
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument(
        "--database-url", help="a PostgreSQL database to DROP and recreate (default: …/starcity_bench, else SQLite)"
    )
    parser.add_argument("--redis-url", help="default: redis://127.0.0.1:6379/15 if Redis answers")
    parser.add_argument("--no-redis", action="store_true", help="in-process cache in each worker instead")
    parser.add_argument("--python-client", action="store_true", help="use the Python load client, not wrk")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--calls",
        action="store_true",
        help="no server: each page's Python calls, Python and PostgreSQL CPU per uncached render, in-process",
    )
    opts = parser.parse_args()
    opts.wrk = None if opts.python_client or opts.calls else ensure_wrk()
    opts.workdir = Path(tempfile.mkdtemp(prefix="starcity-bench-"))

    database = opts.database_url or (
        "postgres://postgres@127.0.0.1:5432/starcity_bench"
        if reachable("127.0.0.1", 5432)
        else f"sqlite:///{opts.workdir / 'bench.sqlite3'}"
    )
    redis = (
        None
        if opts.no_redis
        else opts.redis_url or ("redis://127.0.0.1:6379/15" if reachable("127.0.0.1", 6379) else None)
    )
    opts.database = database
    print(f"Database: {database.split('://')[0]} ({database})")
    print(f"Cache: {'Redis ' + redis if redis else 'in-process (LocMem) in each worker'}")
    print(f"Load tool: {opts.wrk or 'Python client (wrk not available)'}; work dir {opts.workdir}", flush=True)

    env = production_env(
        DATABASE_URL=database,
        STATIC_ROOT=str(opts.workdir / "static"),
        MEDIA_ROOT=str(opts.workdir / "media"),
        WEB_CONCURRENCY="2",
        # Recycling off so the RSS after the run is that of a worker that served all of it.
        GUNICORN_MAX_REQUESTS="0",
        # As the Procfile: glibc's per-thread malloc arenas grow a gthread worker's RSS by ~10 MiB.
        MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", "2"),
    )
    if redis:
        env["REDIS_URL"] = redis

    started = time.monotonic()
    if database.startswith("postgres"):
        fresh_postgres(database)
    try:
        run([PYTHON, "manage.py", "migrate", "--noinput"], env)
        t = time.monotonic()
        run([PYTHON, "bench/data.py", "build"], env)
        print(f"Data set built in {time.monotonic() - t:.1f} s", flush=True)
        # The deploy's build step: collectstatic and the bytecode (a PaaS image has both).
        run(["bash", "bin/build"], dict(env, PYTHON=PYTHON))
        probe_env = dict(env, PAGE_CACHE_SECONDS="0", CACHE_KEY_PREFIX=f"bench-probe-{uuid.uuid4().hex[:8]}")
        if opts.calls:
            costs = json.loads(run([PYTHON, "bench/data.py", "cost"], probe_env).strip().splitlines()[-1])
            print(report_costs(costs))
            shutil.rmtree(opts.workdir, ignore_errors=True)
            return
        probed = json.loads(run([PYTHON, "bench/data.py", "pages"], probe_env).strip().splitlines()[-1])
        # A page that fails in the probe is still loaded and reported (its errors are a result).
        pages = {name: p for name, p in probed.items() if p is not None}
        for name, p in probed.items():
            if p is None:
                print(f"Skipping {name}: no URL for it")
            elif p["status"] != 200:
                print(f"Probe: {name} answered {p['status']} ({p['url']})", flush=True)
        # Each page's ceiling: a static file of its size (written before gunicorn starts, as
        # whitenoise indexes STATIC_ROOT at start-up), so a large page is not held to a small file.
        ceilings = {}
        for name, p in pages.items():
            size = max(p["bytes"], 1)
            (Path(env["STATIC_ROOT"]) / f"bench-ceiling-{size}.html").write_bytes(
                os.urandom(size // 2 + 1).hex().encode()[:size]
            )
            ceilings[name] = f"/static/bench-ceiling-{size}.html"

        modes = ["cached", "uncached"] if opts.mode == "both" else [opts.mode]
        results = [bench_mode(mode, env, pages, ceilings, opts) for mode in modes]
    finally:
        if database.startswith("postgres") and not opts.database_url:
            drop_postgres(database)
        if redis:
            _forget_redis_keys(redis)

    lines = [*machine(), f"Database: {database.split('://')[0]}; cache: {'Redis' if redis else 'LocMem'}"]
    lines.append("Static ceiling per page: a file of the page's size served by whitenoise ('its ceiling')")
    for result in results:
        lines.extend(report(result, pages))
    lines.append(f"\nTotal time: {time.monotonic() - started:.0f} s")
    print("\n".join(lines))
    if opts.json:
        opts.json.write_text(json.dumps({"pages": pages, "results": results}, indent=2))
    shutil.rmtree(opts.workdir, ignore_errors=True)


def _forget_redis_keys(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter("bench-*"))
    if keys:
        client.delete(*keys)


if __name__ == "__main__":
    main()
