//! The picture as data: titled rows × columns of grade cells. All three kinds
//! build a [`Grid`]; one layout and one painter turn any grid into pixels,
//! and the alt text is written from the same grid, so words and picture
//! cannot disagree.

use crate::knowledge::{Force, Grade};

use super::words::Known;
use crate::engine::picture::ChartKind;

/// What one cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Graded: one grade, or two where a source splits the area (as given).
    Graded { grades: Vec<Grade>, outlined: bool },
    /// The area was (or may have been) graded, but the grade is not in our sources.
    Unknown,
    /// The area did not exist in that cycle (report card only).
    Absent,
}

impl Cell {
    /// The grade the cell shows: the worst of a split, as the inspectorate's
    /// worst finding is what a reader must not miss.
    pub fn shown(&self) -> Option<Grade> {
        match self {
            Cell::Graded { grades, .. } => grades.iter().max().copied(),
            _ => None,
        }
    }

    /// True when a source gives two different grades for the one area.
    pub fn split(&self) -> bool {
        match self {
            Cell::Graded { grades, .. } => grades.iter().any(|g| Some(*g) != self.shown()),
            _ => false,
        }
    }

    pub fn outlined(&self) -> bool {
        matches!(self, Cell::Graded { outlined: true, .. })
    }

    /// A force's cell for one area of one cycle (indices into the knowledge
    /// base): unknown when it has no inspection or no grade for the area.
    pub fn of(force: &Force, cycle: usize, area: usize, outline: Option<Grade>) -> Cell {
        let grades = force
            .inspection(cycle)
            .map(|i| i.grades_for(area).map(|g| g.grade).collect())
            .unwrap_or_default();
        Cell::from_grades(grades, outline)
    }

    /// A cell from an inspection's grades for one area (empty: unknown),
    /// outlined when any of them is `outline` (a split cell is partly that grade).
    pub fn from_grades(mut grades: Vec<Grade>, outline: Option<Grade>) -> Cell {
        if grades.is_empty() {
            return Cell::Unknown;
        }
        grades.sort_unstable();
        grades.dedup();
        let outlined = outline.is_some_and(|o| grades.contains(&o));
        Cell::Graded { grades, outlined }
    }
}

/// A column heading.
#[derive(Debug, Clone)]
pub struct Column {
    /// Area id, cycle id or force slug: how callers find the column.
    pub key: String,
    pub label: String,
    /// How running text names the column ("2023-25" for "PEEL 2023-25").
    pub word: String,
    /// How much of the column's inspection we hold (report card, comparison).
    pub known: Option<Known>,
    /// The highlighted column.
    pub focus: bool,
}

/// A row of cells, one per column.
#[derive(Debug, Clone)]
pub struct Row {
    /// Force slug or area id: how callers find the row.
    pub key: String,
    pub label: String,
    /// A second, muted line under the label ("2021/22: Good use of resources").
    pub sub: Option<String>,
    pub cells: Vec<Cell>,
}

/// Rows under a heading (a region); a grid with one unnamed group has no headings.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: Option<String>,
    pub rows: Vec<Row>,
}

/// A whole picture before layout.
#[derive(Debug, Clone)]
pub struct Grid {
    pub kind: ChartKind,
    pub title: String,
    /// "Data as of 24 July 2025", in the subtitle and the alt text.
    pub as_of: String,
    /// Lines under the title (starting with `as_of`, then the focus).
    pub subtitle: Vec<String>,
    pub columns: Vec<Column>,
    pub groups: Vec<Group>,
    /// Printed under the grid, wrapped (HMICFRS's caution on the report card).
    pub notes: Vec<String>,
    /// Column headings run bottom to top (many narrow columns).
    pub vertical_headings: bool,
    /// Cells with this grade are outlined (heatmap focus).
    pub outline: Option<Grade>,
}

impl Grid {
    /// Every data row, in order, with its index among data rows.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.groups.iter().flat_map(|g| &g.rows)
    }

    /// Every cell, with its row and column.
    pub fn cells(&self) -> impl Iterator<Item = (&Row, &Column, &Cell)> {
        self.rows().flat_map(move |r| {
            r.cells
                .iter()
                .zip(&self.columns)
                .map(move |(c, col)| (r, col, c))
        })
    }

    pub fn has_split(&self) -> bool {
        self.cells().any(|(_, _, c)| c.split())
    }

    pub fn has(&self, f: impl Fn(&Cell) -> bool) -> bool {
        self.cells().any(|(_, _, c)| f(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_split_shows_worst_and_says_so() {
        let c = Cell::from_grades(vec![Grade::Good, Grade::Inadequate], None);
        assert_eq!(c.shown(), Some(Grade::Inadequate));
        assert!(c.split());
        let same = Cell::from_grades(vec![Grade::Adequate, Grade::Adequate], None);
        assert!(!same.split());
        assert_eq!(same.shown(), Some(Grade::Adequate));
    }

    #[test]
    fn cell_empty_grades_unknown_and_outline_by_shown_grade() {
        assert_eq!(Cell::from_grades(vec![], Some(Grade::Good)), Cell::Unknown);
        assert!(Cell::from_grades(vec![Grade::Good], Some(Grade::Good)).outlined());
        assert!(!Cell::from_grades(vec![Grade::Good], Some(Grade::Adequate)).outlined());
        let split = Cell::from_grades(vec![Grade::Inadequate, Grade::Good], Some(Grade::Good));
        assert!(split.outlined() && split.shown() == Some(Grade::Inadequate));
        assert!(!Cell::Unknown.outlined() && !Cell::Absent.split());
    }
}
