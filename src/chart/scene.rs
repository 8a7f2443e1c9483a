//! A laid-out picture: what to paint where, in device pixels, and where each
//! cell landed, so tests (and anyone else) compute positions instead of
//! hard-coding them.

use super::font::Style;

/// A rectangle in device pixels, on whole pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn centre(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Grown by `d` on every side (shrunk for negative `d`).
    pub fn outset(&self, d: f32) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// Whether the pixel whose top-left corner is (x, y) lies inside.
    pub fn contains(&self, x: u32, y: u32) -> bool {
        let (x, y) = (x as f32, y as f32);
        x >= self.x && y >= self.y && x < self.right() && y < self.bottom()
    }
}

/// One thing to paint, in painting order.
#[derive(Debug, Clone)]
pub enum Op {
    Fill {
        rect: Rect,
        rgb: u32,
    },
    /// A border `width` wide just inside the rectangle.
    Frame {
        rect: Rect,
        rgb: u32,
        width: f32,
    },
    /// Diagonal lines `spacing` apart, clipped to the rectangle.
    Hatch {
        rect: Rect,
        rgb: u32,
        spacing: f32,
        width: f32,
    },
    /// A line of text; `x`, `y` start its baseline. Vertical text runs
    /// bottom to top from there.
    Text {
        text: String,
        x: f32,
        y: f32,
        style: Style,
        rgb: u32,
        vertical: bool,
    },
    Triangle {
        points: [(f32, f32); 3],
        rgb: u32,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        rgb: u32,
        width: f32,
    },
}

/// Where one grid cell was placed.
#[derive(Debug, Clone)]
pub struct PlacedCell {
    /// The row's key (force slug or area id).
    pub row: String,
    /// The column's key (area id, cycle id or force slug).
    pub column: String,
    pub rect: Rect,
}

/// A picture ready to paint.
#[derive(Debug, Clone)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub ops: Vec<Op>,
    pub cells: Vec<PlacedCell>,
}

impl Scene {
    /// The rectangle of the cell in row `row` and column `column` (by key).
    pub fn cell(&self, row: &str, column: &str) -> Option<Rect> {
        self.cells
            .iter()
            .find(|c| c.row == row && c.column == column)
            .map(|c| c.rect)
    }
}
