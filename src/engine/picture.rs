//! Which picture an answer has, as typed values the chart module draws:
//! the three kinds and their options, named by the
//! knowledge base's own ids (cycle and area ids, force slugs, region names),
//! so a front end resolves what a person typed once and hands on typed values.

use std::fmt;

use crate::knowledge::Grade;

/// The kind of picture. The names (`heatmap`, `card`, `compare`) are a public
/// contract: CLI subcommands and, later, the `chart` field of `ask --json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Heatmap,
    Card,
    Compare,
}

impl ChartKind {
    /// Every kind, in the order the README lists them.
    pub const ALL: [ChartKind; 3] = [ChartKind::Heatmap, ChartKind::Card, ChartKind::Compare];

    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Heatmap => "heatmap",
            ChartKind::Card => "card",
            ChartKind::Compare => "compare",
        }
    }
}

impl fmt::Display for ChartKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// All forces (or one region's) × the areas of one cycle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct HeatmapSpec {
    /// Cycle id ("2023-25"); `None` for the newest cycle.
    pub cycle: Option<String>,
    /// Area id of that cycle whose column is highlighted.
    pub area: Option<String>,
    /// Cells with this grade are outlined.
    pub grade: Option<Grade>,
    /// Only this region's forces (a name from `regions.toml`, e.g. "Wales").
    pub region: Option<String>,
}

/// One force's grades, newest cycle beside the one before.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardSpec {
    /// Force slug.
    pub force: String,
}

/// Two to four forces side by side on the areas of one cycle.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CompareSpec {
    /// Force slugs, in the order shown (2 to 4, no repeats).
    pub forces: Vec<String>,
    /// Cycle id; `None` for the newest cycle.
    pub cycle: Option<String>,
}

/// A picture request. Equal specs on the same knowledge base version give
/// byte-identical pictures, so a spec is also a cache key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Spec {
    Heatmap(HeatmapSpec),
    Card(CardSpec),
    Compare(CompareSpec),
}

impl Spec {
    pub fn kind(&self) -> ChartKind {
        match self {
            Spec::Heatmap(_) => ChartKind::Heatmap,
            Spec::Card(_) => ChartKind::Card,
            Spec::Compare(_) => ChartKind::Compare,
        }
    }
}

/// The fewest and most forces a comparison shows.
pub const COMPARE_FORCES: std::ops::RangeInclusive<usize> = 2..=4;
