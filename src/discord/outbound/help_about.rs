//! The text of `/help` and `/about`: pure functions of the command list and
//! the knowledge base, shared by the slash commands and `!peel help|about`.

use crate::knowledge::{KnowledgeBase, OutletKind, Summary};

/// One command as `/help` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandHelp {
    pub name: String,
    pub description: String,
    /// Its options filled in ("name: Kent"), from the command's doc comment.
    pub example: Option<String>,
    /// Its registered id: shown as a mention (`</force:id>`) a user can click.
    pub id: Option<u64>,
}

/// `/help`: what each command does (from the commands' own descriptions),
/// an example of each, and the other ways to ask.
pub fn help(commands: &[CommandHelp], prefix: &str, prefix_enabled: bool) -> (String, String) {
    let mut body = String::from(
        "I answer questions about HMICFRS PEEL inspections of the police forces of England and Wales, with sources.\n\n**Slash commands**\n",
    );
    for c in commands {
        let name = match c.id {
            Some(id) => format!("</{}:{id}>", c.name),
            None => format!("`/{}`", c.name),
        };
        body.push_str(&format!("{name} — {}\n", c.description));
        if let Some(example) = &c.example {
            body.push_str(&format!("  e.g. `/{} {example}`\n", c.name));
        }
    }
    body.push_str(
        "\nGrades are marked 🟦 outstanding · 🟩 good · 🟨 adequate · 🟧 requires improvement · 🟥 inadequate · ⬜ not in our sources.\n",
    );
    body.push_str("\n**Other ways to ask**\n");
    body.push_str("Mention me with a question: `@PEEL Bot what does Kent need to improve?`\n");
    if prefix_enabled {
        body.push_str(&format!(
            "Or start a message with `{prefix}`: `{prefix} grades for Kent`\n"
        ));
    }
    body.push_str("\nEdit your question and I edit my answer; delete it and I delete mine.");
    ("PEEL Bot — help".to_string(), body)
}

/// `/about`: what the data covers, how complete it is, how fresh, and where it comes from.
pub fn about(kb: &KnowledgeBase) -> (String, String, String) {
    let s = Summary::of(kb);
    let mut body = format!(
        "**Forces:** {} · **Inspections:** {} · **Grades:** {}\n",
        s.forces, s.inspections, s.grades
    );
    if s.grades_awarded_stated > 0 {
        body.push_str(&format!(
            "**Grades known:** {} of the {} awarded (in inspections whose sources say how many areas were graded)\n",
            s.grades_known_of_stated, s.grades_awarded_stated
        ));
    }
    body.push_str(&format!(
        "**Findings:** {} · **Quotes:** {} · **Glossary terms:** {}\n",
        s.findings, s.quotes, s.glossary_terms
    ));
    if !s.cycles.is_empty() {
        body.push_str("\n**Inspection cycles**\n");
        for (name, inspections, graded, full) in &s.cycles {
            body.push_str(&format!(
                "{name}: {inspections} inspections, {graded} with grades, {full} fully graded\n"
            ));
        }
    }
    if let Some(date) = kb.newest_date() {
        body.push_str(&format!("\n**Data as of:** {}\n", date.long()));
    }
    let mut sources: Vec<&str> = kb
        .outlets
        .iter()
        .filter(|o| o.kind == OutletKind::Inspectorate)
        .chain(
            kb.outlets
                .iter()
                .filter(|o| o.kind != OutletKind::Inspectorate),
        )
        .map(|o| o.name.as_str())
        .collect();
    sources.dedup();
    if !sources.is_empty() {
        body.push_str(&format!("**Sources:** {}\n", sources.join(", ")));
    }
    body.push_str("\nEvery answer links the report, page or article it comes from.");
    let footer = format!("Knowledge base {} ({})", kb.version, kb.origin);
    ("About PEEL Bot's data".to_string(), body, footer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_help_lists_every_command_and_prefix() {
        let cmds = vec![
            CommandHelp {
                name: "ask".into(),
                description: "Ask anything".into(),
                example: Some("question: Kent grades".into()),
                id: Some(42),
            },
            CommandHelp {
                name: "about".into(),
                description: "What the data covers".into(),
                example: None,
                id: None,
            },
        ];
        let (_, body) = help(&cmds, "!peel", true);
        assert!(body.contains("</ask:42> — Ask anything"), "{body}");
        assert!(body.contains("e.g. `/ask question: Kent grades`"), "{body}");
        assert!(body.contains("`/about`"));
        assert!(body.contains("🟥 inadequate"));
        assert!(body.contains("`!peel grades for Kent`"));
        let (_, body) = help(&cmds, "!peel", false);
        assert!(!body.contains("!peel"));
    }

    #[test]
    fn info_about_counts_the_embedded_base() {
        let kb = crate::knowledge::load_embedded().expect("embedded knowledge loads");
        let (title, body, footer) = about(&kb);
        assert!(title.contains("About"));
        assert!(
            body.contains(&format!("**Forces:** {}", kb.forces.len())),
            "{body}"
        );
        assert!(body.contains("Data as of") || kb.newest_date().is_none());
        assert!(footer.contains(&kb.version));
    }
}
