//! Text for pictures: the embedded Noto Sans (regular and bold, subset; see
//! `assets/fonts/`): glyphs, advances and outlines for measuring and
//! drawing text. No system font is ever read, so a picture is the same on
//! every machine.

use std::sync::OnceLock;

use tiny_skia::{Path, PathBuilder};
use ttf_parser::{Face, OutlineBuilder};

pub use ttf_parser::GlyphId;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular-subset.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold-subset.ttf");

/// Which of the two embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// A parsed face with the metrics layout needs.
struct Loaded {
    face: Face<'static>,
    /// Font units per pixel of font size.
    upem: f32,
    /// Glyph and advance (font units) of each ASCII character: nearly all
    /// text drawn, looked up without searching the font's tables.
    ascii: [(GlyphId, u16); 128],
}

impl Loaded {
    /// A character's glyph (`.notdef`, an empty box, when the subset lacks
    /// it) and advance in font units.
    fn glyph(&self, c: char) -> (GlyphId, u16) {
        match self.ascii.get(c as usize) {
            Some(g) => *g,
            None => lookup(&self.face, c),
        }
    }
}

fn lookup(face: &Face, c: char) -> (GlyphId, u16) {
    let g = face.glyph_index(c).unwrap_or(GlyphId(0));
    (g, face.glyph_hor_advance(g).unwrap_or(0))
}

fn loaded(weight: Weight) -> &'static Loaded {
    static FACES: OnceLock<[Loaded; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        // The files are part of the binary and checked by the tests below, so
        // a parse failure is a build defect, not user input.
        let parse = |data: &'static [u8]| {
            let face = Face::parse(data, 0).expect("embedded font parses");
            let upem = f32::from(face.units_per_em());
            let mut ascii = [(GlyphId(0), 0); 128];
            for (i, slot) in ascii.iter_mut().enumerate() {
                *slot = lookup(&face, char::from(i as u8));
            }
            Loaded { face, upem, ascii }
        };
        [parse(REGULAR), parse(BOLD)]
    });
    match weight {
        Weight::Regular => &faces[0],
        Weight::Bold => &faces[1],
    }
}

/// A run of text in one face and size (pixels per em).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
}

impl Style {
    pub const fn new(size: f32, weight: Weight) -> Style {
        Style { size, weight }
    }

    /// Advance width of `text`, in pixels.
    pub fn width(&self, text: &str) -> f32 {
        let f = loaded(self.weight);
        let units: u32 = text.chars().map(|c| u32::from(f.glyph(c).1)).sum();
        units as f32 * self.size / f.upem
    }

    /// Height of a capital letter above the baseline, in pixels (for centring).
    pub fn cap_height(&self) -> f32 {
        let f = loaded(self.weight);
        let cap = f.face.capital_height().unwrap_or(f.face.ascender());
        f32::from(cap) * self.size / f.upem
    }

    /// Each glyph of `text` with its advance in pixels.
    pub fn glyphs<'t>(&self, text: &'t str) -> impl Iterator<Item = (GlyphId, f32)> + 't {
        let f = loaded(self.weight);
        let scale = self.size / f.upem;
        text.chars().map(move |c| {
            let (g, advance) = f.glyph(c);
            (g, f32::from(advance) * scale)
        })
    }

    /// One glyph's outline with its origin at (x, y), or `None` for a blank glyph.
    pub fn glyph_path(&self, g: GlyphId, x: f32, y: f32) -> Option<Path> {
        let f = loaded(self.weight);
        let mut pen = Pen {
            pb: PathBuilder::new(),
            x,
            y,
            scale: self.size / f.upem,
        };
        f.face.outline_glyph(g, &mut pen);
        pen.pb.finish()
    }
}

/// Receives glyph outlines in font units (y up) and appends them to a path
/// in pixels (y down) at the pen position.
struct Pen {
    pb: PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Pen {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.pb.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.pb.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x, y) = self.at(x, y);
        self.pb.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x2, y2) = self.at(x2, y2);
        let (x, y) = self.at(x, y);
        self.pb.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.pb.close();
    }
}

/// Breaks `text` into lines no wider than `max` pixels, at spaces; a single
/// word wider than `max` stays whole on its own line.
pub fn wrap(style: &Style, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || style.width(&candidate) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_embedded_faces_parse_and_cover_names() {
        for w in [Weight::Regular, Weight::Bold] {
            let f = loaded(w);
            for c in "AZaz09 —·’…ŵŷ?".chars() {
                assert!(f.face.glyph_index(c).is_some(), "{w:?} lacks {c:?}");
            }
        }
    }

    #[test]
    fn font_width_grows_with_text_and_size() {
        let s = Style::new(12.0, Weight::Regular);
        assert_eq!(s.width(""), 0.0);
        assert!(s.width("Kent") > s.width("Ken"));
        assert!(Style::new(24.0, Weight::Regular).width("Kent") > s.width("Kent") * 1.9);
        assert!(Style::new(12.0, Weight::Bold).width("Kent") > s.width("Kent"));
    }

    #[test]
    fn font_space_has_no_outline_and_letters_sit_on_the_baseline() {
        let s = Style::new(12.0, Weight::Regular);
        let glyphs: Vec<(GlyphId, f32)> = s.glyphs(" K").collect();
        assert!(s.glyph_path(glyphs[0].0, 0.0, 10.0).is_none());
        assert!(glyphs[0].1 > 0.0, "a space still advances");
        let k = s.glyph_path(glyphs[1].0, 0.0, 10.0).unwrap();
        assert!(k.bounds().bottom() <= 10.5 && k.bounds().top() > 0.0);
        assert!((s.cap_height() - (10.0 - k.bounds().top())).abs() < 0.5);
    }

    #[test]
    fn font_wrap_breaks_at_spaces_within_width() {
        let s = Style::new(12.0, Weight::Regular);
        let lines = wrap(&s, "Police powers and public treatment", 110.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| s.width(l) <= 110.0));
        assert_eq!(lines.join(" "), "Police powers and public treatment");
        assert_eq!(wrap(&s, "Unbreakablewordthatislong", 10.0).len(), 1);
        assert!(wrap(&s, "   ", 10.0).is_empty());
    }
}
