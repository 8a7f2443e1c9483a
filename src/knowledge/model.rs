//! The validated knowledge base: what the engine reads.
//!
//! Built only by the loader, so every value here has already been checked:
//! grades are real grade words, every area is canonical, every fact has a URL.

use std::fmt;

/// A PEEL grade. Ordered from best to worst so sorting puts the worst last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Outstanding,
    Good,
    Adequate,
    RequiresImprovement,
    Inadequate,
}

impl Grade {
    /// Every grade word, best first.
    pub const ALL: [Grade; 5] = [
        Grade::Outstanding,
        Grade::Good,
        Grade::Adequate,
        Grade::RequiresImprovement,
        Grade::Inadequate,
    ];

    /// The grade as the inspectorate writes it ("Requires improvement").
    pub fn label(self) -> &'static str {
        match self {
            Grade::Outstanding => "Outstanding",
            Grade::Good => "Good",
            Grade::Adequate => "Adequate",
            Grade::RequiresImprovement => "Requires improvement",
            Grade::Inadequate => "Inadequate",
        }
    }

    /// Lower-case form for running text ("requires improvement").
    pub fn lower(self) -> &'static str {
        match self {
            Grade::Outstanding => "outstanding",
            Grade::Good => "good",
            Grade::Adequate => "adequate",
            Grade::RequiresImprovement => "requires improvement",
            Grade::Inadequate => "inadequate",
        }
    }

    /// Parses a grade word, ignoring case and surrounding space.
    pub fn parse(word: &str) -> Option<Grade> {
        let w = word.trim().to_ascii_lowercase();
        Grade::ALL.into_iter().find(|g| g.lower() == w)
    }

    /// True for the grades that mean the force must improve.
    pub fn needs_improvement(self) -> bool {
        matches!(self, Grade::RequiresImprovement | Grade::Inadequate)
    }
}

/// A grade serializes as the inspectorate writes it ("Requires improvement").
impl serde::Serialize for Grade {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A calendar date as the sources give it (no time zone, no time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists in that month.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days && year >= 1900).then_some(Date { year, month, day })
    }

    /// "25 November 2022", for answers people read.
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A day, or only a month when that is all the evidence gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Said {
    pub year: u16,
    pub month: u8,
    pub day: Option<u8>,
}

impl Said {
    /// Parses `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Said> {
        let s = s.trim();
        if let Some(d) = Date::parse(s) {
            return Some(Said::from(d));
        }
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        ((1..=12).contains(&month) && year >= 1900).then_some(Said {
            year,
            month,
            day: None,
        })
    }

    /// The day, when it is known.
    pub fn date(&self) -> Option<Date> {
        let day = self.day?;
        Some(Date {
            year: self.year,
            month: self.month,
            day,
        })
    }

    /// "24 November 2023", or "December 2024" when only the month is known.
    pub fn long(&self) -> String {
        let month = MONTHS[usize::from(self.month - 1)];
        match self.day {
            Some(d) => format!("{d} {month} {}", self.year),
            None => format!("{month} {}", self.year),
        }
    }

    /// True when this cannot be earlier than `page` (a month holding the
    /// page's day is not after it).
    pub fn after(&self, page: Date) -> bool {
        let month = (self.year, self.month).cmp(&(page.year, page.month));
        match (month, self.day) {
            (std::cmp::Ordering::Equal, Some(d)) => d > page.day,
            (o, _) => o == std::cmp::Ordering::Greater,
        }
    }
}

impl From<Date> for Said {
    fn from(d: Date) -> Said {
        Said {
            year: d.year,
            month: d.month,
            day: Some(d.day),
        }
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What a quote's date rests on, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaidBasis {
    /// The curator's `said`, from a pack comment or a finding.
    Stated,
    /// The inspectorate's own release of the inspection: the report's date.
    Report,
    /// A date in the source URL.
    Url,
    /// The date of the page the quote was read from.
    Page,
}

/// One PEEL inspection cycle with its grade scale and canonical areas.
#[derive(Debug, Clone)]
pub struct Cycle {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Higher is newer.
    pub order: i64,
    pub scale: Vec<Grade>,
    /// Years in which the cycle's reports were published (for "in 2022" questions).
    pub years: Vec<u16>,
    pub note: Option<String>,
    pub source: Option<String>,
    pub areas: Vec<Area>,
}

/// A canonical inspection area of one cycle.
#[derive(Debug, Clone)]
pub struct Area {
    pub id: String,
    pub name: String,
    /// The plain-English short name, when the official name is long.
    pub short: Option<String>,
    pub synonyms: Vec<String>,
    pub keywords: Vec<String>,
    /// Index, in the previous cycle's `areas`, of the area this one succeeds.
    pub succeeds: Option<usize>,
}

/// A glossary entry.
#[derive(Debug, Clone)]
pub struct Term {
    pub term: String,
    pub aliases: Vec<String>,
    pub text: String,
    pub source: String,
}

/// Someone who leads inspections or is quoted.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
    pub organisation: Option<String>,
    pub roles: Vec<String>,
}

/// What kind of publisher an outlet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletKind {
    Inspectorate,
    News,
    Force,
    Commissioner,
    Government,
    Reprint,
    Other,
}

impl OutletKind {
    pub fn parse(s: &str) -> Option<OutletKind> {
        Some(match s {
            "inspectorate" => OutletKind::Inspectorate,
            "news" => OutletKind::News,
            "force" => OutletKind::Force,
            "commissioner" => OutletKind::Commissioner,
            "government" => OutletKind::Government,
            "reprint" => OutletKind::Reprint,
            "other" => OutletKind::Other,
            _ => return None,
        })
    }
}

/// A publisher at a web host.
#[derive(Debug, Clone)]
pub struct Outlet {
    pub host: String,
    pub name: String,
    pub kind: OutletKind,
}

/// England or Wales: the inspectorate covers only these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nation {
    England,
    Wales,
}

impl Nation {
    pub fn label(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Wales => "Wales",
        }
    }
}

/// An ONS region of England, or Wales: geography, for questions like
/// "how did the Midlands forces do".
#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    pub nation: Nation,
    /// Other names; a name two regions share means both.
    pub aliases: Vec<String>,
}

/// A territorial police force and what we know of its inspections.
#[derive(Debug, Clone)]
pub struct Force {
    pub slug: String,
    pub name: String,
    pub nation: Nation,
    pub aliases: Vec<String>,
    pub nicknames: Vec<String>,
    /// Cities and towns in the force's area (geography, not inspection facts).
    pub places: Vec<String>,
    /// Index into `KnowledgeBase::regions`, when a region is given.
    pub region: Option<usize>,
    pub note: Option<String>,
    /// Newest cycle first.
    pub inspections: Vec<Inspection>,
}

impl Force {
    /// The most recent inspection, graded or not.
    pub fn latest(&self) -> Option<&Inspection> {
        self.inspections.first()
    }

    /// The inspection of a given cycle (by index into `KnowledgeBase::cycles`).
    pub fn inspection(&self, cycle: usize) -> Option<&Inspection> {
        self.inspections.iter().find(|i| i.cycle == cycle)
    }

    /// A short name without "Police"/"Constabulary" ("Derbyshire").
    pub fn short_name(&self) -> &str {
        for suffix in [" Constabulary", " Police", " Police Service"] {
            if let Some(s) = self.name.strip_suffix(suffix) {
                return s;
            }
        }
        &self.name
    }
}

/// One PEEL inspection of one force.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// Index into `KnowledgeBase::cycles`.
    pub cycle: usize,
    pub published: Option<Date>,
    pub published_source: Option<String>,
    pub inspector: Option<String>,
    pub report_url: Option<String>,
    pub grades_source: Option<String>,
    /// How many areas were graded, where a source states it.
    pub areas_graded: Option<u32>,
    /// How many areas got each grade, where a source states it.
    pub grade_counts: Vec<(Grade, u32)>,
    pub counts_source: Option<String>,
    pub note: Option<String>,
    pub grades: Vec<AreaGrade>,
    pub findings: Vec<Finding>,
    pub concerns: Vec<Concern>,
    pub quotes: Vec<Quote>,
}

impl Inspection {
    /// Grades for one canonical area (two when a source splits the area).
    pub fn grades_for(&self, area: usize) -> impl Iterator<Item = &AreaGrade> {
        self.grades.iter().filter(move |g| g.area == area)
    }

    /// Number of distinct canonical areas with a known grade.
    pub fn known_areas(&self) -> usize {
        let mut seen: Vec<usize> = self.grades.iter().map(|g| g.area).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }

    /// The page a reader should open for this inspection.
    pub fn main_url(&self) -> Option<&str> {
        self.report_url.as_deref().or(self.grades_source.as_deref())
    }
}

/// A grade for one area, as a source worded it.
#[derive(Debug, Clone)]
pub struct AreaGrade {
    /// Index into the cycle's `areas`.
    pub area: usize,
    /// The source's own wording of the area.
    pub wording: String,
    pub grade: Grade,
    pub source: String,
}

/// A finding stated by a source.
#[derive(Debug, Clone)]
pub struct Finding {
    pub text: String,
    pub source: String,
    pub published: Option<Date>,
}

/// Cause of concern or area for improvement, as a source names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcernKind {
    CauseOfConcern,
    AreaForImprovement,
}

impl ConcernKind {
    pub fn label(self) -> &'static str {
        match self {
            ConcernKind::CauseOfConcern => "cause of concern",
            ConcernKind::AreaForImprovement => "area for improvement",
        }
    }
}

/// A named cause of concern or area for improvement.
#[derive(Debug, Clone)]
pub struct Concern {
    pub kind: ConcernKind,
    pub text: String,
    pub source: String,
}

/// Whose words a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// The inspectorate's words.
    Inspector,
    /// The force's or the commissioner's response.
    Response,
}

/// Exact words, with who said them in what role and where.
#[derive(Debug, Clone)]
pub struct Quote {
    pub speaker: String,
    /// The role held when quoted.
    pub role: String,
    pub kind: QuoteKind,
    pub text: String,
    pub source: String,
    /// Date of the page the quote was read from, when known.
    pub published: Option<Date>,
    /// When the words were said, from the best evidence (see `said`).
    pub said: Option<Said>,
    pub said_basis: Option<SaidBasis>,
    /// Other outlets' wordings of the same sentence (shorter, or differing
    /// only in contractions and punctuation), each cited for what it printed.
    pub also: Vec<Printing>,
}

/// One outlet's printing of a quote that another wording stands for.
#[derive(Debug, Clone)]
pub struct Printing {
    pub text: String,
    pub source: String,
    /// The date its page shows, when known (see [`Quote::page_date`]).
    pub published: Option<Date>,
}

/// A printing as read from a quote, borrowed: what citing needs.
#[derive(Debug, Clone, Copy)]
pub struct Printed<'a> {
    pub text: &'a str,
    pub source: &'a str,
    /// The date the page shows, when known.
    pub published: Option<Date>,
}

impl Quote {
    /// The date the quote's own page shows: the page's date, or for the
    /// inspectorate's own release of the inspection the report's day.
    pub fn page_date(&self) -> Option<Date> {
        self.published.or_else(|| {
            self.said
                .filter(|_| self.said_basis == Some(SaidBasis::Report))
                .and_then(|s| s.date())
        })
    }

    /// Every printing of the quote: its own, then the others'.
    pub fn printings(&self) -> impl Iterator<Item = Printed<'_>> {
        std::iter::once(Printed {
            text: &self.text,
            source: &self.source,
            published: self.page_date(),
        })
        .chain(self.also.iter().map(|p| Printed {
            text: &p.text,
            source: &p.source,
            published: p.published,
        }))
    }
}

/// The whole validated knowledge base.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    /// Newest first.
    pub cycles: Vec<Cycle>,
    /// Sorted by name.
    pub forces: Vec<Force>,
    pub glossary: Vec<Term>,
    pub people: Vec<Person>,
    pub outlets: Vec<Outlet>,
    /// ONS regions of England, and Wales, in file order.
    pub regions: Vec<Region>,
    /// Where it was loaded from ("embedded" or a directory).
    pub origin: String,
    /// A short hash of every file's bytes, to tell versions apart.
    pub version: String,
}

impl KnowledgeBase {
    pub fn force(&self, slug: &str) -> Option<&Force> {
        self.forces.iter().find(|f| f.slug == slug)
    }

    /// The outlet publishing at a URL's host, if listed.
    pub fn outlet_for(&self, url: &str) -> Option<&Outlet> {
        outlet_at(&self.outlets, url)
    }

    /// The newest publication date of any inspection or dated source.
    pub fn newest_date(&self) -> Option<Date> {
        self.forces
            .iter()
            .flat_map(|f| &f.inspections)
            .flat_map(|i| {
                i.published
                    .into_iter()
                    .chain(i.findings.iter().filter_map(|f| f.published))
                    .chain(i.quotes.iter().filter_map(|q| q.published))
            })
            .max()
    }
}

/// The outlet publishing at a URL's host, among `outlets` (a listed host
/// also covers its "www." form).
pub fn outlet_at<'a>(outlets: &'a [Outlet], url: &str) -> Option<&'a Outlet> {
    let host = url_host(url)?;
    let bare = host.strip_prefix("www.").unwrap_or(host);
    outlets.iter().find(|o| o.host == bare || o.host == host)
}

/// The host part of an `http(s)://` URL, if it has one.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = rest[..end].trim_end_matches('.');
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_parse_valid() {
        assert_eq!(Date::parse("2022-11-25").unwrap().to_string(), "2022-11-25");
        assert_eq!(
            Date::parse("2024-02-29").unwrap().long(),
            "29 February 2024"
        );
    }

    #[test]
    fn date_parse_invalid() {
        for bad in [
            "",
            "2022-13-01",
            "2023-02-29",
            "22-11-25",
            "2022/11/25",
            "2022-11-5x",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn grade_parse_case() {
        assert_eq!(
            Grade::parse("requires Improvement"),
            Some(Grade::RequiresImprovement)
        );
        assert_eq!(Grade::parse("Gud"), None);
    }

    #[test]
    fn url_host_forms() {
        assert_eq!(
            url_host("https://www.bbc.co.uk/news/x"),
            Some("www.bbc.co.uk")
        );
        assert_eq!(url_host("http://issuu.com./a"), Some("issuu.com"));
        assert_eq!(url_host("ftp://x"), None);
        assert_eq!(url_host("https:///x"), None);
    }
}
