//! Why a picture could not be made. Every message is one line a person can
//! act on; front ends show it as it is.

/// An error making a picture or reading what a person asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    #[error("the knowledge base has no inspection cycles")]
    NoCycles,
    #[error("no cycle \"{text}\" (try one of: {known})")]
    UnknownCycle { text: String, known: String },
    #[error("no area \"{text}\" in {cycle}{hint}")]
    UnknownArea {
        text: String,
        cycle: String,
        /// " (did you mean …?)" or empty.
        hint: String,
    },
    #[error("no force \"{text}\"{hint}")]
    UnknownForce {
        text: String,
        /// " (did you mean …?)", or how to name a force.
        hint: String,
    },
    #[error("\"{text}\" could be {names}: name one force")]
    AmbiguousForce { text: String, names: String },
    #[error("no region \"{text}\" (try one of: {known})")]
    UnknownRegion { text: String, known: String },
    #[error("no grade \"{0}\" (try one of: outstanding, good, adequate, requires improvement, inadequate)")]
    UnknownGrade(String),
    #[error("a comparison shows 2 to 4 different forces; got {0}")]
    ForceCount(usize),
    #[error("cannot encode the picture: {0}")]
    Encode(String),
}
