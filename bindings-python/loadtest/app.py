"""The Flask receiver the load test drives (gunicorn loadtest.app:app)."""

from __future__ import annotations

import os
from typing import Any, Dict

from flask import Flask

from hookseal import Webhook
from hookseal.flask import verify_webhook

app = Flask("hookseal-loadtest")
github = Webhook("github", os.environ.get("HOOKSEAL_LOAD_SECRET", "load-test-secret"))
stripe = Webhook("stripe", os.environ.get("HOOKSEAL_LOAD_SECRET", "load-test-secret"))


@app.post("/webhooks/github")
@verify_webhook(github)
def on_github(event: Dict[str, Any]) -> Any:
    return {"ok": True, "type": event["type"]}


@app.post("/webhooks/stripe")
@verify_webhook(stripe)
def on_stripe(event: Dict[str, Any]) -> Any:
    return {"ok": True, "type": event["type"], "id": event["id"]}
