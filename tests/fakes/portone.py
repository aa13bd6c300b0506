"""A local stand-in for PortOne V2: a real HTTP server on 127.0.0.1, in a thread.

It answers the part of the REST API the site uses (GET /payments/{id}, POST
/payments/{id}/cancel, POST /payments/{id}/virtual-account/close) with the JSON shapes the
official server SDK parses, checks the
`Authorization: PortOne <secret>` header, serves a browser SDK script (/v2/browser-sdk.js)
whose `requestPayment` opens the fake's own payment window (the redirect flow PortOne uses on
phones), and signs webhooks as PortOne does (Standard Webhooks: HMAC-SHA256 over
"id.timestamp.body" with the base64 key after "whsec_").

Tests steer it through its Python methods (put_payment, deposit, webhook, send_webhook) and
read what the site asked of it (cancel_requests).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import html
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_SECRET = "fake-portone-api-secret"
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"fake-portone-webhook-key-32bytes").decode()
STORE_ID = "store-00000000-fake-0000-0000-000000000000"
CHANNEL_KEYS = {
    "card": "channel-key-fake-card",
    "kakaopay": "channel-key-fake-kakaopay",
    "naverpay": "channel-key-fake-naverpay",
    "tosspay": "channel-key-fake-tosspay",
    "virtual-account": "channel-key-fake-virtual-account",
}


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")


def sign(secret: str, webhook_id: str, timestamp: str, body: str) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{webhook_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


class FakePortOne:
    def __init__(self):
        self.payments: dict[str, dict] = {}
        self.cancel_requests: list[dict] = []
        self.closed_accounts: list[str] = []
        self.used_payment_ids: set[str] = set()
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakePortOne:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.payments.clear()
            self.cancel_requests.clear()
            self.closed_accounts.clear()
            self.used_payment_ids.clear()
            self.requests.clear()

    # --- state, as PortOne would hold it -------------------------------------------------
    def put_payment(
        self,
        payment_id: str,
        *,
        amount: int,
        status: str = "PAID",
        currency: str = "KRW",
        pay_method: str = "CARD",
        provider: str = "",
        order_name: str = "주문",
    ) -> dict:
        """A payment as PortOne would store it once the shopper finished the payment window."""
        now = _now()
        method: dict = {"type": "PaymentMethodCard"}
        if pay_method == "EASY_PAY":
            method = {"type": "PaymentMethodEasyPay", "provider": provider or "KAKAOPAY"}
        elif pay_method == "VIRTUAL_ACCOUNT":
            expires = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
            method = {
                "type": "PaymentMethodVirtualAccount",
                "bank": "SHINHAN",
                "accountNumber": "56211" + payment_id[-6:].rjust(6, "0"),
                "accountType": "NORMAL",
                "remitteeName": "더센",
                "expiredAt": expires.isoformat().replace("+00:00", "Z"),
                "issuedAt": now,
            }
            status = "VIRTUAL_ACCOUNT_ISSUED" if status == "PAID" else status
        payment = {
            "status": status,
            "id": payment_id,
            "transactionId": str(uuid.uuid4()),
            "merchantId": "merchant-fake",
            "storeId": STORE_ID,
            "method": method,
            "channel": {
                "type": "TEST",
                "id": "channel-fake",
                "key": "channel-key-fake",
                "name": "fake",
                "pgProvider": "TOSSPAYMENTS",
                "pgMerchantId": "tosstest",
            },
            "version": "V2",
            "requestedAt": now,
            "updatedAt": now,
            "statusChangedAt": now,
            "orderName": order_name,
            "amount": {
                "total": amount,
                "taxFree": 0,
                "vat": 0,
                "supply": amount,
                "discount": 0,
                "paid": amount if status == "PAID" else 0,
                "cancelled": 0,
                "cancelledTaxFree": 0,
            },
            "currency": currency,
            "customer": {},
            "origin": {"platformType": "PC", "ipAddress": "127.0.0.1"},
            "promotionId": None,
            "pgTxId": "pg-" + payment_id,
            "receiptUrl": f"{self.url}/receipts/{payment_id}",
            "disputes": [],
            "cancellations": [],
        }
        if status == "PAID":
            payment["paidAt"] = now
        payment.pop("promotionId")
        with self._lock:
            self.payments[payment_id] = payment
        return payment

    def deposit(self, payment_id: str, *, amount: int | None = None) -> dict:
        """The shopper transferred money into the issued virtual account."""
        with self._lock:
            payment = self.payments[payment_id]
            paid = payment["amount"]["total"] if amount is None else amount
            payment.update(status="PAID", paidAt=_now(), statusChangedAt=_now())
            payment["amount"]["paid"] = paid
            return payment

    def close_account(self, payment_id: str) -> tuple[int, dict]:
        """가상계좌 말소: an issued account stops taking deposits; the payment is cancelled."""
        with self._lock:
            payment = self.payments.get(payment_id)
            if payment is None:
                return 404, {"type": "PAYMENT_NOT_FOUND", "message": "결제 건이 없습니다."}
            if payment["status"] != "VIRTUAL_ACCOUNT_ISSUED":
                return 409, {
                    "type": "PAYMENT_NOT_WAITING_FOR_DEPOSIT",
                    "message": "입금 대기 중인 결제 건이 아닙니다.",
                }
            now = _now()
            payment.update(status="CANCELLED", cancelledAt=now, statusChangedAt=now)
            self.closed_accounts.append(payment_id)
            return 200, {"closedAt": now}

    def cancel(self, payment_id: str, body: dict) -> tuple[int, dict]:
        with self._lock:
            payment = self.payments.get(payment_id)
            self.cancel_requests.append({"payment_id": payment_id, **body})
            if payment is None:
                return 404, {"type": "PAYMENT_NOT_FOUND", "message": "결제 건이 없습니다."}
            if payment["status"] == "CANCELLED":
                return 409, {"type": "PAYMENT_ALREADY_CANCELLED", "message": "이미 취소됨"}
            if payment["status"] not in ("PAID", "PARTIAL_CANCELLED"):
                return 409, {"type": "PAYMENT_NOT_PAID", "message": "결제되지 않은 건"}
            amounts = payment["amount"]
            cancellable = amounts["paid"] - amounts["cancelled"]
            expected = body.get("currentCancellableAmount")
            if expected is not None and expected != cancellable:
                return 409, {
                    "type": "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN",
                    "message": "취소 가능 잔액 불일치",
                }
            amount = body.get("amount") or cancellable
            if amount > cancellable:
                return 409, {
                    "type": "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT",
                    "message": "취소 가능 금액 초과",
                }
            now = _now()
            cancellation = {
                "status": "SUCCEEDED",
                "id": str(uuid.uuid4()),
                "pgCancellationId": "pgc-" + payment_id,
                "totalAmount": amount,
                "taxFreeAmount": 0,
                "vatAmount": 0,
                "reason": body.get("reason", ""),
                "cancelledAt": now,
                "requestedAt": now,
                "trigger": "API",
            }
            amounts["cancelled"] += amount
            payment["cancellations"].append(cancellation)
            payment["status"] = (
                "CANCELLED" if amounts["cancelled"] >= amounts["paid"] else "PARTIAL_CANCELLED"
            )
            payment["cancelledAt"] = now
            payment["statusChangedAt"] = now
            return 200, {"cancellation": cancellation}

    # --- webhooks -------------------------------------------------------------------------
    def webhook(
        self, kind: str, payment_id: str, *, secret: str = WEBHOOK_SECRET, webhook_id: str = ""
    ) -> tuple[bytes, dict[str, str]]:
        """A webhook body and its headers, signed with ``secret`` (pass another to forge)."""
        body = json.dumps(
            {
                "type": kind,
                "timestamp": _now(),
                "data": {
                    "storeId": STORE_ID,
                    "paymentId": payment_id,
                    "transactionId": self.payments.get(payment_id, {}).get("transactionId", "x"),
                },
            }
        )
        webhook_id = webhook_id or "msg_" + uuid.uuid4().hex
        timestamp = str(int(time.time()))
        headers = {
            "webhook-id": webhook_id,
            "webhook-timestamp": timestamp,
            "webhook-signature": sign(secret, webhook_id, timestamp, body),
            "content-type": "application/json",
        }
        return body.encode(), headers

    def send_webhook(self, url: str, kind: str, payment_id: str, **kwargs) -> int:
        """Deliver a webhook to a running site, as PortOne's servers do; the HTTP status."""
        body, headers = self.webhook(kind, payment_id, **kwargs)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


BROWSER_SDK = """
// The fake PortOne window: requestPayment goes to the fake's payment page, which sends the
// shopper back to redirectUrl, as PortOne's window does on phones.
window.PortOne = {
  requestPayment(request) {
    const query = new URLSearchParams({request: JSON.stringify(request)});
    window.location.assign(new URL("/checkout?" + query, "%(origin)s").toString());
    return new Promise(() => {});
  },
};
"""

WINDOW = """<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>포트원 테스트 결제창</title></head><body><main>
<h1>포트원 테스트 결제창</h1>
<p>주문: %(order_name)s</p><p>결제 금액: %(amount)s원</p><p>결제 수단: %(method)s</p>
<form method="post" action="/checkout/approve">
<input type="hidden" name="request" value="%(request)s">
<button type="submit" name="result" value="approve">결제 승인</button>
<button type="submit" name="result" value="decline">결제 취소</button>
</form></main></body></html>"""


def _handler(fake: FakePortOne):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes | str, content_type: str) -> None:
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _json(self, status: int, payload: dict) -> None:
            self._send(status, json.dumps(payload), "application/json")

        def _authorised(self) -> bool:
            if self.headers.get("Authorization") == f"PortOne {API_SECRET}":
                return True
            self._json(401, {"type": "UNAUTHORIZED", "message": "잘못된 API Secret"})
            return False

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path)
            fake.requests.append(("GET", path.path))
            if path.path == "/v2/browser-sdk.js":
                return self._send(
                    200, BROWSER_SDK % {"origin": fake.url}, "text/javascript; charset=utf-8"
                )
            if path.path == "/checkout":
                request = urllib.parse.parse_qs(path.query).get("request", ["{}"])[0]
                data = json.loads(request)
                return self._send(
                    200,
                    WINDOW
                    % {
                        "order_name": html.escape(str(data.get("orderName", ""))),
                        "amount": f"{int(data.get('totalAmount', 0)):,}",
                        "method": html.escape(
                            str(data.get("easyPay", {}).get("easyPayProvider") or "")
                            or str(data.get("payMethod", ""))
                        ),
                        "request": html.escape(request),
                    },
                    "text/html; charset=utf-8",
                )
            if path.path.startswith("/payments/"):
                if not self._authorised():
                    return None
                payment_id = urllib.parse.unquote(path.path.removeprefix("/payments/"))
                payment = fake.payments.get(payment_id)
                if payment is None:
                    return self._json(
                        404,
                        {"type": "PAYMENT_NOT_FOUND", "message": "결제 건이 존재하지 않습니다."},
                    )
                return self._json(200, payment)
            return self._send(404, "not found", "text/plain")

        def do_POST(self):
            path = urllib.parse.urlsplit(self.path).path
            fake.requests.append(("POST", path))
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            if path == "/checkout/approve":
                form = urllib.parse.parse_qs(raw)
                request = json.loads(form["request"][0])
                payment_id = request["paymentId"]
                query = {"paymentId": payment_id, "transactionType": "PAYMENT"}
                if payment_id in fake.used_payment_ids:
                    # PortOne refuses a paymentId that was already used, even by a failed try.
                    query.update(code="FAILURE_TYPE_PG", message="이미 사용된 결제 ID입니다.")
                elif form.get("result") == ["approve"]:
                    fake.put_payment(
                        payment_id,
                        amount=int(request["totalAmount"]),
                        currency=request.get("currency", "KRW"),
                        pay_method=request["payMethod"],
                        provider=request.get("easyPay", {}).get("easyPayProvider", ""),
                        order_name=request.get("orderName", ""),
                    )
                else:
                    query.update(code="FAILURE_TYPE_PG", message="사용자가 결제를 취소했습니다.")
                fake.used_payment_ids.add(payment_id)
                redirect = request["redirectUrl"]
                joiner = "&" if "?" in redirect else "?"
                self.send_response(303)
                self.send_header("Location", redirect + joiner + urllib.parse.urlencode(query))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if path.startswith("/payments/") and path.endswith("/virtual-account/close"):
                if not self._authorised():
                    return None
                payment_id = urllib.parse.unquote(
                    path.removeprefix("/payments/").removesuffix("/virtual-account/close")
                )
                return self._json(*fake.close_account(payment_id))
            if path.startswith("/payments/") and path.endswith("/cancel"):
                if not self._authorised():
                    return None
                payment_id = urllib.parse.unquote(
                    path.removeprefix("/payments/").removesuffix("/cancel")
                )
                status, payload = fake.cancel(payment_id, json.loads(raw or "{}"))
                return self._json(status, payload)
            return self._send(404, "not found", "text/plain")

    return Handler
