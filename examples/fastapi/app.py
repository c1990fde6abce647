"""A FastAPI webhook receiver with hookseal.

    HOOKSEAL_SCHEME=dash HOOKSEAL_SECRET=... PORT=8000 python app.py

The dependency reads the raw body once, verifies it and gives the route the
validated event; refusals become HTTPException(400/401/409/413) with
{"detail": {"error": code, "message": ...}}.
"""
import json
import os

import uvicorn
from fastapi import Depends, FastAPI

from hookseal import Webhook, WebhookEvent
from hookseal.fastapi import WebhookDependency

app = FastAPI()
events = WebhookDependency(
    Webhook(os.environ.get("HOOKSEAL_SCHEME", "dash"), os.environ["HOOKSEAL_SECRET"].split(","), replay_guard=True)
)


@app.post("/webhooks")
async def receive(event: WebhookEvent = Depends(events)):
    print("HOOKSEAL_EVENT " + json.dumps({"provider": event["provider"], "type": event["type"], "id": event["id"]}), flush=True)
    if event["type"] == "budget:warning":
        data = event["data"]  # validated: current, limit and percentage are numbers
        print(f"budget at {data['percentage']}%", flush=True)
    return {"received": True}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")), log_level="warning")
