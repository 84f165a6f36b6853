"""A small local stand-in for the Stripe API endpoints the site calls, so the
real `stripe` library can be tested without the network."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class FakeStripe:
    def __init__(self):
        self.customers, self.sessions, self.by_idempotency_key = {}, {}, {}
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
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return None

            def _reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                key = self.headers.get("Idempotency-Key")
                if key in fake.by_idempotency_key:
                    return self._reply(200, fake.by_idempotency_key[key])
                if self.path == "/v1/customers":
                    body = fake.create_customer(form)
                elif self.path == "/v1/checkout/sessions":
                    body = fake.create_session(form)
                else:
                    return self._reply(
                        404, {"error": {"type": "invalid_request_error"}}
                    )
                if key:
                    fake.by_idempotency_key[key] = body
                return self._reply(200, body)

            def do_GET(self):  # noqa: N802 - http.server's naming
                session = fake.sessions.get(self.path.rsplit("/", 1)[-1])
                if (
                    not self.path.startswith("/v1/checkout/sessions/")
                    or session is None
                ):
                    error = {
                        "type": "invalid_request_error",
                        "message": "No such session",
                    }
                    return self._reply(404, {"error": error})
                return self._reply(200, session)

        return Handler

    def create_customer(self, form):
        customer = {"id": f"cus_{len(self.customers) + 1}", "object": "customer"}
        customer["email"] = form.get("email")
        self.customers[customer["id"]] = customer
        return customer

    def create_session(self, form):
        session_id = f"cs_fake_{len(self.sessions) + 1}"
        amount = int(form["line_items[0][price_data][unit_amount]"])
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"https://checkout.stripe.test/{session_id}",
            "payment_status": "unpaid",
            "amount_total": amount * int(form["line_items[0][quantity]"]),
            "currency": form["line_items[0][price_data][currency]"],
            "client_reference_id": form.get("client_reference_id"),
            "customer": form.get("customer"),
            "success_url": form.get("success_url"),
        }
        self.sessions[session_id] = session
        return session

    def pay(self, session_id):
        self.sessions[session_id]["payment_status"] = "paid"
