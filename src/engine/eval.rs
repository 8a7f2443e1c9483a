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
    /// Per case: whether the engine answered, its confidence, and whether
    /// the case passed (for calibration).
    pub outcomes: Vec<(bool, f64, bool)>,
}

/// One confidence band of answered cases: `[low, low + 0.1)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub low: f64,
    pub answered: usize,
    pub correct: usize,
}

impl Band {
    pub fn accuracy(&self) -> f64 {
        if self.answered == 0 {
            0.0
        } else {
            self.correct as f64 / self.answered as f64
        }
    }
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
    /// Answered cases by confidence band (tenths), lowest first; a
    /// calibrated engine is right more often in each higher band.
    pub fn calibration(&self) -> Vec<Band> {
        let mut bands: Vec<Band> = (0..10)
            .map(|i| Band {
                low: f64::from(i) / 10.0,
                answered: 0,
                correct: 0,
            })
            .collect();
        for &(answered, confidence, passed) in &self.outcomes {
            if !answered {
                continue;
            }
            let i = ((confidence * 10.0).floor() as usize).min(9);
            bands[i].answered += 1;
            bands[i].correct += usize::from(passed);
        }
        bands
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
        let mut outcomes = Vec::new();
        for case in &self.case {
            let answer = engine.answer(&case.q);
            let reasons = case.check(&answer);
            outcomes.push((
                answer.status == super::Status::Answered,
                answer.confidence,
                reasons.is_empty(),
            ));
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
            outcomes,
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
