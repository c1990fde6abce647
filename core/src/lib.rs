#![doc = include_str!("../README.md")]
#![no_std]
// Two audited exceptions, both in webhook.rs: `Drop for Webhook` (zeroization
// of its bytes) and `coarse_clock` (one `clock_gettime` call, Linux + std).
#![deny(unsafe_code)]
#![warn(
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::alloc_instead_of_core
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod b64;
mod encoding;
mod error;
#[cfg(feature = "events")]
mod events;
mod headers;
mod mac;
mod scheme;
mod webhook;

pub use error::{Error, ErrorCode};
// For the WebAssembly binding's messages; not part of the documented API.
#[cfg(feature = "alloc")]
#[doc(hidden)]
pub use error::quoted;
#[cfg(feature = "events")]
pub use events::json::{
    Iter as JsonMapIter, Map as JsonMap, Number as JsonNumber, ParseError as JsonError,
    Value as JsonValue,
};
#[cfg(feature = "events")]
pub use events::{Event, ReplayGuard};
pub use headers::Headers;
pub use scheme::Scheme;
#[cfg(feature = "alloc")]
pub use scheme::{CustomScheme, SignatureEncoding};
#[cfg(feature = "alloc")]
pub use webhook::SignedHeaders;
pub use webhook::{
    Options, Webhook, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_REPLAY_CAPACITY, DEFAULT_TOLERANCE,
    MAX_SECRETS,
};

/// The repository README's Rust snippets, run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct RepositoryReadme;
