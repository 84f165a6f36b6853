"""A small local stand-in for the Stripe API endpoints the site calls, so the
real `stripe` library can be tested without the network: customers,
checkout sessions (payment and subscription mode), refunds, subscriptions,
their invoices (in the old and the new API shape), and payment intents
with their charge's balance transaction (the fee)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

MONTH = 30 * 24 * 3600


class FakeStripe:
    def __init__(self):
        self.customers, self.sessions, self.by_idempotency_key = {}, {}, {}
        self.refunds, self.subscriptions, self.prices = [], {}, {}
        self.invoices = {}
        # payment intent -> (fee, settlement currency, exchange rate)
        self.fees = {}
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

            def _missing(self):
                error = {"type": "invalid_request_error", "message": "No such object"}
                return self._reply(404, {"error": error})

            def do_POST(self):  # http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                key = self.headers.get("Idempotency-Key")
                with fake.lock:
                    if key in fake.by_idempotency_key:
                        return self._reply(200, fake.by_idempotency_key[key])
                    body = fake.post(self.path, form)
                    if body is None:
                        return self._missing()
                    if key:
                        fake.by_idempotency_key[key] = body
                return self._reply(200, body)

            def do_GET(self):  # http.server's naming
                url = urlsplit(self.path)
                with fake.lock:
                    body = fake.get(url.path, dict(parse_qsl(url.query)))
                return self._reply(200, body) if body is not None else self._missing()

        return Handler

    # The endpoints ---------------------------------------------------------------

    def post(self, path, form):
        if path == "/v1/customers":
            return self.create_customer(form)
        if path == "/v1/checkout/sessions":
            return self.create_session(form)
        if path == "/v1/refunds":
            return self.create_refund(form)
        if path.startswith("/v1/checkout/sessions/") and path.endswith("/expire"):
            session = self.sessions.get(path.split("/")[-2])
            if session is None or session["status"] != "open":
                return None
            session["status"] = "expired"
            return session
        if path.startswith("/v1/subscriptions/"):
            subscription = self.subscriptions.get(path.rsplit("/", 1)[-1])
            if subscription and "cancel_at_period_end" in form:
                subscription["cancel_at_period_end"] = (
                    form["cancel_at_period_end"] == "true"
                )
            return subscription
        return None

    def get(self, path, query):
        if path == "/v1/checkout/sessions":
            found = [
                s
                for s in self.sessions.values()
                if s["payment_intent"] == query.get("payment_intent")
            ]
            return {"object": "list", "data": found[:1], "has_more": False, "url": path}
        if path.startswith("/v1/checkout/sessions/"):
            return self.sessions.get(path.rsplit("/", 1)[-1])
        if path.startswith("/v1/subscriptions/"):
            return self.subscriptions.get(path.rsplit("/", 1)[-1])
        if path.startswith("/v1/invoices/"):
            return self.invoices.get(path.rsplit("/", 1)[-1])
        if path.startswith("/v1/payment_intents/"):
            return self.payment_intent(path.rsplit("/", 1)[-1])
        return None

    def payment_intent(self, intent_id):
        """A payment intent with its latest charge and balance transaction
        expanded, as `expand[]=latest_charge.balance_transaction` returns it."""
        paid = [*self.sessions.values(), *self.invoices.values()]
        session = next(
            (s for s in paid if s.get("payment_intent") == intent_id),
            None,
        ) or next(
            (i for i in self.invoices.values() if _intent_of(i) == intent_id), None
        )
        if session is None:
            return None
        amount = session.get("amount_total", session.get("amount_paid"))
        currency = session["currency"]
        # Stripe's standard card pricing: 2.9% + 30 minor units.
        fee, settled_in, rate = self.fees.get(
            intent_id, (round(amount * 0.029) + 30, currency, None)
        )
        return {
            "id": intent_id,
            "object": "payment_intent",
            "amount": amount,
            "currency": currency,
            "latest_charge": {
                "id": f"ch_{session['id']}",
                "object": "charge",
                "balance_transaction": {
                    "id": f"txn_{session['id']}",
                    "object": "balance_transaction",
                    "fee": fee,
                    "currency": settled_in,
                    "exchange_rate": rate,
                },
            },
        }

    def create_customer(self, form):
        customer = {"id": f"cus_{len(self.customers) + 1}", "object": "customer"}
        customer["email"] = form.get("email")
        self.customers[customer["id"]] = customer
        return customer

    def create_session(self, form):
        session_id = f"cs_fake_{len(self.sessions) + 1}"
        mode = form.get("mode", "payment")
        if mode == "subscription":
            amount = self.prices[form["line_items[0][price]"]]
            currency = "usd"
        else:
            amount = int(form["line_items[0][price_data][unit_amount]"])
            currency = form["line_items[0][price_data][currency]"]
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": mode,
            "url": f"https://checkout.stripe.test/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "payment_intent": None,
            "subscription": None,
            "amount_total": amount * int(form["line_items[0][quantity]"]),
            "currency": currency,
            "client_reference_id": form.get("client_reference_id"),
            "customer": form.get("customer"),
            "success_url": form.get("success_url"),
            "metadata": {
                key.split("[")[-1].rstrip("]"): value
                for key, value in form.items()
                if key.startswith("subscription_data[metadata]")
            },
        }
        self.sessions[session_id] = session
        return session

    def create_refund(self, form):
        refund = {
            "id": f"re_fake_{len(self.refunds) + 1}",
            "object": "refund",
            "amount": int(form["amount"]),
            "payment_intent": form["payment_intent"],
            "status": "succeeded",
        }
        self.refunds.append(refund)
        return refund

    # What happens on Stripe's side, driven by the tests --------------------------

    def pay(self, session_id):
        session = self.sessions[session_id]
        session["payment_status"] = "paid"
        session["status"] = "complete"
        session["payment_intent"] = f"pi_fake_{session_id}"
        if session["mode"] == "subscription":
            subscription_id = f"sub_fake_{len(self.subscriptions) + 1}"
            session["subscription"] = subscription_id
            self.subscriptions[subscription_id] = {
                "id": subscription_id,
                "object": "subscription",
                "status": "active",
                "cancel_at_period_end": False,
                "customer": session["customer"],
                "metadata": session["metadata"],
                "items": {
                    "object": "list",
                    "data": [
                        {
                            "current_period_start": int(time.time()),
                            "current_period_end": int(time.time()) + MONTH,
                        }
                    ],
                },
            }
        return session

    def bill(self, subscription_id, paid=True, tax=0, new_shape=False):
        """Stripe charges the subscription for its next period: an invoice,
        paid or open (the card was declined), and the period moves on."""
        subscription = self.subscriptions[subscription_id]
        item = subscription["items"]["data"][0]
        start = item.get("current_period_start", int(time.time()))
        end = item["current_period_end"] if paid else start + MONTH
        invoice_id = f"in_fake_{len(self.invoices) + 1}"
        amount = self.prices.get("price_monthly", 1500)
        intent = f"pi_fake_{invoice_id}" if paid else None
        invoice = {
            "id": invoice_id,
            "object": "invoice",
            "status": "paid" if paid else "open",
            "amount_paid": amount if paid else 0,
            "amount_due": amount,
            "currency": "usd",
            "period_start": start,
            "period_end": start,
            "status_transitions": {"paid_at": int(time.time()) if paid else None},
            "lines": {
                "object": "list",
                "data": [{"period": {"start": start, "end": end}}],
            },
        }
        if new_shape:
            invoice["parent"] = {
                "subscription_details": {"subscription": subscription_id}
            }
            invoice["total_taxes"] = [{"amount": tax}]
            invoice["payments"] = {
                "object": "list",
                "data": [
                    {"payment": {"type": "payment_intent", "payment_intent": intent}}
                ]
                if intent
                else [],
            }
        else:
            invoice["subscription"] = subscription_id
            invoice["tax"] = tax
            invoice["payment_intent"] = intent
        self.invoices[invoice_id] = invoice
        if paid:
            item["current_period_start"], item["current_period_end"] = end, end + MONTH
        subscription["status"] = "active" if paid else "past_due"
        return invoice

    def set_subscription(self, subscription_id, **changes):
        self.subscriptions[subscription_id].update(changes)
        return self.subscriptions[subscription_id]


def _intent_of(invoice):
    for record in (invoice.get("payments") or {}).get("data", []):
        return record["payment"]["payment_intent"]
    return None
