//! The verified event as JSON text, in the shapes a host can ask for.

use hookseal::Event;

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
        f if f == hookseal_event_format::DataPath as u32 => {
            Ok(event.to_json_string_with_data_path())
        }
        other => Err(argument(format!(
            "event_format {other} is not a hookseal_event_format value"
        ))),
    }
}
