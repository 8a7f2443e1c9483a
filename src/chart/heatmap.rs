//! The heatmap: every force (rows, grouped by region) × the areas of one
//! cycle (columns), optionally with one area's column highlighted and one
//! grade's cells outlined ("which forces are inadequate at X").

use crate::knowledge::KnowledgeBase;

use super::error::ChartError;
use super::grid::{Cell, Column, Grid, Group, Row};
use super::lookup::{self, area_label};
use super::words::{capitalise, data_as_of, plural};
use crate::engine::picture::{ChartKind, HeatmapSpec};

/// Forces whose region is not given are listed last under this heading.
const NO_REGION: &str = "Region not given";

pub fn grid(kb: &KnowledgeBase, spec: &HeatmapSpec) -> Result<Grid, ChartError> {
    let (ci, cycle) = lookup::cycle(kb, spec.cycle.as_deref())?;
    let focus = spec
        .area
        .as_deref()
        .map(|a| lookup::area(cycle, a))
        .transpose()?;
    let only = spec
        .region
        .as_deref()
        .map(|r| lookup::region(kb, r))
        .transpose()?;

    let columns = cycle
        .areas
        .iter()
        .enumerate()
        .map(|(ai, a)| Column {
            key: a.id.clone(),
            label: area_label(a).to_string(),
            word: area_label(a).to_string(),
            known: None,
            focus: focus == Some(ai),
        })
        .collect();

    // Regions in file order, then forces without one; forces by name within each.
    let mut groups = Vec::new();
    let region_slots = kb.regions.iter().map(Some).chain(std::iter::once(None));
    for (ri, region) in region_slots.enumerate() {
        let region_index = region.map(|_| ri);
        if only.is_some() && only != region_index {
            continue;
        }
        let rows: Vec<Row> = kb
            .forces
            .iter()
            .filter(|f| f.region == region_index)
            .map(|f| Row {
                key: f.slug.clone(),
                label: f.short_name().to_string(),
                sub: None,
                cells: (0..cycle.areas.len())
                    .map(|ai| Cell::of(f, ci, ai, spec.grade))
                    .collect(),
            })
            .collect();
        if !rows.is_empty() {
            let name = region.map_or(NO_REGION, |r| r.name.as_str());
            groups.push(Group {
                name: Some(name.to_string()),
                rows,
            });
        }
    }

    let forces: usize = groups.iter().map(|g| g.rows.len()).sum();
    let scope = match only {
        Some(r) => format!("{} forces", kb.regions[r].name),
        None => "all forces".to_string(),
    };
    let mut subtitle = vec![format!(
        "{} · {} × {} areas",
        data_as_of(kb),
        plural(forces, "force"),
        cycle.areas.len()
    )];
    let mut focus_line = Vec::new();
    if let Some(ai) = focus {
        focus_line.push(format!("highlighted: {}", area_label(&cycle.areas[ai])));
    }
    if let Some(g) = spec.grade {
        focus_line.push(format!("outlined: {}", g.lower()));
    }
    if !focus_line.is_empty() {
        subtitle.push(capitalise(&focus_line.join(" · ")));
    }
    Ok(Grid {
        kind: ChartKind::Heatmap,
        title: format!("{} grades, {scope}", cycle.name),
        as_of: data_as_of(kb),
        subtitle,
        columns,
        groups,
        notes: Vec::new(),
        vertical_headings: true,
        outline: spec.grade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{load_embedded, Grade};

    #[test]
    fn heatmap_every_force_once_grouped_by_region() {
        let kb = load_embedded().unwrap();
        let g = grid(&kb, &HeatmapSpec::default()).unwrap();
        assert_eq!(g.rows().count(), kb.forces.len());
        assert_eq!(g.columns.len(), kb.cycles[0].areas.len());
        let wales = g
            .groups
            .iter()
            .find(|gr| gr.name.as_deref() == Some("Wales"))
            .unwrap();
        assert_eq!(wales.rows.len(), 4);
        assert!(g.title.contains(&kb.cycles[0].name));
        assert!(g.subtitle[0].starts_with("Data as of "), "{:?}", g.subtitle);
    }

    #[test]
    fn heatmap_region_subset_and_focus() {
        let kb = load_embedded().unwrap();
        let spec = HeatmapSpec {
            region: Some("Wales".into()),
            area: Some("responding-to-the-public".into()),
            grade: Some(Grade::RequiresImprovement),
            ..HeatmapSpec::default()
        };
        let g = grid(&kb, &spec).unwrap();
        assert_eq!(g.rows().count(), 4);
        let focused: Vec<&str> = g
            .columns
            .iter()
            .filter(|c| c.focus)
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(focused, ["responding-to-the-public"]);
        assert!(g.subtitle[1].starts_with("Highlighted: Responding"));
        for (_, _, c) in g.cells() {
            assert_eq!(
                c.outlined(),
                matches!(c, Cell::Graded { grades, .. } if grades.contains(&Grade::RequiresImprovement))
            );
        }
    }

    #[test]
    fn heatmap_unknown_ids_are_errors() {
        let kb = load_embedded().unwrap();
        for spec in [
            HeatmapSpec {
                cycle: Some("1999".into()),
                ..HeatmapSpec::default()
            },
            HeatmapSpec {
                area: Some("supporting-victims".into()),
                ..HeatmapSpec::default()
            },
            HeatmapSpec {
                region: Some("Scotland".into()),
                ..HeatmapSpec::default()
            },
        ] {
            assert!(grid(&kb, &spec).is_err(), "{spec:?}");
        }
    }
}
