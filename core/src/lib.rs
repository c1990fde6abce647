#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod encoding;
mod error;
mod headers;
mod scheme;
mod webhook;

pub use error::{Error, ErrorCode};
pub use headers::Headers;
pub use scheme::Scheme;
#[cfg(feature = "alloc")]
pub use scheme::{CustomScheme, SignatureEncoding};
pub use webhook::{Options, Webhook, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_TOLERANCE, MAX_SECRETS};
#[cfg(feature = "alloc")]
pub use webhook::SignedHeaders;
