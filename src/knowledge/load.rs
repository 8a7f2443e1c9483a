//! Loading and validating the knowledge base from files.
//!
//! All files are parsed and checked before anything is built, and every
//! problem is collected, so a curator sees the full list in one run and a bad
//! file never yields a half-loaded base.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::model::*;
use super::problem::{LoadError, Problem};
use super::raw::{self, Text};
use super::said::reprint_date;
use crate::text::fold;

/// One knowledge file: its path relative to the knowledge directory, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// The shared files every knowledge base has, besides `forces/*.toml`.
pub const AREAS_FILE: &str = "areas.toml";
pub const GLOSSARY_FILE: &str = "glossary.toml";
pub const PEOPLE_FILE: &str = "people.toml";
pub const OUTLETS_FILE: &str = "outlets.toml";
pub const REGIONS_FILE: &str = "regions.toml";

/// Reads every `.toml` file of a knowledge directory (shared files at the top,
/// forces under `forces/`) and loads them.
pub fn load_dir(dir: &Path) -> Result<KnowledgeBase, LoadError> {
    let origin = dir.display().to_string();
    let fail = |file: &str, message: String| LoadError {
        origin: origin.clone(),
        problems: vec![Problem {
            file: file.to_string(),
            line: 0,
            field: String::new(),
            message,
        }],
    };
    let mut files = Vec::new();
    for name in [
        AREAS_FILE,
        GLOSSARY_FILE,
        PEOPLE_FILE,
        OUTLETS_FILE,
        REGIONS_FILE,
    ] {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(SourceFile {
                path: name.to_string(),
                text,
            }),
            // Regions are optional: a base without them simply has none.
            Err(e) if name == REGIONS_FILE && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail(name, format!("cannot read {}: {e}", path.display()))),
        }
    }
    let forces_dir = dir.join("forces");
    let entries = std::fs::read_dir(&forces_dir).map_err(|e| {
        fail(
            "forces/",
            format!("cannot read {}: {e}", forces_dir.display()),
        )
    })?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| fail("forces/", e.to_string()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            names.push(name);
        }
    }
    names.sort();
    for name in names {
        let rel = format!("forces/{name}");
        let text = std::fs::read_to_string(forces_dir.join(&name))
            .map_err(|e| fail(&rel, format!("cannot read: {e}")))?;
        files.push(SourceFile { path: rel, text });
    }
    load_files(&origin, &files)
}

/// Loads a knowledge base from in-memory files (the embedded copy, or tests).
pub fn load_files(origin: &str, files: &[SourceFile]) -> Result<KnowledgeBase, LoadError> {
    let mut problems = Vec::new();
    let find = |name: &str| files.iter().find(|f| f.path == name);

    let mut cycles = Vec::new();
    let mut glossary = Vec::new();
    let mut people = Vec::new();
    let mut outlets = Vec::new();
    let mut regions = Vec::new();
    for (name, required) in [
        (AREAS_FILE, true),
        (GLOSSARY_FILE, false),
        (PEOPLE_FILE, false),
        (OUTLETS_FILE, false),
        (REGIONS_FILE, false),
    ] {
        let Some(file) = find(name) else {
            if required {
                problems.push(Problem {
                    file: name.to_string(),
                    line: 0,
                    field: String::new(),
                    message: "file is missing".into(),
                });
            }
            continue;
        };
        let mut cx = Cx::new(file, &mut problems);
        match name {
            AREAS_FILE => {
                if let Some(f) = cx.parse::<raw::AreasFile>() {
                    cycles = cx.cycles(f);
                }
            }
            GLOSSARY_FILE => {
                if let Some(f) = cx.parse::<raw::GlossaryFile>() {
                    glossary = cx.glossary(f);
                }
            }
            PEOPLE_FILE => {
                if let Some(f) = cx.parse::<raw::PeopleFile>() {
                    people = cx.people(f);
                }
            }
            OUTLETS_FILE => {
                if let Some(f) = cx.parse::<raw::OutletsFile>() {
                    outlets = cx.outlets(f);
                }
            }
            _ => {
                if let Some(f) = cx.parse::<raw::RegionsFile>() {
                    regions = cx.regions(f);
                }
            }
        }
    }

    let lookup = Lookup::new(&cycles, &people, &regions);
    let mut forces: Vec<LoadedForce> = Vec::new();
    for file in files.iter().filter(|f| f.path.starts_with("forces/")) {
        let mut cx = Cx::new(file, &mut problems);
        if let Some(raw) = cx.parse::<raw::ForceFile>() {
            if let Some(force) = cx.force(raw, &lookup) {
                forces.push(force);
            }
        }
    }
    if forces.is_empty() && !files.iter().any(|f| f.path.starts_with("forces/")) {
        problems.push(Problem {
            file: "forces/".into(),
            line: 0,
            field: String::new(),
            message: "no force files found".into(),
        });
    }
    check_names(files, &forces, &mut problems);

    if !problems.is_empty() {
        return Err(LoadError {
            origin: origin.to_string(),
            problems,
        });
    }
    let mut forces: Vec<Force> = forces.into_iter().map(|(f, _, _)| f).collect();
    forces.sort_by(|a, b| a.name.cmp(&b.name));
    for force in &mut forces {
        for ins in &mut force.inspections {
            super::said::date_quotes(ins, &outlets);
            super::sentences::merge(ins);
        }
    }
    Ok(KnowledgeBase {
        cycles,
        forces,
        glossary,
        people,
        outlets,
        regions,
        origin: origin.to_string(),
        version: version(files),
    })
}

/// Duplicate slugs, and names or aliases claimed by two forces.
fn check_names(files: &[SourceFile], forces: &[LoadedForce], problems: &mut Vec<Problem>) {
    let mut slugs: HashMap<&str, &str> = HashMap::new();
    let mut names: HashMap<String, &str> = HashMap::new();
    for (force, file, spans) in forces {
        let text = files
            .iter()
            .find(|f| &f.path == file)
            .map(|f| f.text.as_str())
            .unwrap_or("");
        if let Some(other) = slugs.insert(&force.slug, file) {
            problems.push(Problem {
                file: file.clone(),
                line: 1,
                field: "slug".into(),
                message: format!("duplicate slug \"{}\" (also in {other})", force.slug),
            });
        }
        for (name, span) in spans {
            let key = fold(name);
            match names.get(&key) {
                Some(owner) if *owner != force.slug => problems.push(Problem {
                    file: file.clone(),
                    line: line_of(text, span.start),
                    field: "aliases".into(),
                    message: format!("name \"{name}\" is already claimed by force \"{owner}\""),
                }),
                _ => {
                    names.insert(key, &force.slug);
                }
            }
        }
    }
}

/// FNV-1a over every file, as a short version tag.
fn version(files: &[SourceFile]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut sorted: Vec<&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for f in sorted {
        for b in f.path.bytes().chain(f.text.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:012x}", h >> 16)
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// True for an absolute http(s) URL with a host and no spaces.
pub fn valid_url(url: &str) -> bool {
    url_host(url).is_some() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A loaded force, the file it came from, and every name it claims (with spans).
type LoadedForce = (Force, String, Vec<(String, Range<usize>)>);

/// Names the loader resolves references against.
struct Lookup {
    cycles: HashMap<String, usize>,
    areas: Vec<HashMap<String, usize>>,
    scales: Vec<Vec<Grade>>,
    people: HashMap<String, usize>,
    has_people: bool,
    regions: HashMap<String, usize>,
    region_nations: Vec<Nation>,
}

impl Lookup {
    fn new(cycles: &[Cycle], people: &[Person], regions: &[Region]) -> Lookup {
        let mut by_name = HashMap::new();
        let mut areas = Vec::new();
        for (i, c) in cycles.iter().enumerate() {
            for n in std::iter::once(&c.id)
                .chain(std::iter::once(&c.name))
                .chain(&c.aliases)
            {
                by_name.insert(fold(n), i);
            }
            let mut map = HashMap::new();
            for (j, a) in c.areas.iter().enumerate() {
                for n in std::iter::once(&a.name).chain(&a.short).chain(&a.synonyms) {
                    map.entry(fold(n)).or_insert(j);
                }
            }
            areas.push(map);
        }
        let mut ppl = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                ppl.insert(fold(n), i);
            }
        }
        Lookup {
            cycles: by_name,
            areas,
            scales: cycles.iter().map(|c| c.scale.clone()).collect(),
            people: ppl,
            has_people: !people.is_empty(),
            regions: regions
                .iter()
                .enumerate()
                .map(|(i, r)| (fold(&r.name), i))
                .collect(),
            region_nations: regions.iter().map(|r| r.nation).collect(),
        }
    }
}

/// The file being checked, and where its problems go.
struct Cx<'a> {
    file: &'a SourceFile,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Cx<'a> {
    fn new(file: &'a SourceFile, problems: &'a mut Vec<Problem>) -> Cx<'a> {
        Cx { file, problems }
    }

    fn report(&mut self, span: Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.path.clone(),
            line: line_of(&self.file.text, span.start),
            field: field.into(),
            message: message.into(),
        });
    }

    fn parse<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        match toml::from_str::<T>(&self.file.text) {
            Ok(v) => Some(v),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().to_string();
                let field = message
                    .strip_prefix("unknown field `")
                    .and_then(|r| r.split('`').next())
                    .or_else(|| {
                        message
                            .strip_prefix("missing field `")
                            .and_then(|r| r.split('`').next())
                    })
                    .unwrap_or("")
                    .to_string();
                self.report(span, field, message);
                None
            }
        }
    }

    /// A required, non-empty string; reports it missing at the table's line.
    fn required(&mut self, value: &Text, table: &Range<usize>, field: &str) -> Option<String> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => Some(v.get_ref().trim().to_string()),
            Some(v) => {
                self.report(v.span(), field, "must not be empty");
                None
            }
            None => {
                self.report(table.clone(), field, "is missing");
                None
            }
        }
    }

    /// An optional string; empty means absent (the source pack writes `""` for unknown).
    fn optional(value: &Text) -> Option<String> {
        value
            .as_ref()
            .map(|v| v.get_ref().trim().to_string())
            .filter(|v| !v.is_empty())
    }

    fn url(&mut self, value: &Text, field: &str) -> Option<String> {
        let v = value.as_ref()?;
        let s = v.get_ref().trim();
        if s.is_empty() {
            return None;
        }
        if !valid_url(s) {
            self.report(
                v.span(),
                field,
                format!("malformed URL \"{s}\" (expected http:// or https:// with a host)"),
            );
            return None;
        }
        Some(s.to_string())
    }

    fn required_url(&mut self, value: &Text, table: &Range<usize>, field: &str) -> Option<String> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => self.url(value, field),
            _ => {
                let span = value.as_ref().map(|v| v.span()).unwrap_or(table.clone());
                self.report(span, field, "missing source URL");
                None
            }
        }
    }

    fn date(&mut self, value: &Text, field: &str) -> Option<Date> {
        self.parsed(value, field, Date::parse, "YYYY-MM-DD")
    }

    fn said(&mut self, value: &Text, field: &str) -> Option<Said> {
        self.parsed(value, field, Said::parse, "YYYY-MM-DD or YYYY-MM")
    }

    /// An optional date field: absent or empty is `None`; a value `parse`
    /// rejects is reported as malformed, with the form expected.
    fn parsed<T>(
        &mut self,
        value: &Text,
        field: &str,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let v = value.as_ref()?;
        let s = v.get_ref().trim();
        if s.is_empty() {
            return None;
        }
        let d = parse(s);
        if d.is_none() {
            self.report(
                v.span(),
                field,
                format!("malformed date \"{s}\" (expected {expected})"),
            );
        }
        d
    }

    fn strings(list: &[Spanned<String>]) -> Vec<String> {
        list.iter()
            .map(|s| s.get_ref().trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn cycles(&mut self, file: raw::AreasFile) -> Vec<Cycle> {
        let mut out: Vec<(Cycle, Vec<Option<Spanned<String>>>)> = Vec::new();
        for (ci, c) in file.cycle.iter().enumerate() {
            let span = c.span();
            let c = c.get_ref();
            let at = format!("cycle[{ci}]");
            let id = self.required(&c.id, &span, &format!("{at}.id"));
            let name = self.required(&c.name, &span, &format!("{at}.name"));
            let order = match &c.order {
                Some(o) => *o.get_ref(),
                None => {
                    self.report(span.clone(), format!("{at}.order"), "is missing");
                    0
                }
            };
            let mut scale = Vec::new();
            for (i, g) in c.scale.iter().enumerate() {
                match Grade::parse(g.get_ref()) {
                    Some(g) => scale.push(g),
                    None => self.report(
                        g.span(),
                        format!("{at}.scale[{i}]"),
                        unknown_grade(g.get_ref()),
                    ),
                }
            }
            if c.scale.is_empty() {
                self.report(span.clone(), format!("{at}.scale"), "is missing or empty");
            }
            let mut years = Vec::new();
            for (i, y) in c.years.iter().enumerate() {
                match u16::try_from(*y.get_ref()) {
                    Ok(v) if (1900..=2100).contains(&v) => years.push(v),
                    _ => self.report(y.span(), format!("{at}.years[{i}]"), "not a plausible year"),
                }
            }
            let source = self.url(&c.source, &format!("{at}.source"));
            let mut areas = Vec::new();
            let mut succeeds = Vec::new();
            let mut seen: HashMap<String, String> = HashMap::new();
            for (ai, a) in c.area.iter().enumerate() {
                let aspan = a.span();
                let a = a.get_ref();
                let aat = format!("{at}.area[{ai}]");
                let aid = self.required(&a.id, &aspan, &format!("{aat}.id"));
                let aname = self.required(&a.name, &aspan, &format!("{aat}.name"));
                let (Some(aid), Some(aname)) = (aid, aname) else {
                    continue;
                };
                if areas.iter().any(|x: &Area| x.id == aid) {
                    self.report(
                        aspan.clone(),
                        format!("{aat}.id"),
                        format!("duplicate area id \"{aid}\""),
                    );
                }
                let short = Self::optional(&a.short);
                for (wi, w) in std::iter::once(&aname)
                    .chain(short.iter())
                    .chain(&Self::strings(&a.synonyms))
                    .enumerate()
                {
                    if let Some(other) = seen.insert(fold(w), aid.clone()) {
                        if other != aid {
                            let field = if wi == 0 {
                                format!("{aat}.name")
                            } else {
                                format!("{aat}.synonyms")
                            };
                            self.report(
                                aspan.clone(),
                                field,
                                format!("\"{w}\" also names area \"{other}\""),
                            );
                        }
                    }
                }
                areas.push(Area {
                    id: aid,
                    name: aname,
                    short: Self::optional(&a.short),
                    synonyms: Self::strings(&a.synonyms),
                    keywords: Self::strings(&a.keywords),
                    succeeds: None,
                });
                succeeds.push(a.succeeds.clone());
            }
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            if out.iter().any(|(x, _)| x.id == id) {
                self.report(
                    span.clone(),
                    format!("{at}.id"),
                    format!("duplicate cycle id \"{id}\""),
                );
            }
            out.push((
                Cycle {
                    id,
                    name,
                    aliases: Self::strings(&c.aliases),
                    order,
                    scale,
                    years,
                    note: Self::optional(&c.note),
                    source,
                    areas,
                },
                succeeds,
            ));
        }
        out.sort_by_key(|c| std::cmp::Reverse(c.0.order));
        // Link each area to the one it succeeds in the next older cycle.
        for i in 0..out.len() {
            let older: Option<Vec<String>> = out
                .get(i + 1)
                .map(|(c, _)| c.areas.iter().map(|a| a.id.clone()).collect());
            let cycle_id = out[i].0.id.clone();
            for j in 0..out[i].0.areas.len() {
                let explicit = out[i].1[j].clone();
                let Some(older) = &older else {
                    if let Some(s) = explicit {
                        self.report(
                            s.span(),
                            format!("cycle \"{cycle_id}\".succeeds"),
                            "no older cycle to succeed",
                        );
                    }
                    continue;
                };
                let want = explicit
                    .as_ref()
                    .map(|s| s.get_ref().clone())
                    .unwrap_or_else(|| out[i].0.areas[j].id.clone());
                let found = older.iter().position(|id| *id == want);
                if found.is_none() {
                    if let Some(s) = &explicit {
                        self.report(
                            s.span(),
                            format!("cycle \"{cycle_id}\".area.succeeds"),
                            format!("no area \"{want}\" in the previous cycle"),
                        );
                    }
                }
                out[i].0.areas[j].succeeds = found;
            }
        }
        if out.is_empty() {
            self.report(0..0, "cycle", "no cycles defined");
        }
        out.into_iter().map(|(c, _)| c).collect()
    }

    fn glossary(&mut self, file: raw::GlossaryFile) -> Vec<Term> {
        let mut out = Vec::new();
        for (i, t) in file.term.iter().enumerate() {
            let span = t.span();
            let t = t.get_ref();
            let at = format!("term[{i}]");
            let term = self.required(&t.term, &span, &format!("{at}.term"));
            let text = self.required(&t.text, &span, &format!("{at}.text"));
            let source = self.required_url(&t.source, &span, &format!("{at}.source"));
            if let (Some(term), Some(text), Some(source)) = (term, text, source) {
                out.push(Term {
                    term,
                    aliases: Self::strings(&t.aliases),
                    text,
                    source,
                });
            }
        }
        out
    }

    fn people(&mut self, file: raw::PeopleFile) -> Vec<Person> {
        let mut out: Vec<Person> = Vec::new();
        for (i, p) in file.person.iter().enumerate() {
            let span = p.span();
            let p = p.get_ref();
            let Some(name) = self.required(&p.name, &span, &format!("person[{i}].name")) else {
                continue;
            };
            if out.iter().any(|x| fold(&x.name) == fold(&name)) {
                self.report(
                    span.clone(),
                    format!("person[{i}].name"),
                    format!("duplicate person \"{name}\""),
                );
            }
            out.push(Person {
                name,
                aliases: Self::strings(&p.aliases),
                organisation: Self::optional(&p.organisation),
                roles: Self::strings(&p.roles),
            });
        }
        out
    }

    fn outlets(&mut self, file: raw::OutletsFile) -> Vec<Outlet> {
        let mut out = Vec::new();
        for (i, o) in file.outlet.iter().enumerate() {
            let span = o.span();
            let o = o.get_ref();
            let at = format!("outlet[{i}]");
            let host = self.required(&o.host, &span, &format!("{at}.host"));
            let name = self.required(&o.name, &span, &format!("{at}.name"));
            let kind = self.required(&o.kind, &span, &format!("{at}.kind"));
            let kind = kind.and_then(|k| {
                let parsed = OutletKind::parse(&k);
                if parsed.is_none() {
                    let s = o.kind.as_ref().map(|v| v.span()).unwrap_or(span.clone());
                    self.report(s, format!("{at}.kind"), format!("unknown outlet kind \"{k}\" (expected inspectorate, news, force, commissioner, government, reprint or other)"));
                }
                parsed
            });
            if let (Some(host), Some(name), Some(kind)) = (host, name, kind) {
                out.push(Outlet {
                    host: host.trim_start_matches("www.").to_ascii_lowercase(),
                    name,
                    kind,
                });
            }
        }
        out
    }

    fn regions(&mut self, file: raw::RegionsFile) -> Vec<Region> {
        let mut out: Vec<Region> = Vec::new();
        for (i, r) in file.region.iter().enumerate() {
            let span = r.span();
            let r = r.get_ref();
            let at = format!("region[{i}]");
            let name = self.required(&r.name, &span, &format!("{at}.name"));
            let nation = self.nation(&r.nation, &span, &format!("{at}.nation"));
            if let Some(n) = &name {
                if out.iter().any(|x| fold(&x.name) == fold(n)) {
                    self.report(
                        span.clone(),
                        format!("{at}.name"),
                        format!("duplicate region \"{n}\""),
                    );
                }
            }
            if let (Some(name), Some(nation)) = (name, nation) {
                out.push(Region {
                    name,
                    nation,
                    aliases: Self::strings(&r.aliases),
                });
            }
        }
        out
    }

    /// "England" or "Wales".
    fn nation(&mut self, value: &Text, table: &Range<usize>, field: &str) -> Option<Nation> {
        match self.required(value, table, field).as_deref() {
            Some("England") => Some(Nation::England),
            Some("Wales") => Some(Nation::Wales),
            Some(other) => {
                let span = value.as_ref().map(|v| v.span()).unwrap_or(table.clone());
                self.report(
                    span,
                    field,
                    format!("unknown nation \"{other}\" (expected England or Wales)"),
                );
                None
            }
            None => None,
        }
    }

    /// A force, the file it came from, and every name it claims (with spans).
    fn force(&mut self, f: raw::ForceFile, lookup: &Lookup) -> Option<LoadedForce> {
        let whole = 0..0;
        let name = self.required(&f.name, &whole, "name");
        let slug = self.required(&f.slug, &whole, "slug");
        if let (Some(slug), Some(s)) = (&slug, &f.slug) {
            let expected = format!("forces/{slug}.toml");
            if self.file.path != expected {
                self.report(
                    s.span(),
                    "slug",
                    format!("slug \"{slug}\" does not match the file name (expected {expected})"),
                );
            }
            if !slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                self.report(
                    s.span(),
                    "slug",
                    "slug must be lower-case letters, digits and hyphens",
                );
            }
        }
        let nation = self.nation(&f.nation, &whole, "nation");
        let region = f.region.as_ref().and_then(|r| {
            let found = lookup.regions.get(&fold(r.get_ref())).copied();
            if found.is_none() {
                self.report(
                    r.span(),
                    "region",
                    format!("unknown region \"{}\" (see {REGIONS_FILE})", r.get_ref()),
                );
            }
            if let (Some(n), Some(i)) = (nation, found) {
                if lookup.region_nations[i] != n {
                    self.report(
                        r.span(),
                        "region",
                        format!(
                            "region \"{}\" is in {}, but the force's nation is {}",
                            r.get_ref(),
                            lookup.region_nations[i].label(),
                            n.label()
                        ),
                    );
                }
            }
            found
        });
        let mut claimed = Vec::new();
        if let Some(n) = &f.name {
            claimed.push((n.get_ref().clone(), n.span()));
        }
        for a in f.aliases.iter().chain(&f.nicknames).chain(&f.places) {
            claimed.push((a.get_ref().clone(), a.span()));
        }
        let mut inspections = Vec::new();
        for (i, ins) in f.inspection.iter().enumerate() {
            if let Some(ins) = self.inspection(i, ins, lookup) {
                if inspections
                    .iter()
                    .any(|x: &Inspection| x.cycle == ins.cycle)
                {
                    self.report(
                        f.inspection[i].span(),
                        format!("inspection[{i}].cycle"),
                        "a second inspection of the same cycle",
                    );
                }
                inspections.push(ins);
            }
        }
        inspections.sort_by_key(|i| i.cycle);
        let force = Force {
            slug: slug?,
            name: name?,
            nation: nation?,
            aliases: Self::strings(&f.aliases),
            nicknames: Self::strings(&f.nicknames),
            places: Self::strings(&f.places),
            region,
            note: Self::optional(&f.note),
            inspections,
        };
        Some((force, self.file.path.clone(), claimed))
    }

    fn inspection(
        &mut self,
        i: usize,
        ins: &Spanned<raw::InspectionRaw>,
        lookup: &Lookup,
    ) -> Option<Inspection> {
        let span = ins.span();
        let ins = ins.get_ref();
        let at = format!("inspection[{i}]");
        let cycle_name = self.required(&ins.cycle, &span, &format!("{at}.cycle"));
        let cycle = cycle_name.as_ref().and_then(|c| {
            let found = lookup.cycles.get(&fold(c)).copied();
            if found.is_none() {
                let s = ins.cycle.as_ref().map(|v| v.span()).unwrap_or(span.clone());
                self.report(
                    s,
                    format!("{at}.cycle"),
                    format!("unknown cycle \"{c}\" (see {AREAS_FILE})"),
                );
            }
            found
        });
        let published = self.date(&ins.published, &format!("{at}.published"));
        let published_source = self.url(&ins.published_source, &format!("{at}.published_source"));
        let inspector = Self::optional(&ins.inspector);
        if let (Some(name), Some(v)) = (&inspector, &ins.inspector) {
            if lookup.has_people && !lookup.people.contains_key(&fold(name)) {
                self.report(
                    v.span(),
                    format!("{at}.inspector"),
                    format!("unknown person \"{name}\" (add them to {PEOPLE_FILE})"),
                );
            }
        }
        let report_url = self.url(&ins.report_url, &format!("{at}.report_url"));
        let grades_source = self.url(&ins.grades_source, &format!("{at}.grades_source"));
        let counts_source = self.url(&ins.counts_source, &format!("{at}.counts_source"));
        let scale = cycle.map(|c| lookup.scales[c].clone()).unwrap_or_default();

        let mut grades = Vec::new();
        for (gi, g) in ins.grade.iter().enumerate() {
            let gspan = g.span();
            let g = g.get_ref();
            let gat = format!("{at}.grade[{gi}]");
            let wording = self.required(&g.area, &gspan, &format!("{gat}.area"));
            let area = match (&wording, cycle) {
                (Some(w), Some(c)) => {
                    let found = lookup.areas[c].get(&fold(w)).copied();
                    if found.is_none() {
                        let s = g.area.as_ref().map(|v| v.span()).unwrap_or(gspan.clone());
                        self.report(s, format!("{gat}.area"), format!("area \"{w}\" maps to no canonical area of {} (add it as a synonym in {AREAS_FILE})", cycle_name.as_deref().unwrap_or("")));
                    }
                    found
                }
                _ => None,
            };
            let grade = self
                .required(&g.grade, &gspan, &format!("{gat}.grade"))
                .and_then(|w| {
                    let s = g.grade.as_ref().map(|v| v.span()).unwrap_or(gspan.clone());
                    match Grade::parse(&w) {
                        None => {
                            self.report(s, format!("{gat}.grade"), unknown_grade(&w));
                            None
                        }
                        Some(gr) if cycle.is_some() && !scale.contains(&gr) => {
                            self.report(
                                s,
                                format!("{gat}.grade"),
                                format!(
                                    "grade \"{w}\" is not on the {} scale",
                                    cycle_name.as_deref().unwrap_or("")
                                ),
                            );
                            None
                        }
                        Some(gr) => Some(gr),
                    }
                });
            let source = match &g.source {
                Some(_) => self.url(&g.source, &format!("{gat}.source")),
                None => match &grades_source {
                    Some(s) => Some(s.clone()),
                    None => {
                        self.report(gspan.clone(), format!("{gat}.source"), "missing source URL (set grade.source or the inspection's grades_source)");
                        None
                    }
                },
            };
            if let (Some(area), Some(wording), Some(grade), Some(source)) =
                (area, wording, grade, source)
            {
                grades.push(AreaGrade {
                    area,
                    wording,
                    grade,
                    source,
                });
            }
        }

        let areas_graded =
            ins.areas_graded
                .as_ref()
                .and_then(|n| match u32::try_from(*n.get_ref()) {
                    Ok(v) if v > 0 => Some(v),
                    _ => {
                        self.report(
                            n.span(),
                            format!("{at}.areas_graded"),
                            "must be a positive number",
                        );
                        None
                    }
                });
        let mut grade_counts = Vec::new();
        if let Some(counts) = &ins.grade_counts {
            for (word, n) in counts.get_ref() {
                let field = format!("{at}.grade_counts");
                match (Grade::parse(word.get_ref()), u32::try_from(*n.get_ref())) {
                    (None, _) => self.report(word.span(), field, unknown_grade(word.get_ref())),
                    (_, Err(_)) => self.report(n.span(), field, "count must not be negative"),
                    (Some(g), Ok(v)) => grade_counts.push((g, v)),
                }
            }
            grade_counts.sort();
            let sum: u32 = grade_counts.iter().map(|(_, n)| n).sum();
            if let Some(total) = areas_graded {
                if sum != total {
                    self.report(
                        counts.span(),
                        format!("{at}.grade_counts"),
                        format!("counts add up to {sum}, but areas_graded is {total}"),
                    );
                }
            }
            if counts_source.is_none() && grades_source.is_none() && report_url.is_none() {
                self.report(
                    counts.span(),
                    format!("{at}.counts_source"),
                    "missing source URL for the grade counts",
                );
            }
            // More listed grades than a count says is kept, not rejected: the
            // sources sometimes disagree, and the inspection's note says so.
        }

        let mut findings = Vec::new();
        for (fi, f) in ins.finding.iter().enumerate() {
            let fspan = f.span();
            let f = f.get_ref();
            let fat = format!("{at}.finding[{fi}]");
            let text = self.required(&f.text, &fspan, &format!("{fat}.text"));
            let source = self.required_url(&f.source, &fspan, &format!("{fat}.source"));
            let published = self.date(&f.published, &format!("{fat}.published"));
            if let (Some(text), Some(source)) = (text, source) {
                findings.push(Finding {
                    text,
                    source,
                    published,
                });
            }
        }

        let mut concerns = Vec::new();
        for (ki, k) in ins.concern.iter().enumerate() {
            let kspan = k.span();
            let k = k.get_ref();
            let kat = format!("{at}.concern[{ki}]");
            let kind = self.required(&k.kind, &kspan, &format!("{kat}.kind")).and_then(|w| match fold(&w).as_str() {
                "cause of concern" => Some(ConcernKind::CauseOfConcern),
                "area for improvement" => Some(ConcernKind::AreaForImprovement),
                _ => {
                    let s = k.kind.as_ref().map(|v| v.span()).unwrap_or(kspan.clone());
                    self.report(s, format!("{kat}.kind"), format!("unknown kind \"{w}\" (expected \"cause of concern\" or \"area for improvement\")"));
                    None
                }
            });
            let text = self.required(&k.text, &kspan, &format!("{kat}.text"));
            let source = self.required_url(&k.source, &kspan, &format!("{kat}.source"));
            if let (Some(kind), Some(text), Some(source)) = (kind, text, source) {
                concerns.push(Concern { kind, text, source });
            }
        }

        let mut quotes = Vec::new();
        for (qi, q) in ins.quote.iter().enumerate() {
            let qspan = q.span();
            let q = q.get_ref();
            let qat = format!("{at}.quote[{qi}]");
            let speaker = self.required(&q.speaker, &qspan, &format!("{qat}.speaker"));
            if let (Some(name), Some(v)) = (&speaker, &q.speaker) {
                if lookup.has_people && !lookup.people.contains_key(&fold(name)) {
                    self.report(
                        v.span(),
                        format!("{qat}.speaker"),
                        format!("unknown person \"{name}\" (add them to {PEOPLE_FILE})"),
                    );
                }
            }
            let role = self.required(&q.role, &qspan, &format!("{qat}.role"));
            let kind = self.required(&q.kind, &qspan, &format!("{qat}.kind")).and_then(|w| match w.as_str() {
                "inspector" => Some(QuoteKind::Inspector),
                "response" => Some(QuoteKind::Response),
                _ => {
                    let s = q.kind.as_ref().map(|v| v.span()).unwrap_or(qspan.clone());
                    self.report(s, format!("{qat}.kind"), format!("unknown quote kind \"{w}\" (expected \"inspector\" or \"response\")"));
                    None
                }
            });
            // Quote text is kept exactly, not trimmed: it must match the source verbatim.
            let text = match &q.text {
                Some(t) if !t.get_ref().trim().is_empty() => Some(t.get_ref().clone()),
                _ => {
                    self.report(qspan.clone(), format!("{qat}.text"), "is missing");
                    None
                }
            };
            let source = self.required_url(&q.source, &qspan, &format!("{qat}.source"));
            let published = self.date(&q.published, &format!("{qat}.published"));
            let said = self.said(&q.said, &format!("{qat}.said"));
            if let (Some(said), Some(page), Some(v)) = (
                said,
                published.or_else(|| source.as_deref().and_then(reprint_date)),
                &q.said,
            ) {
                if said.after(page) {
                    self.report(
                        v.span(),
                        format!("{qat}.said"),
                        format!("said {said} is after the date of its source page, {page}"),
                    );
                }
            }
            if let (Some(speaker), Some(role), Some(kind), Some(text), Some(source)) =
                (speaker, role, kind, text, source)
            {
                quotes.push(Quote {
                    speaker,
                    role,
                    kind,
                    text,
                    source,
                    published,
                    said,
                    said_basis: said.map(|_| SaidBasis::Stated),
                    also: Vec::new(),
                });
            }
        }

        Some(Inspection {
            cycle: cycle?,
            published,
            published_source,
            inspector,
            report_url,
            grades_source,
            areas_graded,
            grade_counts,
            counts_source,
            note: Self::optional(&ins.note),
            grades,
            findings,
            concerns,
            quotes,
        })
    }
}

fn unknown_grade(word: &str) -> String {
    format!(
        "unknown grade word \"{word}\" (expected one of: {})",
        Grade::ALL.map(|g| g.label()).join(", ")
    )
}
