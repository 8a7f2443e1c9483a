//! Operations: what running PEEL Bot for real needs beyond answering, below
//! every front end and with no Discord crate in sight.
//!
//! - [`source`]: where the knowledge base comes from (`--knowledge`, else
//!   `knowledge.dir`, else embedded);
//! - [`reload`]: validate a directory and the config, then swap the engine;
//!   [`losses`]: what a reload would lose, refused unless allowed;
//!   [`settings`]: which config keys a reload applies;
//! - [`feedback`]: the curation log; [`gaps`]: what curators read from it;
//!   [`ballots`]: one vote per person per answer;
//! - [`metrics`]: the one set of counters; [`http`]: `/health` and `/metrics`;
//! - [`running`]: all of the above as a running front end holds them.

pub mod ballots;
pub mod feedback;
pub mod gaps;
pub mod http;
pub mod losses;
pub mod metrics;
pub mod reload;
pub mod running;
pub mod settings;
pub mod source;

pub use feedback::FeedbackLog;
pub use metrics::{Metrics, StatsSnapshot};
pub use reload::{Candidate, ReloadOutcome, ReloadSource};
pub use running::{Operations, ReloadReport, RunningOps};
pub use source::KnowledgeSource;
