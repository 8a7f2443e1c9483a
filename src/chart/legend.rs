//! The key under a grid: every grade the palette has, then only the
//! markers this grid uses (hatching, dash, split mark, outline).

use crate::engine::palette::{swatch, PALETTE};
use crate::knowledge::Grade;

use super::grid::{Cell, Grid};
use super::marks::{cell_ops, outline_ops, text_line, text_style, u, CellText};
use super::scene::{Op, Rect};
use super::theme::*;

const SWATCH_W: f32 = 24.0;
const SWATCH_H: f32 = 16.0;

/// The key: every grade the palette has, and the markers this grid uses.
pub fn legend(ops: &mut Vec<Op>, grid: &Grid, left: f32, top: f32, body_w: f32) -> f32 {
    enum Key {
        Cell(Cell),
        Outline,
    }
    let mut items: Vec<(Key, String)> = PALETTE
        .iter()
        .filter_map(|s| s.grade)
        .map(|g| {
            (
                Key::Cell(Cell::Graded {
                    grades: vec![g],
                    outlined: false,
                }),
                swatch(Some(g)).name.to_string(),
            )
        })
        .collect();
    if grid.has(|c| *c == Cell::Unknown) {
        items.push((Key::Cell(Cell::Unknown), swatch(None).name.to_string()));
    }
    if grid.has(|c| *c == Cell::Absent) {
        items.push((
            Key::Cell(Cell::Absent),
            "Not an area in that cycle".to_string(),
        ));
    }
    if grid.has_split() {
        items.push((
            Key::Cell(Cell::Graded {
                grades: vec![Grade::Good, Grade::RequiresImprovement],
                outlined: false,
            }),
            "Two grades in the source: the worse shown".to_string(),
        ));
    }
    if let Some(g) = grid.outline {
        let name = swatch(Some(g)).name.to_lowercase();
        items.push((Key::Outline, format!("Outlined: {name}")));
    }

    let style = text_style();
    let (sw, sh) = (u(SWATCH_W), u(SWATCH_H));
    let line_h = u(TEXT_LINE + 4.0);
    let (mut x, mut y) = (left, top);
    for (key, label) in items {
        let w = sw + u(5.0) + style.width(&label) + u(14.0);
        if x > left && x + w - u(14.0) > left + body_w {
            x = left;
            y += line_h;
        }
        let rect = Rect::new(x.round(), (y + (line_h - sh) / 2.0).round(), sw, sh);
        match &key {
            // The legend always shows initials: it is the key to them.
            Key::Cell(c) => cell_ops(ops, c, rect, CellText::Initials),
            Key::Outline => {
                ops.push(Op::Fill {
                    rect,
                    rgb: BACKGROUND,
                });
                outline_ops(ops, rect);
            }
        }
        text_line(ops, &label, style, x + sw + u(5.0), y, line_h, TEXT);
        x += w;
    }
    y + line_h
}
