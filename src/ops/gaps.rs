//! `peelbot gaps`: what curators should add to the knowledge base, read from
//! the curation log ([`super::feedback`]) and its rotated predecessor.

use std::path::Path;

use super::feedback::{rotated, Entry};

/// What curators should look at: the most frequent unanswered questions and
/// the most down-voted answers.
#[derive(Debug, Default)]
pub struct Gaps {
    /// (times asked, an example of the wording, last status), most asked first.
    pub unanswered: Vec<(usize, String, String)>,
    /// (down votes, up votes, question, intent), most down-voted first.
    pub downvoted: Vec<(usize, usize, String, String)>,
    /// Lines that were not valid entries (skipped).
    pub skipped: usize,
    pub entries: usize,
}

impl Gaps {
    /// Reads the log and its rotated predecessor; a missing file is an empty log.
    pub fn read(path: &Path) -> std::io::Result<Gaps> {
        let mut text = String::new();
        for p in [rotated(path), path.to_path_buf()] {
            match std::fs::read(&p) {
                Ok(bytes) => text.push_str(&String::from_utf8_lossy(&bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Gaps::from_lines(&text))
    }

    pub fn from_lines(text: &str) -> Gaps {
        use std::collections::HashMap;
        let mut gaps = Gaps::default();
        let mut asked: HashMap<String, (usize, String, String)> = HashMap::new();
        let mut votes: HashMap<(String, String), (usize, usize, String)> = HashMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(e) = serde_json::from_str::<Entry>(line) else {
                gaps.skipped += 1;
                continue;
            };
            gaps.entries += 1;
            let key = crate::text::fold(&e.question);
            match (e.kind.as_str(), e.vote.as_deref()) {
                ("unanswered", _) => {
                    let slot = asked
                        .entry(key)
                        .or_insert((0, e.question.clone(), String::new()));
                    slot.0 += 1;
                    slot.2 = e.status.clone();
                }
                ("vote", Some(v)) => {
                    let slot =
                        votes
                            .entry((key, e.intent.clone()))
                            .or_insert((0, 0, e.question.clone()));
                    if v == "down" {
                        slot.0 += 1;
                    } else {
                        slot.1 += 1;
                    }
                }
                _ => gaps.skipped += 1,
            }
        }
        gaps.unanswered = asked.into_values().collect();
        gaps.unanswered
            .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        gaps.downvoted = votes
            .into_iter()
            .filter(|(_, v)| v.0 > 0)
            .map(|((_, intent), (down, up, q))| (down, up, q, intent))
            .collect();
        gaps.downvoted
            .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        gaps
    }

    /// The report `peelbot gaps` prints (at most `top` lines per list).
    pub fn render(&self, top: usize) -> String {
        let mut out = format!("{} entries", self.entries);
        if self.skipped > 0 {
            out.push_str(&format!(" ({} unreadable lines skipped)", self.skipped));
        }
        out.push_str("\n\nMost frequent unanswered questions (no_match or clarify):\n");
        if self.unanswered.is_empty() {
            out.push_str("  none\n");
        }
        for (n, q, status) in self.unanswered.iter().take(top) {
            out.push_str(&format!("  {n:>4}x  [{status}] {q}\n"));
        }
        out.push_str("\nMost down-voted answers:\n");
        if self.downvoted.is_empty() {
            out.push_str("  none\n");
        }
        for (down, up, q, intent) in self.downvoted.iter().take(top) {
            out.push_str(&format!("  {down:>4} down / {up} up  [{intent}] {q}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_counts_and_ranks() {
        let lines = [
            r#"{"time":"t","kind":"unanswered","question":"Tell me a joke","status":"no_match","intent":"none"}"#,
            r#"{"time":"t","kind":"unanswered","question":"tell me a JOKE!","status":"no_match","intent":"none"}"#,
            r#"{"time":"t","kind":"unanswered","question":"Yorkshire police","status":"clarify","intent":"clarify"}"#,
            r#"{"time":"t","kind":"vote","question":"Kent grades","status":"answered","intent":"overview","vote":"down"}"#,
            r#"{"time":"t","kind":"vote","question":"Kent grades","status":"answered","intent":"overview","vote":"up"}"#,
            "not json",
        ];
        let g = Gaps::from_lines(&lines.join("\n"));
        assert_eq!(g.unanswered[0].0, 2);
        assert_eq!(g.unanswered[0].1, "Tell me a joke");
        assert_eq!(
            g.downvoted,
            vec![(1, 1, "Kent grades".to_string(), "overview".to_string())]
        );
        assert_eq!(g.skipped, 1);
        assert!(g.render(10).contains("2x  [no_match] Tell me a joke"));
    }
}
