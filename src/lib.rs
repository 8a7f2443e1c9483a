//! PEEL Bot: sourced answers about HMICFRS PEEL police inspections.
//!
//! Layers, bottom up: [`knowledge`] (schema, loading, validation) →
//! [`engine`] (understanding a question, finding the answer) → front ends
//! ([`cli`] for the terminal, [`discord`] for the bot). Nothing below the
//! front ends knows about Discord.

#![forbid(unsafe_code)]

pub mod chart;
pub mod cli;
pub mod config;
pub mod discord;
pub mod engine;
pub mod feedback;
pub mod knowledge;
pub mod metrics;
pub mod reload;
pub mod text;
