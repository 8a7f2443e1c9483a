//! From a [`Grid`] to a [`Scene`]: sizes every part from the text it holds
//! (title, headings, row labels, legend, notes) and places it, on whole
//! device pixels so cell edges stay crisp.

use crate::engine::palette::swatch;

use super::font::{wrap, Style, Weight};
use super::grid::Grid;
use super::legend::legend;
use super::marks::{bold_style, cell_ops, outline_ops, text_line, text_style, u, CellText};
use super::scene::{Op, PlacedCell, Rect, Scene};
use super::theme::*;

/// Vertical headings: bold for the highlighted column.
fn heading_style(focus: bool) -> Style {
    if focus {
        bold_style()
    } else {
        text_style()
    }
}

/// One line of a column heading: its label (bold) or its muted second line.
struct Heading {
    text: String,
    sub: bool,
}

/// Sizes that differ between narrow-column (heatmap) and wide-column grids.
struct Metrics {
    label_w: f32,
    col_w: f32,
    row_h: f32,
    headings: Vec<Vec<Heading>>,
    heading_h: f32,
    cell_text: CellText,
}

const GAP: f32 = 2.0;
const HEAT_ROW: f32 = 18.0;
const WIDE_ROW: f32 = 26.0;
const GROUP_ROW: f32 = 22.0;
const HEAT_COL_MAX: f32 = 40.0;
const WIDE_COL_MAX: f32 = 170.0;
/// Longest line of a vertical heading, before it wraps.
const VERTICAL_LINE_MAX: f32 = 118.0;
const WIDE_LABEL_MAX: f32 = 185.0;

pub fn layout(grid: &Grid) -> Scene {
    let mut ops = Vec::new();
    let width = u(WIDTH);
    let left = u(MARGIN);
    let body_w = width - 2.0 * left;
    let mut y = u(MARGIN);

    // Title and subtitle.
    let title = Style::new(u(TITLE_SIZE), Weight::Bold);
    for line in wrap(&title, &grid.title, body_w) {
        text_line(&mut ops, &line, title, left, y, u(TITLE_LINE), TEXT);
        y += u(TITLE_LINE);
    }
    for sub in &grid.subtitle {
        for line in wrap(&text_style(), sub, body_w) {
            text_line(&mut ops, &line, text_style(), left, y, u(TEXT_LINE), MUTED);
            y += u(TEXT_LINE);
        }
    }
    y += u(8.0);

    let m = metrics(grid, body_w);
    let grid_left = left + m.label_w;
    let grid_right = grid_left + m.col_w * grid.columns.len() as f32;
    let headings_top = y;
    let cells_top = headings_top + m.heading_h;

    // The highlighted column's band goes under everything else in it.
    let band_index = ops.len();
    headings(&mut ops, grid, &m, grid_left, headings_top);
    y = cells_top;

    let mut cells = Vec::new();
    let mut focus_cells: Vec<Rect> = Vec::new();
    let mut outlined: Vec<Rect> = Vec::new();
    for group in &grid.groups {
        if let Some(name) = &group.name {
            let h = u(GROUP_ROW);
            text_line(&mut ops, name, bold_style(), left, y + u(3.0), h, MUTED);
            let rule_y = y + h - u(1.0);
            ops.push(Op::Line {
                from: (left, rule_y),
                to: (grid_right, rule_y),
                rgb: RULE,
                width: u(1.0),
            });
            y += h;
        }
        for row in &group.rows {
            let label = wrap_label(grid, &row.label, m.label_w);
            let sub = row
                .sub
                .as_deref()
                .map(|s| wrap_label(grid, s, m.label_w))
                .unwrap_or_default();
            let lines = (label.len() + sub.len()) as f32;
            let row_h = m.row_h.max(lines * u(TEXT_LINE) + u(6.0));
            let mut ly = y + (row_h - lines * u(TEXT_LINE)) / 2.0;
            for l in &label {
                text_line(&mut ops, l, text_style(), left, ly, u(TEXT_LINE), TEXT);
                ly += u(TEXT_LINE);
            }
            for l in &sub {
                text_line(&mut ops, l, text_style(), left, ly, u(TEXT_LINE), MUTED);
                ly += u(TEXT_LINE);
            }
            for (ci, (cell, col)) in row.cells.iter().zip(&grid.columns).enumerate() {
                let rect = Rect::new(
                    grid_left + m.col_w * ci as f32 + u(GAP / 2.0),
                    y + u(GAP / 2.0),
                    m.col_w - u(GAP),
                    row_h - u(GAP),
                );
                cell_ops(&mut ops, cell, rect, m.cell_text);
                if col.focus {
                    focus_cells.push(rect);
                }
                if cell.outlined() {
                    outlined.push(rect);
                }
                cells.push(PlacedCell {
                    row: row.key.clone(),
                    column: col.key.clone(),
                    rect,
                });
            }
            y += row_h;
        }
    }
    let cells_bottom = y;

    // The highlighted column: a band behind it and a frame around its cells.
    if let Some(ci) = grid.columns.iter().position(|c| c.focus) {
        let x = grid_left + m.col_w * ci as f32;
        let band = Rect::new(x, headings_top, m.col_w, cells_bottom - headings_top);
        ops.insert(
            band_index,
            Op::Fill {
                rect: band,
                rgb: FOCUS_BAND,
            },
        );
        if let (Some(first), Some(last)) = (focus_cells.first(), focus_cells.last()) {
            let r = Rect::new(first.x, first.y, first.w, last.bottom() - first.y);
            ops.push(Op::Frame {
                rect: r.outset(u(2.5)),
                rgb: TEXT,
                width: u(2.0),
            });
        }
    }
    // Outlines last, so neighbours never paint over them.
    for rect in outlined {
        outline_ops(&mut ops, rect);
    }

    // Notes (the report card's caution) directly under the grid they qualify.
    y += u(6.0);
    for note in &grid.notes {
        for line in wrap(&bold_style(), note, body_w) {
            text_line(&mut ops, &line, bold_style(), left, y, u(TEXT_LINE), TEXT);
            y += u(TEXT_LINE);
        }
        y += u(4.0);
    }
    y += u(6.0);
    y = legend(&mut ops, grid, left, y, body_w);
    y += u(4.0);
    text_line(
        &mut ops,
        super::SOURCE_LINE,
        text_style(),
        left,
        y,
        u(TEXT_LINE),
        MUTED,
    );
    y += u(TEXT_LINE) + u(MARGIN);

    let height = y.ceil();
    ops.insert(
        0,
        Op::Fill {
            rect: Rect::new(0.0, 0.0, width, height),
            rgb: BACKGROUND,
        },
    );
    ops.push(Op::Frame {
        rect: Rect::new(0.0, 0.0, width, height),
        rgb: BORDER,
        width: u(1.0),
    });
    Scene {
        width: width as u32,
        height: height as u32,
        ops,
        cells,
    }
}

fn metrics(grid: &Grid, body_w: f32) -> Metrics {
    let n = grid.columns.len().max(1) as f32;
    let widest_label = grid
        .rows()
        .flat_map(|r| std::iter::once(&r.label).chain(&r.sub))
        .map(|l| text_style().width(l))
        .fold(0.0, f32::max);
    if grid.vertical_headings {
        let label_w = (widest_label + u(10.0)).min(body_w - n * u(26.0)).floor();
        let col_w = ((body_w - label_w) / n).min(u(HEAT_COL_MAX)).floor();
        let max_lines = ((col_w - u(4.0)) / u(TEXT_LINE - 2.0)).floor().max(1.0) as usize;
        let headings: Vec<Vec<Heading>> = grid
            .columns
            .iter()
            .map(|c| {
                let style = heading_style(c.focus);
                let mut lines = wrap(&style, &c.label, u(VERTICAL_LINE_MAX));
                if lines.len() > max_lines {
                    let rest = lines.split_off(max_lines - 1).join(" ");
                    lines.push(rest);
                }
                lines
                    .into_iter()
                    .map(|text| Heading { text, sub: false })
                    .collect()
            })
            .collect();
        let longest = grid
            .columns
            .iter()
            .zip(&headings)
            .flat_map(|(c, ls)| {
                ls.iter()
                    .map(move |l| heading_style(c.focus).width(&l.text))
            })
            .fold(0.0, f32::max);
        Metrics {
            label_w,
            col_w,
            row_h: u(HEAT_ROW),
            headings,
            heading_h: (longest + u(10.0)).ceil(),
            cell_text: CellText::Initials,
        }
    } else {
        let label_w = (widest_label + u(12.0)).min(u(WIDE_LABEL_MAX)).floor();
        let col_w = ((body_w - label_w) / n).min(u(WIDE_COL_MAX)).floor();
        let inner = col_w - u(GAP) - u(6.0);
        let headings: Vec<Vec<Heading>> = grid
            .columns
            .iter()
            .map(|c| {
                let label = wrap(&bold_style(), &c.label, inner)
                    .into_iter()
                    .map(|text| Heading { text, sub: false });
                let sub = c
                    .known
                    .iter()
                    .flat_map(|k| wrap(&text_style(), &k.short(), inner))
                    .map(|text| Heading { text, sub: true });
                label.chain(sub).collect()
            })
            .collect();
        let most = headings.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let names_fit = grid.cells().all(|(_, _, c)| {
            c.shown()
                .is_none_or(|g| bold_style().width(swatch(Some(g)).name) <= inner)
        });
        Metrics {
            label_w,
            col_w,
            row_h: u(WIDE_ROW),
            headings,
            heading_h: most * u(TEXT_LINE) + u(6.0),
            cell_text: if names_fit {
                CellText::Names
            } else {
                CellText::Initials
            },
        }
    }
}

/// Row labels of wide grids wrap within the label column; heatmap labels
/// (force names) are measured to fit on one line.
fn wrap_label(grid: &Grid, text: &str, label_w: f32) -> Vec<String> {
    if grid.vertical_headings {
        vec![text.to_string()]
    } else {
        wrap(&text_style(), text, label_w - u(8.0))
    }
}

fn headings(ops: &mut Vec<Op>, grid: &Grid, m: &Metrics, grid_left: f32, top: f32) {
    for (ci, (col, lines)) in grid.columns.iter().zip(&m.headings).enumerate() {
        let x = grid_left + m.col_w * ci as f32;
        let cx = x + m.col_w / 2.0;
        if grid.vertical_headings {
            let style = heading_style(col.focus);
            let n = lines.len() as f32;
            let lh = u(TEXT_LINE - 2.0);
            for (i, line) in lines.iter().enumerate() {
                // Baselines side by side, glyphs to the left of each, centred as a block.
                let bx = cx + (i as f32 - (n - 1.0) / 2.0) * lh + style.cap_height() / 2.0;
                ops.push(Op::Text {
                    text: line.text.clone(),
                    x: bx,
                    y: top + m.heading_h - u(5.0),
                    style,
                    rgb: TEXT,
                    vertical: true,
                });
            }
        } else {
            let mut y = top + m.heading_h - lines.len() as f32 * u(TEXT_LINE) - u(3.0);
            for line in lines {
                let (style, rgb) = if line.sub {
                    (text_style(), MUTED)
                } else {
                    (bold_style(), TEXT)
                };
                let text = line.text.as_str();
                let tx = cx - style.width(text) / 2.0;
                text_line(ops, text, style, tx, y, u(TEXT_LINE), rgb);
                y += u(TEXT_LINE);
            }
        }
    }
}
