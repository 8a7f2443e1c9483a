//! Phrases the pictures and their alt text share, so a title and its alt
//! text word the same fact the same way.

use crate::knowledge::{Inspection, KnowledgeBase};

/// "Data as of 25 November 2024": the newest date in the knowledge base.
pub fn data_as_of(kb: &KnowledgeBase) -> String {
    match kb.newest_date() {
        Some(d) => format!("Data as of {}", d.long()),
        None => "Data as of: no dates in our sources".to_string(),
    }
}

/// "1 force", "43 forces".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "A", "A and B", "A, B and C".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// How much of one inspection's grading we hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// Areas with a grade in our sources; `None` when there is no inspection.
    pub known: Option<usize>,
    /// Areas graded, where a source states it.
    pub graded: Option<u32>,
}

impl Known {
    pub fn of(ins: Option<&Inspection>) -> Known {
        Known {
            known: ins.map(Inspection::known_areas),
            graded: ins.and_then(|i| i.areas_graded),
        }
    }

    /// Under a column heading: "5 of 9 known", "8 known", "not in our sources".
    pub fn short(&self) -> String {
        match (self.known, self.graded) {
            (None, _) => "not in our sources".to_string(),
            (Some(k), Some(n)) if k as u32 <= n => format!("{k} of {n} known"),
            (Some(k), _) => format!("{k} known"),
        }
    }

    /// In running text: "5 of 9 grades known", "no inspection in our sources".
    pub fn long(&self) -> String {
        match (self.known, self.graded) {
            (None, _) => "no inspection in our sources".to_string(),
            (Some(k), Some(n)) if k as u32 <= n => format!("{k} of {n} grades known"),
            (Some(k), _) => format!("{} known", plural(k, "grade")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_list_forms() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["Kent"]), "Kent");
        assert_eq!(and_list(&["Kent", "Essex"]), "Kent and Essex");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn words_known_short_and_long() {
        let k = Known {
            known: Some(5),
            graded: Some(9),
        };
        assert_eq!(
            (k.short().as_str(), k.long().as_str()),
            ("5 of 9 known", "5 of 9 grades known")
        );
        // More grades than a source says were awarded: say only what we hold.
        let over = Known {
            known: Some(9),
            graded: Some(8),
        };
        assert_eq!(over.long(), "9 grades known");
        let none = Known {
            known: None,
            graded: None,
        };
        assert_eq!(none.long(), "no inspection in our sources");
    }

    #[test]
    fn words_plural_and_capitalise() {
        assert_eq!(plural(1, "force"), "1 force");
        assert_eq!(plural(0, "force"), "0 forces");
        assert_eq!(capitalise("outlined: good"), "Outlined: good");
        assert_eq!(capitalise(""), "");
    }
}
