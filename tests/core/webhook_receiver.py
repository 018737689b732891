"""A real HTTP receiver on 127.0.0.1 for webhook tests: records each request (headers, body)
and answers with the statuses it is told, in order (then 200)."""

from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], str]] = []
        self.statuses: list[int] = []
        # While set, the first request is recorded and then held without an answer.
        self.hold_first = False
        self.release = threading.Event()
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 — the http.server naming
                body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                receiver.arrived.set()
                if receiver.hold_first and len(receiver.requests) == 1:
                    receiver.release.wait(20)
                    return
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                answer = b'{"ok":true}' if status < 300 else b"receiver refused: try later"
                with contextlib.suppress(OSError):
                    self.send_response(status)
                    self.send_header("content-length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/fengqiao"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
