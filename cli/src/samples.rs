//! Realistic sample deliveries: the `example` of each event in the
//! provider's catalog (core/catalogs/*.json), or a documented sample for the
//! providers without a catalog of their own.

use serde_json::{json, Value};

const CATALOGS: [(&str, &str); 9] = [
    (
        "costkatana",
        include_str!("../../core/catalogs/costkatana.json"),
    ),
    (
        "unicraft",
        include_str!("../../core/catalogs/unicraft.json"),
    ),
    ("dash", include_str!("../../core/catalogs/dash.json")),
    (
        "smartaihub",
        include_str!("../../core/catalogs/smartaihub.json"),
    ),
    (
        "standard",
        include_str!("../../core/catalogs/standard.json"),
    ),
    ("stripe", include_str!("../../core/catalogs/stripe.json")),
    ("github", include_str!("../../core/catalogs/github.json")),
    ("slack", include_str!("../../core/catalogs/slack.json")),
    ("shopify", include_str!("../../core/catalogs/shopify.json")),
];

fn catalog(scheme: &str) -> Option<Value> {
    CATALOGS
        .iter()
        .find(|(id, _)| *id == scheme)
        .and_then(|(_, text)| serde_json::from_str(text).ok())
}

/// The event types the provider's catalog names (empty for open providers).
pub fn event_types(scheme: &str) -> Vec<String> {
    catalog(scheme)
        .and_then(|c| {
            c.get("events")
                .and_then(Value::as_object)
                .map(|e| e.keys().cloned().collect())
        })
        .unwrap_or_default()
}

/// Gives a catalog example this delivery's id and the current time, so that
/// every sample is a new delivery (a replay guard keys on them).
fn freshen(cat: &Value, mut body: Value, id: &str) -> Value {
    let env = &cat["envelope"];
    let path_of = |k: &str| {
        env[k]
            .get("field")
            .and_then(Value::as_str)
            .map(|p| p.split('.').map(String::from).collect::<Vec<_>>())
    };
    let set = |body: &mut Value, path: &[String], v: Value| {
        let mut cur = body;
        for (i, key) in path.iter().enumerate() {
            let Some(obj) = cur.as_object_mut() else {
                return;
            };
            if i + 1 == path.len() {
                obj.insert(key.clone(), v);
                return;
            }
            match obj.get_mut(key) {
                Some(next) => cur = next,
                None => return,
            }
        }
    };
    if let Some(path) = path_of("id") {
        let is_uuid = env["fields"].get(path[0].as_str()).and_then(Value::as_str) == Some("uuid");
        let value = if is_uuid {
            uuid_from(id)
        } else {
            format!("evt_{}", id.trim_start_matches("msg_"))
        };
        set(&mut body, &path, Value::String(value));
    }
    if let (Some(path), Some("rfc3339")) = (
        path_of("timestamp"),
        env["timestamp"].get("format").and_then(Value::as_str),
    ) {
        set(&mut body, &path, Value::String(rfc3339_now()));
    }
    body
}

/// A UUID-shaped string from a delivery id (hex digits of its hash).
fn uuid_from(id: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let state = std::collections::hash_map::RandomState::new();
    let mut hex = String::new();
    for salt in 0u8..2 {
        let mut h = state.build_hasher();
        h.write(id.as_bytes());
        h.write_u8(salt);
        hex.push_str(&format!("{:016x}", h.finish()));
    }
    format!(
        "{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

fn rfc3339_now() -> String {
    // Nanoseconds too: providers without a delivery id (UniCraft) are told
    // apart by their body, so two samples must never be identical.
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let (secs, nanos) = (since.as_secs(), since.subsec_nanos());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{nanos:09}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A sample body for `event_type` and the extra headers the provider sends
/// with it (GitHub's and Shopify's event type and delivery id).
pub fn sample(
    scheme: &str,
    event_type: Option<&str>,
    id: &str,
) -> Result<(Value, Vec<(String, String)>), String> {
    if let Some(cat) = catalog(scheme) {
        if let Some(events) = cat
            .get("events")
            .and_then(Value::as_object)
            .filter(|e| !e.is_empty())
        {
            let name = match event_type {
                Some(t) => t.to_string(),
                None => events.keys().next().cloned().unwrap_or_default(),
            };
            return match events.get(&name).and_then(|e| e.get("example")) {
                Some(example) => Ok((freshen(&cat, example.clone(), id), Vec::new())),
                None => Err(format!(
                    "{scheme} has no event type {name:?}; known types: {}",
                    events.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            };
        }
    }
    let t = event_type;
    Ok(match scheme {
        "standard" => (
            json!({"type": t.unwrap_or("user.created"), "timestamp": "2025-01-15T10:30:00Z", "data": {"id": "user_29w83sxmDNGwOuEthce5gg56FcC", "email_addresses": [{"email_address": "example@example.org"}]}}),
            Vec::new(),
        ),
        "stripe" => (
            json!({"id": "evt_1NG8Du2eZvKYlo2CUI79vXWy", "object": "event", "api_version": "2022-11-15", "created": 1_686_089_970, "type": t.unwrap_or("payment_intent.succeeded"), "data": {"object": {"id": "pi_3NG8Du2eZvKYlo2C0ZDhxw8X", "object": "payment_intent", "amount": 2000, "currency": "usd", "status": "succeeded"}}, "livemode": false}),
            Vec::new(),
        ),
        "github" => (
            json!({"zen": "Design for failure.", "hook_id": 123456, "repository": {"full_name": "octo-org/octo-repo"}, "sender": {"login": "octocat"}}),
            vec![
                ("X-GitHub-Event".into(), t.unwrap_or("ping").into()),
                ("X-GitHub-Delivery".into(), id.into()),
            ],
        ),
        "slack" => (
            json!({"token": "XXYYZZ", "team_id": "T123ABC456", "api_app_id": "A123ABC456", "event": {"type": t.unwrap_or("app_mention"), "user": "U123ABC456", "text": "<@U0LAN0Z89> is it everything?", "ts": "1515449522.000016", "channel": "C123ABC456"}, "type": "event_callback", "event_id": id, "event_time": 1_515_449_522}),
            Vec::new(),
        ),
        "shopify" => (
            json!({"id": 820_982_911_946_154_508_u64, "email": "jon@example.com", "total_price": "403.00", "currency": "USD"}),
            vec![
                (
                    "X-Shopify-Topic".into(),
                    t.unwrap_or("orders/create").into(),
                ),
                ("X-Shopify-Webhook-Id".into(), id.into()),
            ],
        ),
        _ => (
            json!({"id": id, "type": t.unwrap_or("test.event"), "data": {}}),
            Vec::new(),
        ),
    })
}
