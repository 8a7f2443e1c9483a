//! Pictures where people would rather look than read: a grade heatmap, a
//! force's report card and a comparison, as PNG bytes with alt text.
//!
//! A pure function of the knowledge base and a [`Spec`]: nothing here knows
//! about Discord or the terminal, and the same inputs give byte-identical
//! PNGs on any machine (an embedded font, no clock, no metadata). Every
//! kind builds a [`Grid`] (`heatmap`, `card`, `compare`); `layout` places
//! it as a [`Scene`] (cells and text from `marks`, the key from `legend`);
//! `paint` draws it with tiny-skia and `encode` writes the PNG; `alt`
//! describes the same grid in words. Grade colours, initials and names come
//! only from [`crate::engine::palette`].
//!
//! Front ends turn what a person typed into a spec with [`resolve`], then
//! call [`render`] or, to avoid drawing a picture twice, [`ChartCache::get`].

mod alt;
mod cache;
mod card;
mod compare;
mod encode;
mod error;
mod font;
mod grid;
mod heatmap;
mod layout;
mod legend;
mod lookup;
mod marks;
mod paint;
pub mod resolve;
mod scene;
mod theme;
pub mod vision;
mod words;

use crate::knowledge::KnowledgeBase;

pub use crate::engine::picture::{
    CardSpec, ChartKind, CompareSpec, HeatmapSpec, Spec, COMPARE_FORCES,
};
pub use alt::ALT_MAX;
pub use cache::{ChartCache, DEFAULT_CAPACITY};
pub use error::ChartError;
pub use font::{Style, Weight};
pub use grid::{Cell, Column, Grid, Group, Row};
pub use scene::{Op, PlacedCell, Rect, Scene};
pub use theme::{BACKGROUND, OUTLINE_OUTER, SCALE, TEXT_SIZE, WIDTH};

/// The line at the foot of every picture.
pub const SOURCE_LINE: &str = "Source: HMICFRS PEEL inspections, as gathered in PEEL Bot's sources";

/// A rendered picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub kind: ChartKind,
    /// The PNG file.
    pub png: Vec<u8>,
    /// What the picture shows, in words (at most [`ALT_MAX`] characters).
    pub alt: String,
    /// A file name to attach it as ("peel-card-derbyshire.png": ASCII, no spaces).
    pub file_name: String,
    /// Size in pixels (drawn at [`SCALE`]× the layout width).
    pub width: u32,
    pub height: u32,
}

/// The picture's content and placement, before painting: what tests and
/// callers use to find where a cell is.
#[derive(Debug, Clone)]
pub struct Plan {
    pub grid: Grid,
    pub scene: Scene,
}

/// Builds and lays out the picture a spec asks for.
pub fn plan(kb: &KnowledgeBase, spec: &Spec) -> Result<Plan, ChartError> {
    let grid = match spec {
        Spec::Heatmap(s) => heatmap::grid(kb, s)?,
        Spec::Card(s) => card::grid(kb, s)?,
        Spec::Compare(s) => compare::grid(kb, s)?,
    };
    let scene = layout::layout(&grid);
    Ok(Plan { grid, scene })
}

/// Renders the picture a spec asks for.
pub fn render(kb: &KnowledgeBase, spec: &Spec) -> Result<Chart, ChartError> {
    let Plan { grid, scene } = plan(kb, spec)?;
    let pixmap = paint::paint_scene(&scene)?;
    Ok(Chart {
        kind: spec.kind(),
        png: encode::png(&pixmap)?,
        alt: alt::alt_text(&grid),
        file_name: file_name(spec),
        width: scene.width,
        height: scene.height,
    })
}

/// "peel-heatmap-2023-25-responding-to-the-public-inadequate.png".
pub fn file_name(spec: &Spec) -> String {
    let mut parts = vec!["peel".to_string(), spec.kind().name().to_string()];
    match spec {
        Spec::Heatmap(h) => {
            parts.extend(h.cycle.clone());
            parts.extend(h.region.clone());
            parts.extend(h.area.clone());
            parts.extend(h.grade.map(|g| g.lower().to_string()));
        }
        Spec::Card(c) => parts.push(c.force.clone()),
        Spec::Compare(c) => {
            parts.extend(c.forces.iter().cloned());
            parts.extend(c.cycle.clone());
        }
    }
    let slug: String = crate::text::fold(&parts.join(" "))
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{slug}.png")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Grade;

    #[test]
    fn file_name_is_ascii_slug() {
        let s = Spec::Heatmap(HeatmapSpec {
            cycle: Some("2021-22".into()),
            area: Some("responding-to-the-public".into()),
            grade: Some(Grade::RequiresImprovement),
            region: Some("Yorkshire and the Humber".into()),
        });
        assert_eq!(
            file_name(&s),
            "peel-heatmap-2021-22-yorkshire-and-the-humber-responding-to-the-public-requires-improvement.png"
        );
        let c = Spec::Compare(CompareSpec {
            forces: vec!["kent".into(), "essex".into()],
            cycle: None,
        });
        assert_eq!(file_name(&c), "peel-compare-kent-essex.png");
    }
}
