//! What the loader reports: every problem at once, each with file, line and field.

use std::fmt;

/// One thing wrong in a knowledge file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path of the file, relative to the knowledge directory ("forces/kent.toml").
    pub file: String,
    /// 1-based line; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// Dotted path of the field ("inspection[1].grade[0].grade").
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.file, self.line)?;
        } else {
            write!(f, "{}: ", self.file)?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

/// Loading failed; nothing was loaded. Lists every problem found.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} problem(s) in the knowledge base at {origin}:\n{}", problems.len(), list(problems))]
pub struct LoadError {
    pub origin: String,
    pub problems: Vec<Problem>,
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}
