//! The verified event as JSON text, in the shapes a host can ask for.

use hookseal::Event;
use serde_json::Value;

use crate::boundary::{argument, Failure};

/// The shape of the event JSON that `hookseal_verify` returns.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum hookseal_event_format {
    /// `{"provider","id","type","timestamp","data","payload","in_catalog"}`:
    /// PRODUCT.md's event, complete.
    Full = 0,
    /// The same, but `data` (a part of `payload`, usually most of it) is not
    /// repeated: `"data_path"` gives the keys that lead to it inside `payload`
    /// (`["data"]`, `["data", "object"]`; `[]` is the payload itself; `null`
    /// when there is no data). The JSON is about half as long, which halves
    /// the host's decoding work on large bodies. A host rebuilds `data` by
    /// following the path.
    DataPath = 1,
}

/// The event as JSON text in `format` (a `hookseal_event_format` value).
pub(crate) fn to_json(event: &Event, format: u32) -> Result<String, Failure> {
    match format {
        f if f == hookseal_event_format::Full as u32 => Ok(event.to_json_string()),
        f if f == hookseal_event_format::DataPath as u32 => Ok(with_data_path(event)),
        other => Err(argument(format!(
            "event_format {other} is not a hookseal_event_format value"
        ))),
    }
}

fn with_data_path(event: &Event) -> String {
    let mut out = Vec::with_capacity(256);
    let mut put = |key: &str, value: &dyn erased::Json| {
        out.push(if out.is_empty() { b'{' } else { b',' });
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
        value.write(&mut out);
    };
    put("provider", &event.provider());
    put("id", &event.id());
    put("type", &event.event_type());
    put("timestamp", &event.timestamp());
    match event.data() {
        None => put("data_path", &Value::Null),
        Some(data) => match path_to(event.payload(), data) {
            Some(path) => put("data_path", &path),
            // The core handed out data that is not a part of the payload:
            // give it whole rather than a path that leads elsewhere.
            None => put("data", data),
        },
    }
    put("payload", event.payload());
    put("in_catalog", &event.in_catalog());
    out.push(b'}');
    // serde_json writes UTF-8, and the keys above are ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// The keys from `root` to the value that `target` points at (by identity,
/// not by equality), shallowest first; at most four levels deep.
fn path_to<'a>(root: &'a Value, target: &Value) -> Option<Vec<&'a str>> {
    fn at_depth<'a>(
        node: &'a Value,
        target: &Value,
        depth: usize,
        path: &mut Vec<&'a str>,
    ) -> bool {
        if depth == 0 {
            return core::ptr::eq(node, target);
        }
        let Value::Object(map) = node else {
            return false;
        };
        for (key, child) in map {
            path.push(key);
            if at_depth(child, target, depth - 1, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = Vec::new();
    (0..=4)
        .find(|&depth| at_depth(root, target, depth, &mut path))
        .map(|_| path)
}

/// Serializing values of different types through one closure.
mod erased {
    pub(super) trait Json {
        fn write(&self, out: &mut Vec<u8>);
    }

    impl<T: serde::Serialize + ?Sized> Json for T {
        fn write(&self, out: &mut Vec<u8>) {
            // Writing plain data (strings, numbers, JSON values) into a Vec
            // cannot fail; `null` keeps the JSON well-formed if it ever did.
            if serde_json::to_writer(&mut *out, self).is_err() {
                out.extend_from_slice(b"null");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_is_found_by_identity_shallowest_first() {
        let payload: Value =
            serde_json::json!({"a": {"data": {"x": 1}}, "data": {"x": 1}, "z": [1]});
        let data = &payload["data"];
        assert_eq!(path_to(&payload, data), Some(vec!["data"]));
        assert_eq!(
            path_to(&payload, &payload["a"]["data"]),
            Some(vec!["a", "data"])
        );
        assert_eq!(path_to(&payload, &payload), Some(vec![]));
        let elsewhere = serde_json::json!({"x": 1});
        assert_eq!(path_to(&payload, &elsewhere), None);
    }
}
