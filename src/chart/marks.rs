//! How one cell, marker or line of text becomes paint operations: shared
//! by the grid, its legend and its headings so a legend swatch is drawn
//! exactly as the cells it explains.

use crate::engine::palette::swatch;

use super::font::{Style, Weight};
use super::grid::Cell;
use super::scene::{Op, Rect};
use super::theme::*;

/// Units → device pixels.
pub fn u(v: f32) -> f32 {
    v * SCALE
}

pub fn text_style() -> Style {
    Style::new(u(TEXT_SIZE), Weight::Regular)
}

pub fn bold_style() -> Style {
    Style::new(u(TEXT_SIZE), Weight::Bold)
}

/// Cell contents: the palette's initials, or its full names where every name fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellText {
    Initials,
    Names,
}

/// A cell: its grade's colour with its initial or name, the palette's
/// hatching for "not in our sources", or a dash for an area that did not exist.
pub fn cell_ops(ops: &mut Vec<Op>, cell: &Cell, rect: Rect, text: CellText) {
    match cell {
        Cell::Graded { .. } => {
            let s = swatch(cell.shown());
            ops.push(Op::Fill { rect, rgb: s.rgb });
            let label = match text {
                CellText::Initials => s.initial,
                CellText::Names => s.name,
            };
            centred(ops, label, bold_style(), rect, s.ink);
            if cell.split() {
                split_mark(ops, rect, s.ink);
            }
        }
        Cell::Unknown => unknown_ops(ops, rect),
        Cell::Absent => {
            centred(ops, "\u{2014}", text_style(), rect, MUTED);
        }
    }
}

pub fn unknown_ops(ops: &mut Vec<Op>, rect: Rect) {
    let s = swatch(None);
    ops.push(Op::Fill {
        rect,
        rgb: UNKNOWN_GROUND,
    });
    ops.push(Op::Hatch {
        rect,
        rgb: s.rgb,
        spacing: u(4.5),
        width: u(1.0),
    });
    ops.push(Op::Frame {
        rect,
        rgb: s.rgb,
        width: u(1.0),
    });
}

/// A corner triangle: the source gives two grades for this area.
pub fn split_mark(ops: &mut Vec<Op>, rect: Rect, rgb: u32) {
    let d = u(7.0).min(rect.h / 2.0);
    let (r, t) = (rect.right(), rect.y);
    ops.push(Op::Triangle {
        points: [(r - d, t), (r, t), (r, t + d)],
        rgb,
    });
}

pub fn outline_ops(ops: &mut Vec<Op>, rect: Rect) {
    ops.push(Op::Frame {
        rect: rect.outset(u(1.5)),
        rgb: OUTLINE_OUTER,
        width: u(2.0),
    });
    ops.push(Op::Frame {
        rect: rect.outset(-u(0.5)),
        rgb: OUTLINE_INNER,
        width: u(1.5),
    });
}

/// One line of text, vertically centred (by its capitals) in a line box.
pub fn text_line(
    ops: &mut Vec<Op>,
    text: &str,
    style: Style,
    x: f32,
    top: f32,
    line_h: f32,
    rgb: u32,
) {
    ops.push(Op::Text {
        text: text.to_string(),
        x,
        y: top + (line_h + style.cap_height()) / 2.0,
        style,
        rgb,
        vertical: false,
    });
}

pub fn centred(ops: &mut Vec<Op>, text: &str, style: Style, rect: Rect, rgb: u32) {
    let (cx, _) = rect.centre();
    text_line(
        ops,
        text,
        style,
        cx - style.width(text) / 2.0,
        rect.y,
        rect.h,
        rgb,
    );
}
