"""What the local stand-ins of payment APIs share: a JSON HTTP server on a
free port of 127.0.0.1, served from a thread for the length of a `with`
block. A stand-in defines `answer(method, path, query, body, headers)`,
giving (status, JSON body) for one request (`body` is the parsed JSON); it
is called under the stand-in's lock."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class LocalApi:
    def __init__(self):
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return None

            def _serve(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                with api.lock:
                    status, body = api.answer(
                        self.command,
                        parts.path,
                        dict(parse_qsl(parts.query)),
                        json.loads(raw) if raw else {},
                        self.headers,
                    )
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve  # http.server's naming

        return Handler
