//! The layers the folder tree promises, checked from the source itself:
//! knowledge → engine → operations → front ends, with no import circles.
//!
//! Every `.rs` file under `src/` is a module; every `use crate::…`,
//! `use super::…` and inline `crate::…` path in its non-test code is an edge
//! to the module it names (the longest module prefix of the path). The
//! graph of files must have no cycle, nor the graph of the crate's top-level
//! modules, and nothing below the front ends may name a Discord crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Module path ("discord::inbound::commands") → its source, tests cut off.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    walk(&Path::new(ROOT).join("src"), &mut out);
    out
}

fn walk(dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            walk(&path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(Path::new(ROOT).join("src"))
            .expect("under src")
            .with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        let text = std::fs::read_to_string(&path).expect("readable source");
        let code = match text.find("#[cfg(test)]") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        let code: String = code
            .lines()
            .map(|l| match l.find("//") {
                Some(i) => &l[..i],
                None => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(parts.join("::"), code);
    }
}

/// Expands one `use` tree (`a::{b, c::{d, e}}`) into full paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.trim_end_matches("::*").to_string()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| {
            if p == "self" {
                prefix.to_string()
            } else {
                format!("{prefix}::{p}")
            }
        })
        .collect()
}

/// Every crate-relative path module `me` names, resolved to `a::b::c` form.
fn paths_named(me: &str, code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    // `use` statements, including groups over several lines.
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        let tail = &rest[i + 4..];
        let end = tail.find(';').unwrap_or(tail.len());
        if before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ';') {
            paths.extend(expand(&tail[..end]));
        }
        rest = &tail[end.min(tail.len())..];
    }
    // Inline `crate::a::b` paths.
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let tail = &rest[i..];
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(tail.len());
        paths.push(tail[..end].trim_end_matches(':').to_string());
        rest = &tail[end.max(7)..];
    }
    let here: Vec<String> = if me.is_empty() {
        Vec::new()
    } else {
        me.split("::").map(str::to_string).collect()
    };
    paths
        .into_iter()
        .filter_map(|p| {
            let segs: Vec<&str> = p.split("::").map(str::trim).collect();
            match segs.first().copied() {
                Some("crate") => Some(segs[1..].iter().map(|s| s.to_string()).collect()),
                Some("super") => {
                    // `here` names the module itself (a file, or a folder for
                    // its mod.rs), so `super` is one step up either way.
                    let mut base = here.clone();
                    base.pop();
                    let mut segs = &segs[1..];
                    while segs.first() == Some(&"super") {
                        base.pop();
                        segs = &segs[1..];
                    }
                    base.extend(segs.iter().map(|s| s.to_string()));
                    Some(base)
                }
                _ => None,
            }
        })
        .collect()
}

/// Edges between modules (files), without self-edges.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (me, code) in &modules {
        let targets = edges.entry(me.clone()).or_default();
        for path in paths_named(me, code) {
            let target = (0..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| modules.contains_key(m));
            if let Some(t) = target.filter(|t| t != me && !t.is_empty()) {
                targets.insert(t);
            }
        }
    }
    edges
}

/// A cycle in `edges`, if there is one (as the list of its nodes).
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, marks, stack) {
                return Some(c);
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in edges.keys() {
        if let Some(c) = visit(node, edges, &mut marks, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn architecture_cycle_finder_finds_cycles() {
    let g = |pairs: &[(&str, &str)]| {
        let mut e: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in pairs {
            e.entry(a.to_string()).or_default().insert(b.to_string());
            e.entry(b.to_string()).or_default();
        }
        e
    };
    assert_eq!(find_cycle(&g(&[("a", "b"), ("b", "c"), ("a", "c")])), None);
    assert_eq!(
        find_cycle(&g(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        expand("crate::x::{self, y::{z, w as v}, q::*}"),
        [
            "crate::x",
            "crate::x::y::z",
            "crate::x::y::w",
            "crate::x::q"
        ]
    );
}

#[test]
fn architecture_no_import_circles_between_files() {
    let edges = graph();
    assert!(edges.len() > 50, "read {} modules", edges.len());
    assert!(
        edges["discord::inbound::commands"].contains("discord::state"),
        "the reader sees imports: {:?}",
        edges["discord::inbound::commands"]
    );
    if let Some(cycle) = find_cycle(&edges) {
        panic!("import circle: {}", cycle.join(" → "));
    }
}

#[test]
fn architecture_no_import_circles_between_layers() {
    let top = |m: &str| m.split("::").next().unwrap_or(m).to_string();
    let mut layers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in graph() {
        let entry = layers.entry(top(&from)).or_default();
        for to in tos {
            if top(&to) != top(&from) {
                entry.insert(top(&to));
            }
        }
    }
    if let Some(cycle) = find_cycle(&layers) {
        panic!("layer circle: {}", cycle.join(" → "));
    }
}

#[test]
fn architecture_no_circles_between_the_discord_roles() {
    // inbound, outbound, lifecycle and the files at the top of discord/.
    let role = |m: &str| m.split("::").take(2).collect::<Vec<_>>().join("::");
    let mut roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in graph() {
        if !from.starts_with("discord::") {
            continue;
        }
        let entry = roles.entry(role(&from)).or_default();
        for to in tos.iter().filter(|t| t.starts_with("discord::")) {
            if role(to) != role(&from) {
                entry.insert(role(to));
            }
        }
    }
    // The folder's own mod.rs re-exports from its roles; leave it out.
    roles.remove("discord");
    for tos in roles.values_mut() {
        tos.remove("discord");
    }
    if let Some(cycle) = find_cycle(&roles) {
        panic!("circle between discord roles: {}", cycle.join(" → "));
    }
}

#[test]
fn architecture_nothing_below_the_front_ends_knows_discord() {
    for (module, code) in modules() {
        let layer = module.split("::").next().unwrap_or("");
        if !matches!(layer, "knowledge" | "engine" | "ops" | "config" | "text") {
            continue;
        }
        for word in [
            "serenity::",
            "serenity_prelude",
            "poise::",
            "axum",
            "crate::discord",
            "crate::cli",
        ] {
            if word == "axum" && module == "ops::http" {
                continue; // the one file that speaks HTTP
            }
            assert!(!code.contains(word), "{module} names {word}");
        }
    }
}
