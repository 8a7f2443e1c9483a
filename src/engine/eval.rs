//! Scoring the engine against a question set (the format of `shared/eval/dev.toml`):
//! each case names a question and what a correct answer must show.

use std::path::Path;

use anyhow::Context as _;
use serde::Deserialize;

use super::{Answer, Engine};

/// A question set.
#[derive(Debug, Deserialize)]
pub struct EvalSet {
    #[serde(default)]
    pub case: Vec<Case>,
}

/// One question and its expectations; every field but `q` is optional.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    #[serde(default)]
    pub cat: String,
    pub q: String,
    pub status: Option<String>,
    #[serde(default)]
    pub forces: Vec<String>,
    #[serde(default)]
    pub contains: Vec<String>,
    #[serde(default)]
    pub any_of: Vec<String>,
    #[serde(default)]
    pub absent: Vec<String>,
    #[serde(default)]
    pub cited: bool,
}

/// A case the engine got wrong, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub category: String,
    pub question: String,
    pub reasons: Vec<String>,
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct Report {
    pub total: usize,
    pub passed: usize,
    pub failures: Vec<Failure>,
}

impl std::fmt::Display for Failure {
    /// `[category] "question": reason; reason`, as `peelbot eval` and the tests print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {:?}: {}",
            self.category,
            self.question,
            self.reasons.join("; ")
        )
    }
}

impl Report {
    /// Every failure, one per line.
    pub fn failure_lines(&self) -> String {
        self.failures
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }
    pub fn pass_rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

impl EvalSet {
    pub fn load(path: &Path) -> anyhow::Result<EvalSet> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("bad question set {}", path.display()))
    }

    pub fn run(&self, engine: &Engine) -> Report {
        let mut failures = Vec::new();
        for case in &self.case {
            let answer = engine.answer(&case.q);
            let reasons = case.check(&answer);
            if !reasons.is_empty() {
                failures.push(Failure {
                    category: case.cat.clone(),
                    question: case.q.clone(),
                    reasons,
                });
            }
        }
        Report {
            total: self.case.len(),
            passed: self.case.len() - failures.len(),
            failures,
        }
    }
}

impl Case {
    /// Everything wrong with an answer for this case (empty: it passes).
    pub fn check(&self, answer: &Answer) -> Vec<String> {
        let mut reasons = Vec::new();
        let want = self.status.as_deref().unwrap_or("answered");
        if answer.status.as_str() != want {
            reasons.push(format!("status {} (wanted {want})", answer.status.as_str()));
        }
        for f in &self.forces {
            if !answer.forces.contains(f) {
                reasons.push(format!("forces {:?} lack {f}", answer.forces));
            }
        }
        let mut haystack = answer.text.to_lowercase();
        for c in &answer.citations {
            if let Some(q) = &c.quote {
                haystack.push('\n');
                haystack.push_str(&q.to_lowercase());
            }
        }
        for p in &self.contains {
            if !haystack.contains(&p.to_lowercase()) {
                reasons.push(format!("missing {p:?}"));
            }
        }
        if !self.any_of.is_empty()
            && !self
                .any_of
                .iter()
                .any(|p| haystack.contains(&p.to_lowercase()))
        {
            reasons.push(format!("none of {:?}", self.any_of));
        }
        for p in &self.absent {
            if haystack.contains(&p.to_lowercase()) {
                reasons.push(format!("should not contain {p:?}"));
            }
        }
        if self.cited && !answer.citations.iter().any(|c| !c.url.is_empty()) {
            reasons.push("no citation".into());
        }
        reasons
    }
}
