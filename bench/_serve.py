"""A small loopback HTTP server for bench/fetch.py: one folder of feed files, with validators.

Every file is read into memory once and served from ``/feeds/<quoted file name>`` with a
strong ETag (sha1 of the bytes), a Last-Modified (the file's mtime), Content-Length and
keep-alive (HTTP/1.1). If-None-Match / If-Modified-Since get a correct 304. A file that is
itself gzip data is sent with ``Content-Encoding: gzip`` when the client accepts gzip (as a
real server would send a compressed feed), else decompressed first. Responses are counted by
status so the bench can show that a warm sync really was answered with 304s.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import threading
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

PREFIX = "/feeds/"


@dataclass(frozen=True, slots=True)
class Doc:
    body: bytes  # as stored on disk
    plain: bytes  # decompressed if the file is gzip data, else the same object as body
    gzipped: bool
    etag: str
    mtime: int
    last_modified: str
    content_type: str


def sniff_type(name: str, body: bytes) -> str:
    """A plausible Content-Type, from the document's start, else its extension."""
    head = body[:4096].lower()
    if b"<rss" in head:
        return "application/rss+xml"
    if b"<feed" in head:
        return "application/atom+xml"
    if b"<rdf:rdf" in head:
        return "application/rdf+xml"
    if b"<html" in head or b"<!doctype html" in head:
        return "text/html"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"rss": "application/rss+xml", "atom": "application/atom+xml",
            "rdf": "application/rdf+xml", "html": "text/html", "htm": "text/html"}.get(
        ext, "text/xml")


def load_docs(folder: Path) -> dict[str, Doc]:
    docs: dict[str, Doc] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        body = path.read_bytes()
        gzipped = body[:2] == b"\x1f\x8b"
        plain = body
        if gzipped:
            try:
                plain = gzip.decompress(body)
            except (OSError, EOFError):
                gzipped, plain = False, body
        mtime = int(path.stat().st_mtime)
        docs[path.name] = Doc(
            body=body, plain=plain, gzipped=gzipped,
            etag='"' + hashlib.sha1(body).hexdigest() + '"',
            mtime=mtime, last_modified=email.utils.formatdate(mtime, usegmt=True),
            content_type=sniff_type(path.name, plain),
        )
    return docs


def path_for(name: str) -> str:
    return PREFIX + quote(name, safe="")


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: with 8 clients connecting at once the
    # kernel drops SYNs and the client waits a whole second to retry. Real servers don't.
    request_queue_size = 128
    daemon_threads = True


class FeedServer:
    """ThreadingHTTPServer on 127.0.0.1:<free port>, in a daemon thread."""

    def __init__(self, folder: Path) -> None:
        self.docs = load_docs(folder)
        self.counts: Counter[int] = Counter()
        self.bytes_sent = 0
        self._lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", 0), _make_handler(self))
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever,
                                        kwargs={"poll_interval": 0.2}, daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}{path_for(name)}"

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def take_counts(self) -> tuple[dict[int, int], int]:
        """Responses by status and bytes sent since the last call; resets both."""
        with self._lock:
            counts, sent = dict(self.counts), self.bytes_sent
            self.counts.clear()
            self.bytes_sent = 0
        return counts, sent

    def _count(self, status: int, sent: int) -> None:
        with self._lock:
            self.counts[status] += 1
            self.bytes_sent += sent


def _not_modified(doc: Doc, headers) -> bool:
    inm = headers.get("If-None-Match")
    if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
        tags = [t.strip() for t in inm.split(",")]
        return "*" in tags or doc.etag in tags or ("W/" + doc.etag) in tags
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            when = email.utils.parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        return when is not None and int(when.timestamp()) >= doc.mtime
    return False


def _make_handler(server: FeedServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "bench-feeds/1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            path = urlsplit(self.path).path
            doc = None
            if path.startswith(PREFIX):
                doc = server.docs.get(unquote(path[len(PREFIX):]))
            if doc is None:
                body = b"not found\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    self.wfile.write(body)
                server._count(404, 0)
                return
            common = (("ETag", doc.etag), ("Last-Modified", doc.last_modified),
                      ("Cache-Control", "max-age=0"))
            if _not_modified(doc, self.headers):
                self.send_response(304)
                for k, v in common:
                    self.send_header(k, v)
                self.end_headers()
                server._count(304, 0)
                return
            accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "").lower()
            body = doc.body if (doc.gzipped and accepts_gzip) else doc.plain
            self.send_response(200)
            self.send_header("Content-Type", doc.content_type)
            if doc.gzipped and accepts_gzip:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            for k, v in common:
                self.send_header(k, v)
            self.end_headers()
            if not head:
                self.wfile.write(body)
            server._count(200, len(body))

    return Handler
