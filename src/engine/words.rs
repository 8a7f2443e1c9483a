//! Word lists and light stemming: the engine's fixed knowledge of English,
//! kept apart from the knowledge base's facts.

/// Words that carry no meaning for matching; dropped from both questions and phrases.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "for", "at", "in", "on", "with", "its", "it", "their",
    "is", "are", "was", "were", "be", "been", "by", "about", "me", "my", "i", "you", "your", "we",
    "our", "us", "this", "that", "these", "those", "there", "as", "or", "so", "do", "does", "did",
    "has", "have", "had", "can", "could", "would", "will", "shall", "should", "please", "tell",
    "show", "give", "get", "got", "what", "whats", "how", "hows", "which", "who", "whom", "whose",
    "where", "when", "why", "any", "some", "all", "from", "into", "up", "out", "than", "then",
    "if", "s", "also", "just", "very", "much", "many", "more", "most", "being", "per", "re",
    "they", "them", "he", "she", "his", "her", "hi", "hello", "hey", "thanks", "thank", "ok",
];

/// Words that name a police force generically; dropped from force names.
pub const GENERIC_FORCE_WORDS: &[&str] = &[
    "police",
    "constabulary",
    "service",
    "force",
    "forces",
    "cops",
    "policing",
    "heddlu",
];

/// Common words that must never be "corrected" into a force or area name.
pub const COMMON_WORDS: &[&str] = &[
    "sales",
    "tales",
    "males",
    "wells",
    "went",
    "sent",
    "rent",
    "need",
    "needs",
    "needed",
    "improve",
    "improved",
    "improves",
    "improvement",
    "improvements",
    "improving",
    "better",
    "worse",
    "worst",
    "best",
    "grade",
    "graded",
    "grades",
    "grading",
    "rated",
    "rating",
    "ratings",
    "rate",
    "score",
    "scored",
    "results",
    "result",
    "report",
    "reports",
    "inspection",
    "inspections",
    "inspected",
    "inspector",
    "inspectors",
    "inspectorate",
    "latest",
    "recent",
    "previous",
    "last",
    "current",
    "compare",
    "compared",
    "comparison",
    "versus",
    "against",
    "between",
    "difference",
    "changed",
    "change",
    "changes",
    "since",
    "over",
    "time",
    "trend",
    "say",
    "said",
    "says",
    "saying",
    "quote",
    "quotes",
    "words",
    "comment",
    "comments",
    "commented",
    "respond",
    "responded",
    "response",
    "responses",
    "reaction",
    "react",
    "reacted",
    "chief",
    "constable",
    "commissioner",
    "crime",
    "commissioners",
    "mayor",
    "deputy",
    "led",
    "lead",
    "leads",
    "published",
    "publish",
    "date",
    "released",
    "release",
    "stand",
    "stands",
    "mean",
    "means",
    "meaning",
    "define",
    "definition",
    "explain",
    "help",
    "commands",
    "examples",
    "failing",
    "fail",
    "fails",
    "failed",
    "weak",
    "weakness",
    "weaknesses",
    "falls",
    "fall",
    "short",
    "shortcomings",
    "problems",
    "problem",
    "issues",
    "issue",
    "concerns",
    "concern",
    "strengths",
    "strength",
    "strong",
    "progress",
    "doing",
    "well",
    "poor",
    "poorly",
    "badly",
    "train",
    "weather",
    "football",
    "joke",
    "today",
    "tomorrow",
    "leave",
    "leaves",
    "time",
    "areas",
    "area",
    "forces",
    "force",
    "police",
    "list",
    "which",
    "where",
    "whats",
    "there",
    "people",
    "public",
    "graded",
    "other",
    "others",
    "every",
    "each",
    "both",
    "overall",
    "were",
    "english",
    "england",
    "welsh",
    "wales",
    "outstanding",
    "good",
    "adequate",
    "inadequate",
    "requires",
    "require",
    "required",
    "requiring",
    "peel",
    "hmicfrs",
    "hmic",
    "cycle",
    "year",
    "years",
    "staff",
    "feeling",
    "felt",
    "think",
    "thinks",
    "thought",
    "found",
    "find",
    "findings",
    "finding",
    "told",
    "must",
    "still",
    "work",
    "working",
    "done",
    "made",
    "make",
    "sure",
    "really",
    "actually",
    "currently",
    "recently",
    "north",
    "south",
    "east",
    "west",
    "city",
    "greater",
    "isle",
    "new",
    "old",
    "good",
    "great",
    "bad",
    "local",
    "national",
    "nationally",
];

/// Light suffix stripping so "investigations", "investigating" and
/// "investigate" meet. Not a linguistic stemmer; consistent is enough.
pub fn stem(word: &str) -> String {
    if word.len() <= 4 || !word.is_ascii() {
        return word.to_string();
    }
    let mut w = word;
    for suffix in [
        "ings", "ing", "ions", "ion", "ness", "ment", "ments", "ies", "ed", "es", "ly", "s",
    ] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.len() >= 4 {
                w = s;
                break;
            }
        }
    }
    let w = w.strip_suffix('e').filter(|s| s.len() >= 4).unwrap_or(w);
    w.to_string()
}

pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stem_investigation_family() {
        let s = stem("investigations");
        assert_eq!(stem("investigation"), s);
        assert_eq!(stem("investigating"), s);
        assert_eq!(stem("investigate"), s);
    }

    #[test]
    fn stem_short_words_kept() {
        assert_eq!(stem("kent"), "kent");
        assert_eq!(stem("999"), "999");
    }

    #[test]
    fn stem_unicode_kept() {
        assert_eq!(stem("café"), "café");
    }
}
