//! The knowledge files exactly as written on disk: serde shapes with spans.
//!
//! Everything a curator can get wrong is optional or spanned here, so the
//! validator (see `load.rs`) can name the file, line and field of every
//! problem instead of stopping at serde's first complaint.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// Shorthand for an optional, spanned string field.
pub type Text = Option<Spanned<String>>;

/// `areas.toml`: the inspection cycles, their grade scales and canonical areas.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreasFile {
    #[serde(default)]
    pub cycle: Vec<Spanned<CycleRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CycleRaw {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub order: Option<Spanned<i64>>,
    #[serde(default)]
    pub scale: Vec<Spanned<String>>,
    #[serde(default)]
    pub years: Vec<Spanned<i64>>,
    pub note: Text,
    pub source: Text,
    #[serde(default)]
    pub area: Vec<Spanned<AreaRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaRaw {
    pub id: Text,
    pub name: Text,
    /// The plain-English short name reports and news use ("Good use of resources").
    pub short: Text,
    #[serde(default)]
    pub synonyms: Vec<Spanned<String>>,
    #[serde(default)]
    pub keywords: Vec<Spanned<String>>,
    pub succeeds: Text,
}

/// `glossary.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    #[serde(default)]
    pub term: Vec<Spanned<TermRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermRaw {
    pub term: Text,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub text: Text,
    pub source: Text,
}

/// `people.toml`: inspectors and office holders who are quoted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleFile {
    #[serde(default)]
    pub person: Vec<Spanned<PersonRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRaw {
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Who the person speaks for: "HMICFRS", or a force slug.
    pub organisation: Text,
    /// Roles seen in the sources, for display only; each quote keeps its own.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
}

/// `regions.toml`: the ONS regions of England, and Wales, that forces belong to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionsFile {
    #[serde(default)]
    pub region: Vec<Spanned<RegionRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRaw {
    pub name: Text,
    pub nation: Text,
    /// Other ways people name the region; a name two regions share means both ("Midlands").
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

/// `outlets.toml`: who publishes at a host, so a citation can say
/// "HMICFRS" or "BBC News" rather than a bare URL.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletsFile {
    #[serde(default)]
    pub outlet: Vec<Spanned<OutletRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletRaw {
    pub host: Text,
    pub name: Text,
    pub kind: Text,
}

/// `forces/<slug>.toml`: one territorial police force.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceFile {
    pub name: Text,
    pub slug: Text,
    pub nation: Text,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub nicknames: Vec<Spanned<String>>,
    /// Cities and towns the force polices, so "Liverpool police" finds Merseyside.
    #[serde(default)]
    pub places: Vec<Spanned<String>>,
    /// The ONS region (or Wales) the force belongs to, by its name in `regions.toml`.
    pub region: Text,
    pub note: Text,
    #[serde(default)]
    pub inspection: Vec<Spanned<InspectionRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionRaw {
    pub cycle: Text,
    pub published: Text,
    /// Where the publication date was read, when not the report itself.
    pub published_source: Text,
    pub inspector: Text,
    pub report_url: Text,
    /// Default source of the grades below when a grade names none.
    pub grades_source: Text,
    /// How many areas the inspectorate graded, where a source states it.
    pub areas_graded: Option<Spanned<i64>>,
    /// Grade word → how many areas got it, where a source states it.
    #[serde(default)]
    pub grade_counts: Option<Spanned<BTreeMap<Spanned<String>, Spanned<i64>>>>,
    pub counts_source: Text,
    pub note: Text,
    #[serde(default)]
    pub grade: Vec<Spanned<GradeRaw>>,
    #[serde(default)]
    pub finding: Vec<Spanned<FindingRaw>>,
    #[serde(default)]
    pub concern: Vec<Spanned<ConcernRaw>>,
    #[serde(default)]
    pub quote: Vec<Spanned<QuoteRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRaw {
    /// The source's own wording of the area.
    pub area: Text,
    pub grade: Text,
    pub source: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRaw {
    pub text: Text,
    pub source: Text,
    pub published: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernRaw {
    /// "cause of concern" or "area for improvement".
    pub kind: Text,
    pub text: Text,
    pub source: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRaw {
    pub speaker: Text,
    pub role: Text,
    pub kind: Text,
    pub text: Text,
    pub source: Text,
    /// Date of the page the quote was read from, when known.
    pub published: Text,
    /// When the words were said (`YYYY-MM-DD` or `YYYY-MM`), where a pack
    /// comment or a finding gives it.
    pub said: Text,
}
