//! A webhook receiver with axum and the hookseal core.
//!
//! `HOOKSEAL_SCHEME=stripe HOOKSEAL_SECRET=whsec_… PORT=3000 cargo run -p hookseal-example-axum`
//! then POST deliveries to `/webhooks`. Every accepted event is logged as one
//! line `HOOKSEAL_EVENT {json}`; refused ones get 400/401/409/413 and a JSON
//! body naming the error code.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use hookseal::{Headers, Scheme, Webhook};
use serde_json::{json, Value};

/// axum's `HeaderMap` is already case-insensitive: hand it to the core as is.
struct AxumHeaders<'a>(&'a HeaderMap);

impl Headers for AxumHeaders<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.0.get(name).map(|v| v.as_bytes())
    }
}

async fn receive(
    State(wh): State<Arc<Webhook>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    match wh.verify(&body, &AxumHeaders(&headers), None) {
        Ok(event) => {
            // Log the typed event and answer quickly; real work goes to a queue.
            println!(
                "HOOKSEAL_EVENT {}",
                json!({"provider": event.provider(), "type": event.event_type(), "id": event.id()})
            );
            (StatusCode::OK, Json(json!({"received": true})))
        }
        Err(e) => {
            let status =
                StatusCode::from_u16(e.kind().http_status()).unwrap_or(StatusCode::BAD_REQUEST);
            (
                status,
                Json(json!({"error": e.code(), "message": e.to_string()})),
            )
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scheme: Scheme = std::env::var("HOOKSEAL_SCHEME")
        .unwrap_or_else(|_| "standard".into())
        .parse()?;
    let secrets: Vec<String> = std::env::var("HOOKSEAL_SECRET")?
        .split(',')
        .map(String::from)
        .collect();
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let wh = Webhook::new(scheme, &secrets)?.with_default_replay_guard();
    let app = Router::new()
        .route("/webhooks", post(receive))
        .with_state(Arc::new(wh));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!("rust-axum receiver on http://127.0.0.1:{port}/webhooks");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
