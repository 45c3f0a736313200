"""A real, programmable HTTP server on loopback for the ingest tests.

stdlib ``ThreadingHTTPServer`` on port 0 in a daemon thread. Each path is given a
``Response`` (status, headers, body, delay), a list of them (served in turn, the last one
repeating), or a function of the ``Request``. Every request is recorded with the headers it
carried, its start and end time, and how many requests were in flight at once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before the status line
    content_type: str | None = "application/rss+xml; charset=utf-8"
    content_length: bool = True  # False: no Content-Length, the body ends when we close


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    started: float = 0.0
    finished: float = 0.0

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


Handler = Response | list[Response] | Callable[[Request], Response]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # the stdlib's backlog of 5 drops SYNs when a sync opens many connections at once, and
    # the client then sees a connect timeout: the kernel retries only after a second
    request_queue_size = 128


class FeedServer:
    """``server.route("/a.xml", Response(...))`` then fetch ``server.url("/a.xml")``."""

    def __init__(self, host: str = "127.0.0.1", keep_alive: bool = False) -> None:
        """``keep_alive``: HTTP/1.1 connections that serve several requests (else each
        response closes its connection); ``connections`` counts those accepted."""
        self.routes: dict[str, Handler] = {}
        self.keep_alive = keep_alive
        self.connections = 0
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.stopping = threading.Event()
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            server_version = "TestFeedServer/1.0"
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

            def setup(self):
                with owner.lock:
                    owner.connections += 1
                super().setup()

            def log_message(self, format, *args):  # keep test output clean
                pass

            def do_GET(self):
                owner._serve(self)

            do_HEAD = do_GET

        self.httpd = _Server((host, 0), _Handler)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       kwargs={"poll_interval": 0.01})
        self.thread.start()

    # -- set-up -----------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, handler: Handler | bytes, **kw) -> str:
        """Serve ``handler`` at ``path``; bytes are shorthand for ``Response(body=...)``."""
        if isinstance(handler, bytes):
            handler = Response(body=handler, **kw)
        self.routes[path] = handler
        return self.url(path)

    # -- what happened ------------------------------------------------------------------------
    def requests_for(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def hits(self, path: str) -> int:
        return len(self.requests_for(path))

    def close(self) -> None:
        self.stopping.set()  # wakes handlers that are sleeping out a delay
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    # -- serving ----------------------------------------------------------------------------
    def _pick(self, req: Request) -> Response:
        handler = self.routes.get(req.path.split("?", 1)[0])
        if handler is None:
            return Response(404, b"not found", content_type="text/plain")
        if isinstance(handler, Response):
            return handler
        if isinstance(handler, list):
            with self.lock:
                served = sum(1 for r in self.requests if r.path == req.path) - 1
            return handler[min(served, len(handler) - 1)]
        return handler(req)

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        req = Request(h.command, h.path, {k.lower(): v for k, v in h.headers.items()},
                      started=time.monotonic())
        with self.lock:
            self.requests.append(req)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        answering = True
        try:
            resp = self._pick(req)
            if resp.delay:
                self.stopping.wait(resp.delay)
            # the request stops being "in flight" before its first byte goes out: counted
            # after the write, a client that has its whole response and already sent the
            # next request would look like two requests at once
            with self.lock:
                self.in_flight -= 1
                answering = False
            h.send_response(resp.status)
            if resp.content_type and not any(k.lower() == "content-type" for k in resp.headers):
                h.send_header("Content-Type", resp.content_type)
            for k, v in resp.headers.items():
                h.send_header(k, v)
            if resp.content_length and not any(k.lower() == "content-length"
                                               for k in resp.headers):
                h.send_header("Content-Length", str(len(resp.body)))
            if not (self.keep_alive and resp.content_length):
                h.send_header("Connection", "close")
            h.end_headers()
            if h.command != "HEAD" and resp.status not in (204, 304):
                h.wfile.write(resp.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size limits): that is what we test
        finally:
            with self.lock:
                if answering:
                    self.in_flight -= 1
                req.finished = time.monotonic()


def closed_port_url(path: str = "/feed.xml") -> str:
    """A URL on loopback where nothing listens: connecting is refused."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}{path}"
