//! Which headers a built-in scheme may read.
//!
//! The core does not expose this yet (see the FFI README: `Webhook::header_names`
//! is the core change that would replace this table). The test
//! `every_header_the_core_reads_is_listed` runs every conformance vector
//! through the core with a recording header map and fails when the core reads
//! a header that is missing here, so the table cannot silently fall behind.

use hookseal::Scheme;

/// The lower-case names of the headers `scheme`'s verification and event
/// parsing may look up; `None` for a scheme this table does not know.
pub(crate) fn built_in(scheme: &Scheme) -> Option<&'static [&'static str]> {
    Some(match scheme.id() {
        "costkatana" => &["x-costkatana-signature", "x-costkatana-timestamp"],
        "unicraft" => &["x-unicraft-signature"],
        "dash" => &["x-dash-signature"],
        "smartaihub" => &["x-webhook-signature"],
        "standard" => &[
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
            "svix-id",
            "svix-timestamp",
            "svix-signature",
        ],
        "stripe" => &["stripe-signature"],
        "github" => &["x-hub-signature-256", "x-github-delivery", "x-github-event"],
        "slack" => &["x-slack-signature", "x-slack-request-timestamp"],
        "shopify" => &[
            "x-shopify-hmac-sha256",
            "x-shopify-webhook-id",
            "x-shopify-topic",
        ],
        _ => return None,
    })
}
