"""A Flask webhook receiver with hookseal.

    HOOKSEAL_SCHEME=smartaihub HOOKSEAL_SECRET=... PORT=5000 python app.py

Receives POST /webhooks, verifies the raw body (request.get_data()), and hands
the view a validated event. Refusals are answered by the decorator with
400/401/409/413 and {"error": code, "message": ...}.
"""
import json
import os

from flask import Flask

from hookseal import Webhook
from hookseal.flask import verify_webhook

app = Flask(__name__)
webhook = Webhook(
    os.environ.get("HOOKSEAL_SCHEME", "smartaihub"),
    os.environ["HOOKSEAL_SECRET"].split(","),  # several secrets during a rotation
    replay_guard=True,
)


@app.post("/webhooks")
@verify_webhook(webhook)
def receive(event):
    # Log the typed event and answer quickly, as the providers' guides ask;
    # real work belongs on a queue.
    print("HOOKSEAL_EVENT " + json.dumps({"provider": event["provider"], "type": event["type"], "id": event["id"]}), flush=True)
    if event["type"] == "credit.low":
        data = event["data"]  # validated: balance and threshold are numbers
        print(f"credit low: {data['balance']} < {data['threshold']}", flush=True)
    return {"received": True}


if __name__ == "__main__":
    from waitress import serve

    serve(app, host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
