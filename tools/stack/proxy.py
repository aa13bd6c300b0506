"""A tiny reverse proxy for the local production-like stack: round-robin over app servers.

    python tools/stack/proxy.py --listen 127.0.0.1:8470 --upstream 127.0.0.1:8471,127.0.0.1:8472
                                [--cache]

It stands where a load balancer (or nginx) stands in production: it adds X-Request-ID and
X-Forwarded-For, and skips an app server that refuses connections. With --cache it is also a
small shared cache the way a CDN is one: it keeps responses that say `Cache-Control: public`
with a max-age and no Set-Cookie, for anonymous requests (no session cookie), answers PURGE
requests (wagtail.contrib.frontend_cache's HTTP backend), and marks answers X-Cache: HIT/MISS.
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import itertools
import re
import socketserver
import threading
import time
import urllib.parse
import uuid

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
}


class Cache:
    def __init__(self):
        self.entries: dict[str, tuple[float, int, list[tuple[str, str]], bytes]] = {}
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry and entry[0] > time.monotonic():
                return entry
            self.entries.pop(key, None)
            return None

    def put(self, key: str, max_age: int, status: int, headers, body: bytes) -> None:
        with self.lock:
            self.entries[key] = (time.monotonic() + max_age, status, headers, body)

    def purge(self, path: str) -> int:
        path = _as_text(path)
        with self.lock:
            gone = [key for key in self.entries if _as_text(key.split(" ", 1)[1]) == path]
            for key in gone:
                del self.entries[key]
            return len(gone)


def make_handler(upstreams: list[tuple[str, int]], cache: Cache | None):
    ring = itertools.cycle(range(len(upstreams)))
    ring_lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # the app servers log each request
            pass

        def _anonymous(self) -> bool:
            return "sessionid=" not in self.headers.get("Cookie", "")

        def _cache_key(self) -> str:
            return f"{self.headers.get('Host', '')} {self.path}"

        def do_PURGE(self):
            count = cache.purge(self.path) if cache else 0
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.send_header("X-Purged", str(count))
            self.end_headers()

        def _proxy(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            cacheable = cache is not None and self.command in {"GET", "HEAD"} and self._anonymous()
            if cacheable:
                hit = cache.get(self._cache_key())
                if hit:
                    _expires, status, headers, content = hit
                    return self._answer(status, headers, content, "HIT")
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers.setdefault("X-Request-ID", uuid.uuid4().hex)
            # Append, as nginx's $proxy_add_x_forwarded_for does: the app servers read the
            # rightmost entry (THECEN_PROXY_HOPS=1) and ignore what a client wrote before it.
            earlier = self.headers.get("X-Forwarded-For")
            peer = self.client_address[0]
            headers["X-Forwarded-For"] = f"{earlier}, {peer}" if earlier else peer
            last_error = None
            for _ in range(len(upstreams)):
                with ring_lock:
                    host, port = upstreams[next(ring)]
                conn = http.client.HTTPConnection(host, port, timeout=60)
                try:
                    conn.request(self.command, self.path, body=body, headers=headers)
                    response = conn.getresponse()
                    content = response.read()
                except ConnectionRefusedError as exc:  # that server is down: try the next
                    last_error = exc
                    continue
                finally:
                    conn.close()
                out = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
                if cacheable and response.status == 200:
                    max_age = _public_max_age(response.getheader("Cache-Control", ""))
                    if max_age and not response.getheader("Set-Cookie"):
                        cache.put(self._cache_key(), max_age, response.status, out, content)
                return self._answer(response.status, out, content, "MISS" if cache else None)
            self.send_error(502, f"no app server answered: {last_error}")

        def _answer(self, status, headers, content: bytes, cache_state):
            self.send_response_only(status)
            for key, value in headers:
                if key.lower() != "content-length":
                    self.send_header(key, value)
            if cache_state:
                self.send_header("X-Cache", cache_state)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content)

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _proxy

    return Handler


def _as_text(path: str) -> str:
    # A path with its percent-escapes (or raw UTF-8 read as latin-1) undone: /이야기/…
    return urllib.parse.unquote(path.encode("latin-1", "replace").decode("utf-8", "replace"))


def _public_max_age(cache_control: str) -> int:
    directives = cache_control.lower()
    if "public" not in directives or "private" in directives or "no-store" in directives:
        return 0
    match = re.search(r"(?:s-maxage|max-age)=(\d+)", directives)
    return int(match.group(1)) if match else 0


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:8470")
    parser.add_argument("--upstream", required=True, help="host:port,host:port")
    parser.add_argument("--cache", action="store_true", help="cache public responses, like a CDN")
    args = parser.parse_args()
    host, port = args.listen.rsplit(":", 1)
    upstreams = [(u.rsplit(":", 1)[0], int(u.rsplit(":", 1)[1])) for u in args.upstream.split(",")]
    server = Server((host, int(port)), make_handler(upstreams, Cache() if args.cache else None))
    server.serve_forever()


if __name__ == "__main__":
    main()
