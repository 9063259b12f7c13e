"""The requests-per-second measure, against a small local HTTP server that answers as told."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.throughput import load_generate


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn answers the clients
    seen_headers: list[dict[str, str]] = []

    def do_GET(self) -> None:
        _Answer.seen_headers.append(dict(self.headers))
        status = 200 if self.path == "/ok/" else 404
        body = b"fine" if status == 200 else b"missing"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_every_answered_request_is_counted_and_timed(port: int) -> None:
    result = load_generate(port, "/ok/", seconds=5, clients=3, limit=10)

    assert len(result.latencies_ms) == 30
    assert result.failures == []
    assert all(latency > 0 for latency in result.latencies_ms)
    assert result.requests_per_second == pytest.approx(30 / result.seconds)


def test_requests_carry_the_proxy_header_production_settings_expect(port: int) -> None:
    _Answer.seen_headers.clear()
    load_generate(port, "/ok/", seconds=5, clients=1, limit=2)

    assert {headers["X-Forwarded-Proto"] for headers in _Answer.seen_headers} == {"https"}


def test_an_answer_other_than_200_is_a_failure_not_a_request_served(port: int) -> None:
    result = load_generate(port, "/missing/", seconds=5, clients=2, limit=3)

    assert result.latencies_ms == []
    assert result.failures == ["answered 404"] * 6


def test_a_server_that_is_not_there_is_reported(port: int) -> None:
    from bench.throughput import free_port

    result = load_generate(free_port(), "/ok/", seconds=1, clients=1)

    assert result.latencies_ms == []
    assert result.failures and result.failures[0].startswith("ConnectionRefusedError")
