"""Load for the benchmark, and the server's CPU per request.

The load comes from wrk (Debian's `wrk`, `make bench` installs it) when it
is on the machine, or else from a small closed-loop generator in Python,
which costs the machine more and so reads the server about a fifth higher.
CPU is read from the gunicorn workers' own /proc counters (user + system
time) before and after each run, so the generator's cost never counts.
"""

import http.client
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WRK = shutil.which("wrk")
GENERATOR = "wrk" if WRK else "Python"


def process_tree(pid):
    """`pid` and every process below it."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def cpu_by_process(pids):
    """{pid: CPU seconds so far} of those still running."""
    found = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return found


def cpu_seconds(pids):
    return sum(cpu_by_process(pids).values())


def cpu_since(before, pids):
    """CPU used since `before` by `pids`; a process started since counts
    from nothing (one that ended since is lost, as /proc forgets it)."""
    now = cpu_by_process(pids)
    return sum(max(0.0, used - before.get(pid, 0.0)) for pid, used in now.items())


# The stores' own processes on this machine: their CPU counts as the
# request's too when the database and cache run on the same box.
STORE_PROCESSES = {"postgres", "redis-server"}


def store_pids():
    """Running PostgreSQL and Redis processes (none with SQLite alone)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as comm:
                    if comm.read().strip() in STORE_PROCESSES:
                        found.append(int(entry))
            except OSError:
                continue
    return found


@dataclass
class Request:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    expect: tuple = (200,)


@dataclass
class Result:
    requests: int
    errors: int
    cpu_ms: float  # server CPU per request
    p50_ms: float
    p95_ms: float
    p99_ms: float
    statuses: dict
    store_cpu_ms: float = 0.0  # PostgreSQL's and Redis's CPU per request
    floor_ms: float = 0.0  # the bare view's CPU per request, measured around it

    @property
    def ratio(self):
        """CPU per request as a multiple of the bare view's."""
        return self.cpu_ms / self.floor_ms


def run(host, port, server_pid, request, *, seconds=3.0, concurrency=4):
    """Send `request` over `concurrency` connections for `seconds`. It may be
    a list: the n-th request sent is the n-th of the list (wrapping round),
    as that many different people would send them."""
    variants = request if isinstance(request, list) else [request]
    pids = process_tree(server_pid)
    before, stores_before = cpu_seconds(pids), cpu_by_process(store_pids())
    if WRK:
        result = _wrk(host, port, variants, seconds, concurrency)
    else:
        result = _python(host, port, variants, concurrency, seconds=seconds)
    done = max(result.requests, 1)
    result.cpu_ms = (cpu_seconds(pids) - before) * 1000 / done
    result.store_cpu_ms = cpu_since(stores_before, store_pids()) * 1000 / done
    return result


def run_each_once(host, port, server_pid, requests, *, concurrency=1):
    """Send every request of the list exactly once (each is a new action,
    such as a quiz submitted), from the Python generator."""
    pids = process_tree(server_pid)
    before, stores_before = cpu_seconds(pids), cpu_by_process(store_pids())
    result = _python(host, port, requests, concurrency, count=len(requests))
    result.cpu_ms = (cpu_seconds(pids) - before) * 1000 / len(requests)
    result.store_cpu_ms = cpu_since(stores_before, store_pids()) * 1000 / len(requests)
    return result


# wrk ----------------------------------------------------------------------------

_WRK_SCRIPT = """
local requests, sent = {}, 0
init = function(args)
%(requests)s
end
request = function()
  sent = sent + 1
  return requests[(sent - 1) %% #requests + 1]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%.3f %%.3f %%.3f\\n",
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def _lua_string(value):
    if "]==]" in value:
        raise ValueError("A benchmark request cannot carry ']==]'.")
    return f"[==[{value}]==]"


def _lua_request(request):
    headers = ", ".join(
        f"[ {_lua_string(name)} ] = {_lua_string(value)}"
        for name, value in request.headers.items()
    )
    body = _lua_string(request.body.decode()) if request.body else "nil"
    return (
        f"  table.insert(requests, wrk.format({_lua_string(request.method)}, "
        f"{_lua_string(request.path)}, {{{headers}}}, {body}))"
    )


def _wrk(host, port, variants, seconds, concurrency):
    """wrk counts 4xx and 5xx as errors; a 3xx is what every POST here
    expects, and a 200 where a redirect was expected would be a test
    failure, not a speed figure."""
    script = _WRK_SCRIPT % {"requests": "\n".join(map(_lua_request, variants))}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        finished = subprocess.run(
            [
                WRK,
                "--threads=1",
                f"--connections={concurrency}",
                f"--duration={max(1, round(seconds))}s",
                "--timeout=30s",
                f"--script={lua.name}",
                f"http://{host}:{port}/",
            ],
            capture_output=True,
            text=True,
        )
    lines = [ln for ln in finished.stdout.splitlines() if ln.startswith("BENCH ")]
    if not lines:
        raise RuntimeError(f"wrk gave no figures:\n{finished.stdout}{finished.stderr}")
    line = lines[0]
    count, failed, bad_status, p50, p95, p99 = line.split()[1:]
    errors = int(failed) + int(bad_status)
    return Result(
        requests=int(count),
        errors=errors,
        cpu_ms=0.0,
        p50_ms=float(p50),
        p95_ms=float(p95),
        p99_ms=float(p99),
        statuses={"ok": int(count) - errors, "error": errors},
    )


# Python -------------------------------------------------------------------------


def _python(host, port, variants, concurrency, *, seconds=None, count=None):
    """Closed loop: each connection sends its next request when the answer
    to the last one is in, until `count` are sent or `seconds` have passed."""
    expect = variants[0].expect
    sent = [0]
    latencies, statuses = [], {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds if seconds else None

    def worker():
        connection = http.client.HTTPConnection(host, port, timeout=60)
        while True:
            with lock:
                if count is not None and sent[0] >= count:
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    break
                mine = variants[sent[0] % len(variants)]
                sent[0] += 1
            start = time.perf_counter()
            try:
                connection.request(mine.method, mine.path, mine.body, mine.headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                status = "error"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    errors = sum(n for status, n in statuses.items() if status not in expect)
    return Result(
        requests=len(latencies),
        errors=errors,
        cpu_ms=0.0,
        p50_ms=statistics.median(latencies),
        p95_ms=_percentile(latencies, 0.95),
        p99_ms=_percentile(latencies, 0.99),
        statuses=statuses,
    )


def _percentile(ordered, share):
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]
