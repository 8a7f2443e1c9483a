//! The curated knowledge base: schema, loading, validation and coverage.
//!
//! Knowledge lives in TOML files (see `knowledge/` and the README). The binary
//! embeds a copy at build time; curators load a directory instead.

mod coverage;
mod diff;
mod embedded;
mod load;
mod model;
mod problem;
mod raw;
mod said;
mod sentences;

pub use coverage::{Coverage, CoverageLevel, Summary};
pub use diff::Diff;
pub use embedded::{embedded_files, load_embedded};
pub use load::{load_dir, load_files, valid_url, SourceFile};
pub use model::*;
pub use problem::{LoadError, Problem};
pub use sentences::same_sentence;
