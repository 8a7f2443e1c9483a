//! Paints a [`Scene`] with tiny-skia: every operation antialiased, in order,
//! onto an opaque pixmap.
//!
//! Text is most of the work, so each glyph is rasterised once (per size,
//! weight and quarter-pixel offset) into a coverage mask, kept for every
//! later picture, and blended from there; hatching is a pixel pattern. Both use integer
//! arithmetic only, so every machine gets the same pixels.

use std::sync::{Mutex, MutexGuard, OnceLock};

use rustc_hash::FxHashMap;
use tiny_skia::{
    FillRule, LineCap, Paint, PathBuilder, Pixmap, PremultipliedColorU8, Stroke, Transform,
};

use super::error::ChartError;
use super::font::{GlyphId, Style, Weight};
use super::scene::{Op, Rect, Scene};

pub fn paint_scene(scene: &Scene) -> Result<Pixmap, ChartError> {
    let mut pm = Pixmap::new(scene.width, scene.height)
        .ok_or_else(|| ChartError::Encode(format!("bad size {}×{}", scene.width, scene.height)))?;
    for op in &scene.ops {
        match op {
            Op::Fill { rect, rgb } => fill(&mut pm, rect, *rgb),
            Op::Frame { rect, rgb, width } => frame(&mut pm, rect, *rgb, *width),
            Op::Hatch {
                rect,
                rgb,
                spacing,
                width,
            } => hatch(&mut pm, rect, *rgb, *spacing, *width),
            Op::Text {
                text,
                x,
                y,
                style,
                rgb,
                vertical,
            } => {
                let mut glyphs = Glyphs::lock();
                if *vertical {
                    glyphs.draw_vertical(&mut pm, text, *style, *x, *y, *rgb);
                } else {
                    glyphs.draw(&mut pm, text, *style, *x, *y, *rgb);
                }
            }
            Op::Triangle { points, rgb } => {
                let mut pb = PathBuilder::new();
                pb.move_to(points[0].0, points[0].1);
                pb.line_to(points[1].0, points[1].1);
                pb.line_to(points[2].0, points[2].1);
                pb.close();
                if let Some(path) = pb.finish() {
                    pm.fill_path(
                        &path,
                        &paint(*rgb),
                        FillRule::Winding,
                        Transform::identity(),
                        None,
                    );
                }
            }
            Op::Line {
                from,
                to,
                rgb,
                width,
            } => {
                let mut pb = PathBuilder::new();
                pb.move_to(from.0, from.1);
                pb.line_to(to.0, to.1);
                if let Some(path) = pb.finish() {
                    pm.stroke_path(
                        &path,
                        &paint(*rgb),
                        &stroke(*width),
                        Transform::identity(),
                        None,
                    );
                }
            }
        }
    }
    Ok(pm)
}

/// A solid, antialiased paint of 0xRRGGBB.
pub fn paint(rgb: u32) -> Paint<'static> {
    let mut p = Paint::default();
    let [_, r, g, b] = rgb.to_be_bytes();
    p.set_color_rgba8(r, g, b, 255);
    p.anti_alias = true;
    p
}

/// A rectangle on whole pixels (as layout places them), clipped to the picture.
fn fill(pm: &mut Pixmap, r: &Rect, rgb: u32) {
    let [_, red, green, blue] = rgb.to_be_bytes();
    let Some(c) = PremultipliedColorU8::from_rgba(red, green, blue, 255) else {
        return;
    };
    let (w, h) = (pm.width() as i64, pm.height() as i64);
    let clamp = |v: f32, max: i64| (v.round() as i64).clamp(0, max) as usize;
    let (x0, x1) = (clamp(r.x, w), clamp(r.right(), w));
    let (y0, y1) = (clamp(r.y, h), clamp(r.bottom(), h));
    if x0 >= x1 {
        return;
    }
    let w = w as usize;
    let pixels = pm.pixels_mut();
    for y in y0..y1 {
        pixels[y * w + x0..y * w + x1].fill(c);
    }
}

/// Four filled bands inside the rectangle's edge (crisp on whole pixels).
fn frame(pm: &mut Pixmap, r: &Rect, rgb: u32, width: f32) {
    let w = width.min(r.w / 2.0).min(r.h / 2.0);
    let bands = [
        Rect::new(r.x, r.y, r.w, w),
        Rect::new(r.x, r.bottom() - w, r.w, w),
        Rect::new(r.x, r.y + w, w, r.h - 2.0 * w),
        Rect::new(r.right() - w, r.y + w, w, r.h - 2.0 * w),
    ];
    for band in bands {
        fill(pm, &band, rgb);
    }
}

fn stroke(width: f32) -> Stroke {
    Stroke {
        width,
        line_cap: LineCap::Butt,
        ..Stroke::default()
    }
}

/// Lines running up to the right, `width` pixels across and `spacing`
/// apart, as a pixel pattern anchored to the picture (so neighbouring cells
/// line up).
fn hatch(pm: &mut Pixmap, r: &Rect, rgb: u32, spacing: f32, width: f32) {
    let (spacing, width) = (
        spacing.round().max(2.0) as u32,
        width.round().max(1.0) as u32,
    );
    let [_, red, green, blue] = rgb.to_be_bytes();
    let w = pm.width();
    let data = pm.data_mut();
    for y in r.y.ceil() as u32..r.bottom().floor() as u32 {
        for x in r.x.ceil() as u32..r.right().floor() as u32 {
            if (x + y) % spacing < width {
                let i = ((y * w + x) * 4) as usize;
                data[i..i + 4].copy_from_slice(&[red, green, blue, 255]);
            }
        }
    }
}

/// A glyph's coverage (0 to 255), placed relative to its pen position.
struct Mask {
    left: i32,
    top: i32,
    width: u32,
    height: u32,
    coverage: Vec<u8>,
}

type MaskKey = (Weight, u32, GlyphId, u8);

/// Every glyph mask drawn so far, kept for later pictures: a mask depends
/// only on its key, so keeping it changes no pixel. Bounded by the embedded
/// fonts: two weights × a few sizes × their glyphs × four offsets.
struct Glyphs {
    masks: MutexGuard<'static, FxHashMap<MaskKey, Option<Mask>>>,
}

/// Pen positions are kept to a quarter pixel.
const PHASES: f32 = 4.0;

impl Glyphs {
    /// The masks, held for one line of text at a time so pictures drawn at
    /// once take turns per line, not per picture.
    fn lock() -> Glyphs {
        static MASKS: OnceLock<Mutex<FxHashMap<MaskKey, Option<Mask>>>> = OnceLock::new();
        let masks = MASKS
            .get_or_init(Mutex::default)
            .lock()
            // A panic mid-insert leaves whole entries only: the map is still sound.
            .unwrap_or_else(|e| e.into_inner());
        Glyphs { masks }
    }

    /// Draws a line of text with its baseline starting at (x, y).
    fn draw(&mut self, pm: &mut Pixmap, text: &str, style: Style, x: f32, y: f32, rgb: u32) {
        let (whole, frac) = (x.floor(), x - x.floor());
        for (mask, dx) in self.placed(text, style, frac) {
            blend(pm, mask, whole as i32 + dx, y.round() as i32, rgb, false);
        }
    }

    /// Draws a line of text reading bottom to top, its baseline starting at
    /// (x, y): the same glyph masks, turned a quarter left pixel for pixel.
    fn draw_vertical(
        &mut self,
        pm: &mut Pixmap,
        text: &str,
        style: Style,
        x: f32,
        y: f32,
        rgb: u32,
    ) {
        let (whole, frac) = (y.floor(), y - y.floor());
        let placed: Vec<(&Mask, i32)> = self.placed(text, style, 1.0 - frac).collect();
        for (mask, dy) in placed {
            blend(pm, mask, x.round() as i32, whole as i32 + 1 - dy, rgb, true);
        }
    }

    /// Each glyph's mask with its whole-pixel offset along the line, the pen
    /// starting `start` (0..1) of a pixel in.
    fn placed<'a>(
        &'a mut self,
        text: &str,
        style: Style,
        start: f32,
    ) -> impl Iterator<Item = (&'a Mask, i32)> + 'a {
        let mut pen = start;
        let mut keys = Vec::new();
        for (g, advance) in style.glyphs(text) {
            let mut whole = pen.floor();
            let mut phase = ((pen - whole) * PHASES).round() as u8;
            if f32::from(phase) >= PHASES {
                whole += 1.0;
                phase = 0;
            }
            let key = (style.weight, style.size.to_bits(), g, phase);
            self.masks
                .entry(key)
                .or_insert_with(|| rasterise(style, g, f32::from(phase) / PHASES));
            keys.push((key, whole as i32));
            pen += advance;
        }
        let masks = &self.masks;
        keys.into_iter()
            .filter_map(move |(k, dx)| masks.get(&k).and_then(Option::as_ref).map(|m| (m, dx)))
    }
}

/// One glyph, antialiased by tiny-skia into its own small pixmap.
fn rasterise(style: Style, g: GlyphId, dx: f32) -> Option<Mask> {
    let path = style.glyph_path(g, dx, 0.0)?;
    let b = path.bounds();
    let (left, top) = (b.left().floor() as i32 - 1, b.top().floor() as i32 - 1);
    let width = (b.right().ceil() as i32 - left + 1) as u32;
    let height = (b.bottom().ceil() as i32 - top + 1) as u32;
    let mut pm = Pixmap::new(width, height)?;
    let mut white = Paint::default();
    white.set_color_rgba8(255, 255, 255, 255);
    white.anti_alias = true;
    let t = Transform::from_translate(-left as f32, -top as f32);
    pm.fill_path(&path, &white, FillRule::Winding, t, None);
    let coverage = pm.data().chunks_exact(4).map(|p| p[3]).collect();
    Some(Mask {
        left,
        top,
        width,
        height,
        coverage,
    })
}

/// Blends `rgb` through a mask onto an opaque pixmap, in integers; the
/// mask's origin at (x, y), turned a quarter left when `turned`.
fn blend(pm: &mut Pixmap, m: &Mask, x: i32, y: i32, rgb: u32, turned: bool) {
    let [_, r, g, b] = rgb.to_be_bytes();
    let src = [u32::from(r), u32::from(g), u32::from(b)];
    let (pw, ph) = (pm.width() as i32, pm.height() as i32);
    let data = pm.data_mut();
    for my in 0..m.height as i32 {
        for mx in 0..m.width as i32 {
            let c = u32::from(m.coverage[(my * m.width as i32 + mx) as usize]);
            if c == 0 {
                continue;
            }
            // Glyph space (right, down) → picture; turned: right → up, down → right.
            let (gx, gy) = (m.left + mx, m.top + my);
            let (px, py) = if turned {
                (x + gy, y - gx)
            } else {
                (x + gx, y + gy)
            };
            if px < 0 || py < 0 || px >= pw || py >= ph {
                continue;
            }
            let i = ((py * pw + px) * 4) as usize;
            for k in 0..3 {
                let d = u32::from(data[i + k]);
                data[i + k] = ((src[k] * c + d * (255 - c) + 127) / 255) as u8;
            }
        }
    }
}
