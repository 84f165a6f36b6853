"""A small local stand-in for the Razorpay API endpoints the site calls, so
the real `razorpay` client is tested without the network: payment links
(create, fetch, cancel), payments (fetch, refund), and webhooks signed with
the webhook secret as Razorpay signs them."""

import base64
import hashlib
import hmac
import json

from tests.payments.local_api import LocalApi

KEY_ID, KEY_SECRET = "rzp_test_fake", "fake_key_secret"
WEBHOOK_SECRET = "fake_webhook_secret"


class FakeRazorpay(LocalApi):
    def __init__(self, fee=0):
        super().__init__()
        self.links, self.payments, self.refunds = {}, {}, []
        self.fee = fee
        self.events = 0

    def answer(self, method, path, query, body, headers):
        pair = f"{KEY_ID}:{KEY_SECRET}".encode()
        if headers.get("Authorization") != "Basic " + base64.b64encode(pair).decode():
            return 401, _error("Authentication failed")
        return self.reply(method, path, body)

    def reply(self, method, path, body):
        parts = path.strip("/").split("/")
        if parts[:2] == ["v1", "payment_links"]:
            if method == "POST" and len(parts) == 2:
                return self.create_link(body)
            link = self.links.get(parts[2]) if len(parts) > 2 else None
            if link is None:
                return 400, _error(
                    "BAD_REQUEST_ERROR", "The id provided does not exist"
                )
            if method == "POST" and parts[3:] == ["cancel"]:
                if link["status"] != "created":
                    return 400, _error(
                        "BAD_REQUEST_ERROR", "Payment link cannot be cancelled"
                    )
                link["status"] = "cancelled"
            return 200, link
        if parts[:2] == ["v1", "payments"] and len(parts) > 2:
            payment = self.payments.get(parts[2])
            if payment is None:
                return 400, _error(
                    "BAD_REQUEST_ERROR", "The id provided does not exist"
                )
            if method == "POST" and parts[3:] == ["refund"]:
                amount = int(
                    body.get("amount") or payment["amount"] - payment["amount_refunded"]
                )
                if payment["amount_refunded"] + amount > payment["amount"]:
                    return 400, _error(
                        "BAD_REQUEST_ERROR", "The refund amount is too large"
                    )
                payment["amount_refunded"] += amount
                refund = {
                    "id": f"rfnd_{len(self.refunds) + 1}",
                    "entity": "refund",
                    "payment_id": payment["id"],
                    "amount": amount,
                    "currency": payment["currency"],
                    "status": "processed",
                }
                self.refunds.append(refund)
                return 200, refund
            return 200, payment
        return 400, _error("BAD_REQUEST_ERROR", "The requested URL was not found")

    def create_link(self, body):
        link_id = f"plink_{len(self.links) + 1:06d}"
        if any(
            link["reference_id"] == body.get("reference_id")
            for link in self.links.values()
        ):
            return 400, _error("BAD_REQUEST_ERROR", "reference_id already exists")
        link = {
            "id": link_id,
            "amount": int(body["amount"]),
            "amount_paid": 0,
            "currency": body.get("currency", "INR"),
            "reference_id": body.get("reference_id", ""),
            "description": body.get("description", ""),
            "customer": body.get("customer") or {},
            "callback_url": body.get("callback_url", ""),
            "notes": body.get("notes") or {},
            "status": "created",
            "payments": None,
            "short_url": f"{self.url}/pay/{link_id}",
        }
        self.links[link_id] = link
        return 200, link

    # What the customer and Razorpay do, for the tests to drive.

    def pay(self, link_id, amount=None):
        """The customer pays the link: its payment is captured, with
        Razorpay's fee, and the signed event Razorpay would send."""
        with self.lock:
            link = self.links[link_id]
            paid = link["amount"] if amount is None else amount
            payment = {
                "id": f"pay_{len(self.payments) + 1:06d}",
                "entity": "payment",
                "amount": paid,
                "currency": link["currency"],
                "status": "captured",
                "fee": self.fee,
                "amount_refunded": 0,
            }
            self.payments[payment["id"]] = payment
            link.update(
                status="paid",
                amount_paid=paid,
                payments=[
                    {"payment_id": payment["id"], "amount": paid, "status": "captured"}
                ],
            )
            return self.event(
                "payment_link.paid",
                {"payment_link": {"entity": link}, "payment": {"entity": payment}},
            )

    def refund_event(self, payment_id):
        with self.lock:
            refund = [r for r in self.refunds if r["payment_id"] == payment_id][-1]
            return self.event(
                "refund.processed",
                {
                    "refund": {"entity": refund},
                    "payment": {"entity": self.payments[payment_id]},
                },
            )

    def event(self, name, payload, secret=WEBHOOK_SECRET):
        """(body, signature, event id), as Razorpay's headers carry them."""
        self.events += 1
        body = json.dumps(
            {"entity": "event", "event": name, "payload": payload}
        ).encode()
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return body, signature, f"evt_{self.events:06d}"


def _error(code, description):
    return {"error": {"code": code, "description": description}}
