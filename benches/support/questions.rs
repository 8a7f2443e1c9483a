//! Generated benchmark questions: every force × several intents, with typos,
//! nicknames, out-of-scope questions and 500-character junk.

use peelbot::knowledge::KnowledgeBase;

/// Drops one letter from the middle of each long word: a realistic typo.
fn typo(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if w.len() > 6 && w.is_ascii() {
                let mid = w.len() / 2;
                format!("{}{}", &w[..mid], &w[mid + 1..])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn generate(kb: &KnowledgeBase) -> Vec<String> {
    let mut qs = Vec::new();
    let areas = [
        "investigating crime",
        "responding to the public",
        "answering 999 calls",
        "protecting vulnerable people",
        "recording data about crime",
        "good use of resources",
        "developing a positive workplace",
        "preventing crime",
    ];
    for (i, f) in kb.forces.iter().enumerate() {
        let name = f.short_name();
        let nick = f
            .nicknames
            .first()
            .or(f.aliases.first())
            .map(String::as_str)
            .unwrap_or(name);
        let area = areas[i % areas.len()];
        qs.push(format!("What does {name} need to improve?"));
        qs.push(format!("How was {} graded for {area}?", f.name));
        qs.push(format!("{nick} {area} grade in 2021/22"));
        qs.push(format!("Show all grades for {}", f.name));
        qs.push(format!("What did the inspector say about {name}?"));
        qs.push(format!("How did the chief constable of {name} respond?"));
        qs.push(format!("Who led the inspection of {name}?"));
        qs.push(format!("When was {name}'s latest PEEL report published?"));
        qs.push(format!("Has {name} improved since 2021/22?"));
        qs.push(typo(&format!("What does {name} need to improve?")));
        qs.push(typo(&format!("{} grades", f.name)));
        qs.push(format!(
            "Compare {name} and {}",
            kb.forces[(i + 7) % kb.forces.len()].short_name()
        ));
        qs.push(format!(
            "{name} vs {} on {area}",
            kb.forces[(i + 3) % kb.forces.len()].short_name()
        ));
        qs.push(format!("What has {name} got better at?"));
    }
    for g in ["inadequate", "outstanding", "good", "requires improvement"] {
        for a in areas {
            qs.push(format!("Which forces are {g} at {a}?"));
        }
    }
    for q in [
        "What does PEEL stand for?",
        "What is a cause of concern?",
        "What is Engage?",
        "help",
        "What did the Yorkshire police need to improve?",
        "Welsh police grades",
        "What time does the Derby train leave?",
        "Tell me a joke",
        "How is Police Scotland graded?",
        "Who won the football?",
        "what did inspectors say about staff feeling disconnected",
        "What did Roy Wilsher say about legacy issues?",
        "",
        "   ",
    ] {
        qs.push(q.to_string());
    }
    let junk: String = (0..500)
        .map(|i| (b'a' + ((i * 7919) % 26) as u8) as char)
        .collect();
    qs.push(junk.clone());
    qs.push(format!("{junk}x"));
    qs.push("\u{1}\u{2}\u{3}binary".to_string());
    // 500 characters of made-up words: the slow path (spelling correction of unknowns).
    for k in 0..20u32 {
        let mut s = String::new();
        let mut x = 12345u32.wrapping_add(k * 7919);
        while s.len() < 490 {
            let len = 3 + (x % 8) as usize;
            for _ in 0..len {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                s.push((b'a' + ((x >> 16) % 26) as u8) as char);
            }
            s.push(' ');
        }
        qs.push(s.trim_end().to_string());
    }
    let base = qs.len();
    // Pad to at least 1,000 by repeating with small variations.
    let mut i = 0;
    while qs.len() < 1000 {
        let q = qs[i % base].to_lowercase();
        qs.push(q);
        i += 1;
    }
    qs
}

/// The questions of the dev set and the fresh sets (written by people who
/// never saw the engine): what real users ask.
pub fn realistic() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("../shared/eval/dev.toml")];
    if let Ok(dir) = std::fs::read_dir(root.join("tests/fixtures/eval")) {
        let mut fresh: Vec<_> = dir
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("fresh") && n.ends_with(".toml"))
            })
            .collect();
        fresh.sort();
        files.extend(fresh);
    }
    let mut qs = Vec::new();
    for f in files {
        let Ok(set) = peelbot::engine::eval::EvalSet::load(&f) else {
            continue;
        };
        qs.extend(set.case.into_iter().map(|c| c.q));
    }
    qs
}
