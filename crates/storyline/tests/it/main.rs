//! The integration tests: one binary, one module per stage or concern.

mod claims;
mod copies;
mod data;
mod demo;
mod ingest;
mod seeds;
mod store;
