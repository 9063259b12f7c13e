"""Requests per second of one page through the production server: gunicorn with two workers.

The benchmark's other figures time one request at a time inside the process. This one starts
`gunicorn config.wsgi:application` on a free local port with the benchmark's production
environment, lets a few client threads ask for the page over keep-alive connections for a fixed
time, and counts the answers. Every answer must be 200; the clients run on the same machine and
take part of its CPU, which the figure's detail says.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from bench.operations import BenchFailedError, OperationResult
from bench.stats import median, percentile

GUNICORN_WORKERS = 2
CLIENT_THREADS = 4
MEASURED_SECONDS = 10.0
WARMUP_REQUESTS = 20
_START_TIMEOUT_SECONDS = 60.0
# Production settings redirect plain HTTP; behind the proxy they would see this header.
_HEADERS = {"Host": "localhost", "X-Forwarded-Proto": "https"}


@dataclass
class LoadResult:
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def page_throughput(
    name: str, path: str, *, seconds: float = MEASURED_SECONDS, clients: int = CLIENT_THREADS
) -> OperationResult:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            str(GUNICORN_WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=os.environ.copy(),
        # Libraries loaded by the workers print progress lines; errors still reach stderr.
        stdout=subprocess.DEVNULL,
    )
    try:
        answering_wait(port, server)
        load_generate(port, path, seconds=1.0, clients=1, limit=WARMUP_REQUESTS)
        result = load_generate(port, path, seconds=seconds, clients=clients)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if result.failures:
        raise BenchFailedError(f"{path}: {result.failures[0]} ({len(result.failures)} failures)")
    if not result.latencies_ms:
        raise BenchFailedError(f"{path}: no request was answered in {seconds:.0f} s.")
    return OperationResult(
        name=name,
        rounds=len(result.latencies_ms),
        median_ms=median(result.latencies_ms),
        p95_ms=percentile(result.latencies_ms, 0.95),
        queries=0,
        target="reported",
        met=True,
        detail=f"{result.requests_per_second:.0f} requests/s: GET {path}, gunicorn with "
        f"{GUNICORN_WORKERS} workers, {clients} keep-alive clients on the same machine for "
        f"{result.seconds:.0f} s; times are as the clients saw them, queueing included",
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answering_wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchFailedError(f"gunicorn stopped at start (exit code {server.returncode}).")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.2)
            continue
        return
    raise BenchFailedError(f"gunicorn did not answer on port {port} in {_START_TIMEOUT_SECONDS} s.")


def load_generate(
    port: int, path: str, *, seconds: float, clients: int, limit: int | None = None
) -> LoadResult:
    """Keeps `clients` connections busy with GET path for `seconds` (or `limit` requests each)."""
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds
    result = LoadResult(seconds=seconds)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        done = 0
        try:
            while time.perf_counter() < deadline and (limit is None or done < limit):
                sent = time.perf_counter_ns()
                connection.request("GET", path, headers=_HEADERS)
                response = connection.getresponse()
                response.read()
                elapsed_ms = (time.perf_counter_ns() - sent) / 1e6
                done += 1
                with lock:
                    if response.status == 200:
                        result.latencies_ms.append(elapsed_ms)
                    else:
                        result.failures.append(f"answered {response.status}")
        except (OSError, http.client.HTTPException) as error:
            with lock:
                result.failures.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
