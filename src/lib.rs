//! PEEL Bot: sourced answers about HMICFRS PEEL police inspections.
//!
//! Layers, bottom up: [`knowledge`] (schema, loading, validation) →
//! [`engine`] (understanding a question, finding the answer) → [`ops`]
//! (reload, the curation log, metrics) → front ends ([`discord`] for the
//! bot; the terminal is the binary's own). Nothing below the front ends
//! knows about Discord.
//!
//! For others: [`knowledge`], [`engine`], [`config`] and [`text`] are the
//! library — load a base, answer questions, read settings. The binary's own:
//! [`ops`] and [`discord`] are public only so that the binary, integration
//! tests and benchmarks can run them (hidden from the docs), and the
//! terminal front end is private behind [`run_cli`].

#![forbid(unsafe_code)]

pub mod chart;
pub mod config;
pub mod engine;
pub mod knowledge;
pub mod text;

#[doc(hidden)]
pub mod discord;
#[doc(hidden)]
pub mod ops;

mod cli;

/// `peelbot`'s command line: parses arguments and runs the command; the exit
/// code says how it went.
#[doc(hidden)]
pub fn run_cli() -> anyhow::Result<std::process::ExitCode> {
    cli::run()
}
