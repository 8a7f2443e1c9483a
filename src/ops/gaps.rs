//! `peelbot gaps`: what curators should add to the knowledge base, read from
//! the curation logs ([`super::feedback`]) of one or several processes, each
//! with its rotated predecessor.
//!
//! Votes count once per person per answer: for lines with a `voter` hash the
//! last vote wins; older lines without one count as they are. What is
//! printed is safe to put on a terminal: bidirectional and other control
//! characters are shown escaped (`\u{202e}`), and a question is cut at
//! [`SHOWN_CHARS`], however long its line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::feedback::{rotated, Entry};

/// Longest question printed, in characters.
pub const SHOWN_CHARS: usize = 200;

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

/// The files `gaps` reads for `paths`: each log's rotated predecessor, then
/// the log, in the order given.
pub fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths.iter().flat_map(|p| [rotated(p), p.clone()]).collect()
}

impl Gaps {
    /// Reads one log and its rotated predecessor; a missing file is an empty log.
    pub fn read(path: &Path) -> std::io::Result<Gaps> {
        Gaps::read_all(&[path.to_path_buf()])
    }

    /// Reads and merges several logs (one per process), each with its
    /// rotated predecessor; missing files are empty.
    pub fn read_all(paths: &[PathBuf]) -> std::io::Result<Gaps> {
        let mut text = String::new();
        for p in files(paths) {
            match std::fs::read(&p) {
                Ok(bytes) => {
                    text.push_str(&String::from_utf8_lossy(&bytes));
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Gaps::from_lines(&text))
    }

    pub fn from_lines(text: &str) -> Gaps {
        let mut gaps = Gaps::default();
        let mut asked: HashMap<String, (usize, String, String)> = HashMap::new();
        let mut votes: HashMap<(String, String), (usize, usize, String)> = HashMap::new();
        // The last vote of each voter hash, by (question, intent).
        let mut last: HashMap<String, (String, String, String, bool)> = HashMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(e) = serde_json::from_str::<Entry>(line) else {
                gaps.skipped += 1;
                continue;
            };
            gaps.entries += 1;
            // Questions are cut when written; an older or foreign line may be huge.
            let head = e
                .question
                .char_indices()
                .nth(super::feedback::MAX_QUESTION_CHARS)
                .map_or(e.question.as_str(), |(i, _)| &e.question[..i]);
            let key = crate::text::fold(head);
            match (e.kind.as_str(), e.vote.as_deref()) {
                ("unanswered", _) => {
                    let slot = asked
                        .entry(key)
                        .or_insert((0, e.question.clone(), String::new()));
                    slot.0 += 1;
                    slot.2 = e.status.clone();
                }
                ("vote", Some(v)) => match e.voter {
                    Some(voter) => {
                        last.insert(
                            voter,
                            (key, e.intent.clone(), e.question.clone(), v == "down"),
                        );
                    }
                    None => count(&mut votes, key, &e.intent, &e.question, v == "down"),
                },
                _ => gaps.skipped += 1,
            }
        }
        for (key, intent, question, down) in last.into_values() {
            count(&mut votes, key, &intent, &question, down);
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
            out.push_str(&format!("  {n:>4}x  [{}] {}\n", shown(status), shown(q)));
        }
        out.push_str("\nMost down-voted answers:\n");
        if self.downvoted.is_empty() {
            out.push_str("  none\n");
        }
        for (down, up, q, intent) in self.downvoted.iter().take(top) {
            out.push_str(&format!(
                "  {down:>4} down / {up} up  [{}] {}\n",
                shown(intent),
                shown(q)
            ));
        }
        out
    }
}

fn count(
    votes: &mut HashMap<(String, String), (usize, usize, String)>,
    key: String,
    intent: &str,
    question: &str,
    down: bool,
) {
    let slot = votes
        .entry((key, intent.to_string()))
        .or_insert((0, 0, question.to_string()));
    if down {
        slot.0 += 1;
    } else {
        slot.1 += 1;
    }
}

/// Text as a terminal may show it: control and bidirectional characters
/// escaped, cut at [`SHOWN_CHARS`].
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for (n, ch) in text.chars().enumerate() {
        if n == SHOWN_CHARS {
            out.push_str(&format!("… [{} more characters]", text.chars().count() - n));
            break;
        }
        if ch.is_control() || is_bidi(ch) {
            out.push_str(&format!("\\u{{{:04x}}}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    out
}

/// Characters that reorder what follows them on screen.
fn is_bidi(ch: char) -> bool {
    matches!(ch, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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

    #[test]
    fn gaps_counts_the_last_vote_of_each_voter() {
        let vote = |voter: &str, v: &str| {
            format!(
                r#"{{"time":"t","kind":"vote","question":"Kent grades","status":"answered","intent":"overview","vote":"{v}","voter":"{voter}"}}"#
            )
        };
        let mut lines: Vec<String> = (0..200)
            .map(|i| vote("aa", if i % 2 == 0 { "up" } else { "down" }))
            .collect();
        lines.push(vote("bb", "down"));
        let g = Gaps::from_lines(&lines.join("\n"));
        assert_eq!(
            g.downvoted,
            vec![(2, 0, "Kent grades".to_string(), "overview".to_string())]
        );
    }

    #[test]
    fn gaps_shows_bidi_escaped_and_long_questions_cut() {
        assert_eq!(shown("abc\u{202E}def"), "abc\\u{202e}def");
        assert_eq!(shown("a\u{2066}b\nc"), "a\\u{2066}b\\u{000a}c");
        let long = shown(&"x".repeat(5000));
        assert!(long.chars().count() < SHOWN_CHARS + 40, "{}", long.len());
        assert!(long.ends_with("[4800 more characters]"), "{long}");
    }
}
