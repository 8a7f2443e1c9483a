//! Invariants over the real, embedded knowledge base: every force present,
//! names unique, grades valid, quotes complete and verbatim from the source
//! pack or the seed article, every pack fact carried over.
//!
//! The faithfulness tests read `../shared` (the source pack and seed). They
//! are skipped, with a message, only when that directory is absent.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use peelbot::config::EngineConfig;
use peelbot::engine::Engine;
use peelbot::knowledge::{load_dir, load_embedded, KnowledgeBase};

const SLUGS: [&str; 43] = [
    "avon-and-somerset",
    "bedfordshire",
    "cambridgeshire",
    "cheshire",
    "city-of-london",
    "cleveland",
    "cumbria",
    "derbyshire",
    "devon-and-cornwall",
    "dorset",
    "durham",
    "dyfed-powys",
    "essex",
    "gloucestershire",
    "greater-manchester",
    "gwent",
    "hampshire-and-isle-of-wight",
    "hertfordshire",
    "humberside",
    "kent",
    "lancashire",
    "leicestershire",
    "lincolnshire",
    "merseyside",
    "metropolitan",
    "norfolk",
    "north-wales",
    "north-yorkshire",
    "northamptonshire",
    "northumbria",
    "nottinghamshire",
    "south-wales",
    "south-yorkshire",
    "staffordshire",
    "suffolk",
    "surrey",
    "sussex",
    "thames-valley",
    "warwickshire",
    "west-mercia",
    "west-midlands",
    "west-yorkshire",
    "wiltshire",
];

fn kb() -> KnowledgeBase {
    load_embedded().unwrap_or_else(|e| panic!("embedded knowledge base does not load:\n{e}"))
}

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("sources/peel").is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: ../shared (source pack and seed) is absent, so faithfulness to the sources is not checked");
        None
    }
}

#[test]
fn all_43_forces_present() {
    let kb = kb();
    let slugs: BTreeSet<&str> = kb.forces.iter().map(|f| f.slug.as_str()).collect();
    assert_eq!(slugs, SLUGS.into_iter().collect::<BTreeSet<_>>());
    assert_eq!(kb.forces.len(), 43, "a slug appears twice");
}

#[test]
fn directory_and_embedded_copies_agree() {
    let dir = load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
    assert_eq!(
        dir.version,
        kb().version,
        "rebuild: the embedded base is stale"
    );
}

#[test]
fn every_force_has_its_region_and_every_region_a_force() {
    let kb = kb();
    let mut per_region = vec![0usize; kb.regions.len()];
    for f in &kb.forces {
        let r = f
            .region
            .unwrap_or_else(|| panic!("{} has no region", f.slug));
        assert_eq!(kb.regions[r].nation, f.nation, "{}", f.slug);
        per_region[r] += 1;
    }
    let counts: Vec<(&str, usize)> = kb
        .regions
        .iter()
        .map(|r| r.name.as_str())
        .zip(per_region)
        .collect();
    // The nine ONS regions of England, and Wales.
    assert_eq!(
        counts,
        [
            ("North East", 3),
            ("North West", 5),
            ("Yorkshire and the Humber", 4),
            ("East Midlands", 5),
            ("West Midlands", 4),
            ("East of England", 6),
            ("London", 2),
            ("South East", 5),
            ("South West", 5),
            ("Wales", 4),
        ]
    );
}

#[test]
fn names_and_aliases_unique_across_forces() {
    let kb = kb();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for f in &kb.forces {
        for n in std::iter::once(&f.name)
            .chain(&f.aliases)
            .chain(&f.nicknames)
        {
            let key = peelbot::text::fold(n);
            if let Some(other) = owner.insert(key.clone(), &f.slug) {
                assert_eq!(other, f.slug, "{n:?} is claimed by {other} and {}", f.slug);
            }
        }
    }
}

#[test]
fn every_grade_is_on_its_cycle_scale() {
    let kb = kb();
    for f in &kb.forces {
        for i in &f.inspections {
            let cycle = &kb.cycles[i.cycle];
            for g in &i.grades {
                assert!(
                    cycle.scale.contains(&g.grade),
                    "{} {}: {:?}",
                    f.slug,
                    cycle.name,
                    g.grade
                );
                assert!(g.area < cycle.areas.len());
                assert!(
                    g.source.starts_with("http"),
                    "{} grade without a source URL",
                    f.slug
                );
            }
        }
    }
}

#[test]
fn every_quote_has_speaker_role_kind_and_source() {
    let kb = kb();
    let mut n = 0;
    for f in &kb.forces {
        for i in &f.inspections {
            for q in &i.quotes {
                assert!(
                    !q.speaker.trim().is_empty() && !q.role.trim().is_empty(),
                    "{}: {q:?}",
                    f.slug
                );
                assert!(
                    q.source.starts_with("https://") || q.source.starts_with("http://"),
                    "{}: {q:?}",
                    f.slug
                );
                n += 1;
            }
        }
    }
    assert!(n > 100, "only {n} quotes");
}

#[test]
fn every_force_findable_by_its_own_name_and_aliases() {
    let kb = kb();
    let engine = Engine::new(kb.clone(), &EngineConfig::default());
    for f in &kb.forces {
        for n in std::iter::once(&f.name)
            .chain(&f.aliases)
            .chain(&f.nicknames)
        {
            let a = engine.answer(&format!("{n} grades"));
            assert_eq!(
                a.forces.first(),
                Some(&f.slug),
                "{n:?} → {:?} ({:?})",
                a.forces,
                a.status
            );
        }
    }
}

#[test]
fn every_2023_25_area_links_to_its_2021_22_predecessor() {
    let kb = kb();
    let newest = kb.cycles.iter().find(|c| c.name == "PEEL 2023-25").unwrap();
    let older = kb.cycles.iter().find(|c| c.name == "PEEL 2021/22").unwrap();
    for a in &newest.areas {
        let prev = a.succeeds.map(|i| older.areas[i].name.as_str());
        assert!(prev.is_some(), "{} succeeds nothing", a.name);
    }
    let workplace = newest
        .areas
        .iter()
        .find(|a| a.name == "Developing a positive workplace")
        .unwrap();
    assert_eq!(
        older.areas[workplace.succeeds.unwrap()].name,
        "Building, supporting and protecting the workforce"
    );
}

/// Everything `[[...quote]]`-shaped in the pack: (speaker, role, kind, text, source).
fn pack_quotes(shared: &std::path::Path) -> Vec<(String, String, String, String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(shared.join("sources/peel")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let v: toml::Value = toml::from_str(&text).unwrap();
        for ins in v["inspection"].as_array().unwrap() {
            for q in ins
                .get("quote")
                .and_then(|q| q.as_array())
                .into_iter()
                .flatten()
            {
                let s = |k: &str| q[k].as_str().unwrap().to_string();
                out.push((s("speaker"), s("role"), s("kind"), s("text"), s("source")));
            }
        }
    }
    out
}

#[test]
fn every_quote_is_verbatim_from_the_pack_or_seed() {
    let Some(shared) = shared() else { return };
    let seed = std::fs::read_to_string(shared.join("seed/derbyshire-bbc-article.txt")).unwrap();
    let seed_url = "https://www.bbc.co.uk/news/uk-england-derbyshire-63744683";
    let pack: BTreeSet<String> = pack_quotes(&shared).into_iter().map(|q| q.3).collect();
    for f in &kb().forces {
        for i in &f.inspections {
            for q in i.quotes.iter().flat_map(|q| q.printings()) {
                let ok = if q.source == seed_url {
                    seed.contains(q.text)
                } else {
                    pack.contains(q.text)
                };
                assert!(
                    ok,
                    "{}: quote not verbatim in its source: {:?}",
                    f.slug, q.text
                );
            }
        }
    }
}

#[test]
fn every_pack_fact_is_carried_over() {
    let Some(shared) = shared() else { return };
    let kb = kb();
    for entry in std::fs::read_dir(shared.join("sources/peel")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let v: toml::Value = toml::from_str(&text).unwrap();
        let slug = v["slug"].as_str().unwrap();
        let force = kb.force(slug).unwrap_or_else(|| panic!("{slug} missing"));
        for ins in v["inspection"].as_array().unwrap() {
            let cycle = ins["cycle"].as_str().unwrap();
            let mine = force
                .inspections
                .iter()
                .find(|i| kb.cycles[i.cycle].name == cycle)
                .unwrap_or_else(|| panic!("{slug} {cycle} missing"));
            let published = ins["published"].as_str().unwrap();
            assert_eq!(
                mine.published.map(|d| d.to_string()).unwrap_or_default(),
                published,
                "{slug} {cycle} date"
            );
            assert_eq!(
                mine.inspector.clone().unwrap_or_default(),
                ins["inspector"].as_str().unwrap(),
                "{slug} {cycle} inspector"
            );
            for (area, grade) in ins
                .get("grades")
                .and_then(|g| g.as_table())
                .into_iter()
                .flatten()
            {
                let g = mine
                    .grades
                    .iter()
                    .find(|g| &g.wording == area)
                    .unwrap_or_else(|| panic!("{slug} {cycle}: grade for {area:?} missing"));
                assert_eq!(
                    g.grade.label(),
                    grade.as_str().unwrap(),
                    "{slug} {cycle} {area}"
                );
            }
            for f in ins
                .get("finding")
                .and_then(|f| f.as_array())
                .into_iter()
                .flatten()
            {
                let t = f["text"].as_str().unwrap();
                assert!(
                    mine.findings
                        .iter()
                        .any(|x| x.text == t && x.source == f["source"].as_str().unwrap()),
                    "{slug} {cycle}: finding missing: {t}"
                );
            }
            for q in ins
                .get("quote")
                .and_then(|q| q.as_array())
                .into_iter()
                .flatten()
            {
                // Kept as a quote, or as one outlet's printing of a longer wording.
                let t = q["text"].as_str().unwrap();
                let source = q["source"].as_str().unwrap();
                let found = mine
                    .quotes
                    .iter()
                    .find(|x| x.printings().any(|p| p.text == t && p.source == source))
                    .unwrap_or_else(|| panic!("{slug} {cycle}: quote missing: {t}"));
                assert_eq!(found.speaker, q["speaker"].as_str().unwrap());
                assert_eq!(found.role, q["role"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn every_seed_quote_is_answerable_and_cited_to_the_article() {
    let Some(shared) = shared() else { return };
    let seed = std::fs::read_to_string(shared.join("seed/derbyshire-bbc-article.txt")).unwrap();
    let kb = kb();
    let derbyshire = kb.force("derbyshire").unwrap();
    let seed_quotes: Vec<&str> = derbyshire
        .inspections
        .iter()
        .flat_map(|i| &i.quotes)
        .flat_map(|q| q.printings())
        .filter(|p| p.source == "https://www.bbc.co.uk/news/uk-england-derbyshire-63744683")
        .map(|p| p.text)
        .collect();
    // Every quoted sentence of the article (text between quotation marks) is held.
    // Quoted paragraphs open with a quotation mark and may run to the end of the line.
    let mut quoted = Vec::new();
    for line in seed.lines() {
        if let Some((_, rest)) = line.split_once('"') {
            let words = rest.split('"').next().unwrap_or(rest);
            quoted.push(words.trim().to_string());
        }
    }
    assert!(
        quoted.len() >= 10,
        "expected the article's quotes, found {}",
        quoted.len()
    );
    for q in quoted {
        assert!(
            seed_quotes
                .iter()
                .any(|s| s.trim_end_matches(',') == q.trim_end_matches(',')),
            "seed quote not in the base: {q}"
        );
    }
}
