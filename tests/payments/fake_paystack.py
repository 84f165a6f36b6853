"""A small local stand-in for the Paystack API endpoints the site calls, so
the real `pypaystack2` client is tested without the network: transactions
(initialise, verify), refunds (create, list), and webhooks signed with the
secret key as Paystack signs them."""

import hashlib
import hmac
import json

from tests.payments.local_api import LocalApi

SECRET = "sk_test_paystack_fake"


class FakePaystack(LocalApi):
    def __init__(self, fee=0):
        super().__init__()
        self.transactions, self.refunds = {}, []
        self.fee = fee

    def answer(self, method, path, query, body, headers):
        if headers.get("Authorization") != f"Bearer {SECRET}":
            return 401, {"status": False, "message": "Invalid key"}
        if method == "POST":
            return self.post(path, body)
        return self.get(path, query)

    def post(self, path, body):
        if path == "/transaction/initialize":
            reference = body["reference"]
            if reference in self.transactions:
                return 400, {
                    "status": False,
                    "message": "Duplicate Transaction Reference",
                }
            self.transactions[reference] = {
                "id": len(self.transactions) + 1,
                "reference": reference,
                "amount": int(body["amount"]),
                "currency": body.get("currency") or "NGN",
                "status": "abandoned",
                "metadata": body.get("metadata") or {},
                "callback_url": body.get("callback_url", ""),
                "customer": {"email": body["email"]},
                "fees": None,
            }
            return 200, {
                "status": True,
                "message": "Authorization URL created",
                "data": {
                    "authorization_url": f"{self.url}/pay/{reference}",
                    "access_code": f"ac_{reference}",
                    "reference": reference,
                },
            }
        if path == "/refund":
            transaction = self._find(str(body["transaction"]))
            if transaction is None or transaction["status"] not in ("success",):
                return 400, {"status": False, "message": "Transaction not refundable"}
            done = self._refunded(transaction["reference"])
            amount = int(body.get("amount") or transaction["amount"] - done)
            if done + amount > transaction["amount"]:
                return 400, {"status": False, "message": "Amount exceeds balance"}
            refund = {
                "id": 900 + len(self.refunds),
                "transaction_reference": transaction["reference"],
                "amount": amount,
                "currency": transaction["currency"],
                "status": "processed",
            }
            self.refunds.append(refund)
            if done + amount == transaction["amount"]:
                transaction["status"] = "reversed"
            return 200, {"status": True, "message": "Refund queued", "data": refund}
        return 404, {"status": False, "message": "Not found"}

    def get(self, path, query):
        if path.startswith("/transaction/verify/"):
            transaction = self.transactions.get(path.rsplit("/", 1)[1])
            if transaction is None:
                return 404, {
                    "status": False,
                    "message": "Transaction reference not found",
                }
            return 200, {
                "status": True,
                "message": "Verification successful",
                "data": transaction,
            }
        if path == "/refund":
            rows = [
                r
                for r in self.refunds
                if r["transaction_reference"] == query.get("transaction")
            ]
            return 200, {"status": True, "message": "Refunds retrieved", "data": rows}
        return 404, {"status": False, "message": "Not found"}

    def _find(self, key):
        for transaction in self.transactions.values():
            if key in (transaction["reference"], str(transaction["id"])):
                return transaction
        return None

    def _refunded(self, reference):
        return sum(
            r["amount"] for r in self.refunds if r["transaction_reference"] == reference
        )

    # What the customer and Paystack do, for the tests to drive.

    def pay(self, reference, amount=None):
        """The customer pays on Paystack's page: the transaction succeeds,
        with Paystack's fee, and the signed event Paystack would send."""
        with self.lock:
            transaction = self.transactions[reference]
            transaction["status"] = "success"
            transaction["fees"] = self.fee
            if amount is not None:  # a tampered or mismatched payment
                transaction["amount"] = amount
            return self.event("charge.success", transaction)

    def refund_event(self, reference):
        with self.lock:
            refund = [
                r for r in self.refunds if r["transaction_reference"] == reference
            ][-1]
            return self.event("refund.processed", refund)

    def event(self, name, data, secret=SECRET):
        payload = json.dumps({"event": name, "data": data}).encode()
        signature = hmac.new(secret.encode(), payload, hashlib.sha512).hexdigest()
        return payload, signature
