//! The answer engine: a pure function from a question (and the loaded
//! knowledge base) to an [`Answer`]. It knows nothing about Discord; the
//! terminal, the Discord bot and the tests all call [`Engine::answer`].

mod answer;
pub mod eval;
mod shared;

use crate::config::EngineConfig;
use crate::knowledge::KnowledgeBase;

pub use answer::{Answer, Citation, Field, Status};
pub use shared::SharedEngine;

/// A structured request, as slash commands with typed options make them.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Any free-text question.
    Ask(String),
    /// A force's grades and areas to improve, optionally for one cycle.
    Force {
        force: String,
        cycle: Option<String>,
    },
    /// Quotes, filtered by any of force, speaker and topic words.
    Quotes {
        force: Option<String>,
        speaker: Option<String>,
        topic: Option<String>,
    },
    /// Two forces side by side, overall or on one area.
    Compare {
        a: String,
        b: String,
        area: Option<String>,
    },
    /// Forces with a given grade for an area.
    Which {
        grade: String,
        area: String,
        cycle: Option<String>,
    },
}

/// Answers questions from one loaded knowledge base.
#[derive(Debug)]
pub struct Engine {
    kb: KnowledgeBase,
    config: EngineConfig,
}

impl Engine {
    /// Builds the engine and its indexes; done once per (re)load.
    pub fn new(kb: KnowledgeBase, config: &EngineConfig) -> Engine {
        Engine {
            kb,
            config: config.clone(),
        }
    }

    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.kb
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Answers one free-text question.
    pub fn answer(&self, question: &str) -> Answer {
        Answer {
            question: question.to_string(),
            status: Status::NoMatch,
            intent: "none".into(),
            forces: Vec::new(),
            text: "The engine is under construction.".into(),
            citations: Vec::new(),
            suggestions: Vec::new(),
            confidence: 0.0,
            title: String::new(),
            summary: String::new(),
            fields: Vec::new(),
            footnote: String::new(),
            cycles: Vec::new(),
        }
    }

    /// Answers a structured request (slash commands).
    pub fn answer_request(&self, request: &Request) -> Answer {
        let _ = request;
        self.answer("")
    }

    /// Forces ranked by how well they match a partial name (autocomplete):
    /// (slug, display name), best first, at most `limit`.
    pub fn suggest_forces(&self, partial: &str, limit: usize) -> Vec<(String, String)> {
        let _ = (partial, limit);
        Vec::new()
    }

    /// Quoted speakers ranked by how well they match a partial name.
    pub fn suggest_speakers(&self, partial: &str, limit: usize) -> Vec<String> {
        let _ = (partial, limit);
        Vec::new()
    }

    /// Canonical area names ranked by how well they match partial words.
    pub fn suggest_areas(&self, partial: &str, limit: usize) -> Vec<String> {
        let _ = (partial, limit);
        Vec::new()
    }
}
