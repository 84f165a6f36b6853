"""A small closed-loop load generator and the server's CPU per request.

CPU is read from the gunicorn workers' own /proc counters (user + system
time) before and after each run, so the generator's cost never counts.
"""

import http.client
import os
import statistics
import threading
import time
from dataclasses import dataclass, field

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


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


def run(host, port, server_pid, request, *, count, concurrency=4):
    """Send `count` requests over `concurrency` connections; time each.
    `request` may be a list: the n-th request sent is the n-th of the list
    (wrapping round), as that many different people would send them."""
    variants = request if isinstance(request, list) else [request]
    request = variants[0]
    sent = [0]
    latencies, statuses = [], {}
    lock = threading.Lock()
    remaining = [count]

    def worker():
        connection = http.client.HTTPConnection(host, port, timeout=60)
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
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

    pids = process_tree(server_pid)
    before = cpu_seconds(pids)
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    used = cpu_seconds(pids) - before
    latencies.sort()
    errors = sum(n for status, n in statuses.items() if status not in request.expect)
    return Result(
        requests=count,
        errors=errors,
        cpu_ms=used * 1000 / count,
        p50_ms=statistics.median(latencies),
        p95_ms=_percentile(latencies, 0.95),
        p99_ms=_percentile(latencies, 0.99),
        statuses=statuses,
    )


def _percentile(ordered, share):
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]
