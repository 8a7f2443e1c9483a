//! One quote per sentence: two outlets printing the same words ("I do not
//! underestimate…" in the inspectorate's release, "I don't underestimate…,
//! but…" in the BBC's story) are one quote, shown in its longest wording and
//! cited to every outlet for the text it printed.
//!
//! Two wordings are one sentence only when, after folding case,
//! contractions, quotation marks and punctuation, one contains the other.

use super::model::{Inspection, Printing, Quote};
use crate::text::fold;

/// Contractions and the words they stand for, in folded form (apostrophes
/// already dropped). Forms that fold onto other words ("we're" → "were",
/// "it's" → "its") are left out: they would join different sentences.
const CONTRACTIONS: &[(&str, &str)] = &[
    ("dont", "do not"),
    ("doesnt", "does not"),
    ("didnt", "did not"),
    ("isnt", "is not"),
    ("arent", "are not"),
    ("wasnt", "was not"),
    ("werent", "were not"),
    ("hasnt", "has not"),
    ("havent", "have not"),
    ("hadnt", "had not"),
    ("wont", "will not"),
    ("wouldnt", "would not"),
    ("shouldnt", "should not"),
    ("couldnt", "could not"),
    ("cant", "can not"),
    ("cannot", "can not"),
    ("im", "i am"),
    ("ive", "i have"),
    ("weve", "we have"),
    ("youre", "you are"),
    ("theyre", "they are"),
    ("theyve", "they have"),
    ("thats", "that is"),
    ("theres", "there is"),
];

/// The words of a quote as compared: folded, contractions spelt out, padded
/// with spaces so containment is by whole words.
pub fn comparable(text: &str) -> String {
    let mut out = String::from(" ");
    for w in fold(text).split(' ').filter(|w| !w.is_empty()) {
        let w = CONTRACTIONS
            .iter()
            .find(|(c, _)| *c == w)
            .map_or(w, |(_, full)| full);
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// True when two wordings are one sentence.
pub fn same_sentence(a: &str, b: &str) -> bool {
    let (a, b) = (comparable(a), comparable(b));
    a.contains(&b) || b.contains(&a)
}

/// Merges an inspection's quotes that are wordings of one sentence by the
/// same speaker: the longest stays (its own date, or the first date another
/// printing has), the others become its `also`.
pub fn merge(ins: &mut Inspection) {
    let quotes = std::mem::take(&mut ins.quotes);
    let keys: Vec<String> = quotes.iter().map(|q| comparable(&q.text)).collect();
    // For each quote, the quote whose wording stands for it (the longest
    // containing wording by the same speaker; the earliest on a tie).
    let mut host: Vec<usize> = (0..quotes.len()).collect();
    for i in 0..quotes.len() {
        let mut best = i;
        for j in 0..quotes.len() {
            if j == i || quotes[j].speaker != quotes[i].speaker || !keys[j].contains(&keys[i]) {
                continue;
            }
            let longer = quotes[j].text.len() > quotes[best].text.len();
            let tie_earlier = quotes[j].text.len() == quotes[best].text.len() && j < best;
            if longer || tie_earlier {
                best = j;
            }
        }
        host[i] = best;
    }
    // Follow chains (a ⊂ b ⊂ c) to the top.
    for i in 0..host.len() {
        let mut h = host[i];
        while host[h] != h {
            h = host[h];
        }
        host[i] = h;
    }
    let mut kept: Vec<Option<Quote>> = quotes.iter().map(|_| None).collect();
    let mut merged: Vec<(usize, Quote)> = Vec::new();
    for (i, q) in quotes.into_iter().enumerate() {
        if host[i] == i {
            kept[i] = Some(q);
        } else {
            merged.push((host[i], q));
        }
    }
    for (h, q) in merged {
        let Some(top) = kept[h].as_mut() else {
            continue;
        };
        // The most exact date any printing gives: none, or a month that the
        // other printing's day falls in ("2022-11" from a URL, 25 November
        // from the BBC's page), gives way.
        let finer = match (top.said, q.said) {
            (None, Some(_)) => true,
            (Some(t), Some(o)) => {
                t.day.is_none() && o.day.is_some() && (t.year, t.month) == (o.year, o.month)
            }
            _ => false,
        };
        if finer {
            top.said = q.said;
            top.said_basis = q.said_basis;
        }
        let duplicate = q.source == top.source && q.text == top.text;
        if !duplicate {
            top.also.push(Printing {
                published: q.page_date(),
                text: q.text,
                source: q.source,
            });
        }
        top.also.extend(q.also);
    }
    ins.quotes = kept.into_iter().flatten().collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_and_punctuation_fold() {
        assert!(same_sentence(
            "I do not underestimate the difficulty caused by the constabulary's legacy issues, such as a lack of policy, governance, and performance scrutiny.",
            "I don't underestimate the difficulty caused by the constabulary's legacy issues, such as a lack of policy, governance and performance scrutiny, but there are areas where the force still needs to improve."
        ));
        assert!(same_sentence("“We can’t.”", "We cannot"));
    }

    #[test]
    fn different_sentences_stay_apart() {
        assert!(!same_sentence(
            "The force has improved.",
            "The force has not improved."
        ));
        // Part of a word is not a word.
        assert!(!same_sentence("I am proud", "I am proudest of all"));
    }
}
