//! The JavaScript API in Node (`wasm-pack test --node`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

#[path = "wasm/api.rs"]
mod api;
