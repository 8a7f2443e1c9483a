//! Paints a [`Scene`] with tiny-skia: every operation antialiased, in order,
//! onto an opaque pixmap.

use tiny_skia::{FillRule, LineCap, PathBuilder, Pixmap, Stroke, Transform};

use super::error::ChartError;
use super::font::paint;
use super::scene::{Op, Rect, Scene};

pub fn paint_scene(scene: &Scene) -> Result<Pixmap, ChartError> {
    let mut pm = Pixmap::new(scene.width, scene.height)
        .ok_or_else(|| ChartError::Encode(format!("bad size {}×{}", scene.width, scene.height)))?;
    for op in &scene.ops {
        match op {
            Op::Fill { rect, rgb } => {
                if let Some(r) = skia_rect(rect) {
                    pm.fill_rect(r, &paint(*rgb), Transform::identity(), None);
                }
            }
            Op::Frame { rect, rgb, width } => {
                if let Some(r) = skia_rect(rect) {
                    let path = PathBuilder::from_rect(r);
                    pm.stroke_path(
                        &path,
                        &paint(*rgb),
                        &stroke(*width),
                        Transform::identity(),
                        None,
                    );
                }
            }
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
                if *vertical {
                    // Drawn at the origin, turned a quarter left, moved to the anchor.
                    let t = Transform::from_rotate(-90.0).post_translate(*x, *y);
                    style.draw(&mut pm, text, 0.0, 0.0, *rgb, t);
                } else {
                    style.draw(&mut pm, text, *x, *y, *rgb, Transform::identity());
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

fn skia_rect(r: &Rect) -> Option<tiny_skia::Rect> {
    tiny_skia::Rect::from_xywh(r.x, r.y, r.w, r.h)
}

fn stroke(width: f32) -> Stroke {
    Stroke {
        width,
        line_cap: LineCap::Butt,
        ..Stroke::default()
    }
}

/// Lines running up to the right (x + y constant), clipped to the rectangle.
fn hatch(pm: &mut Pixmap, r: &Rect, rgb: u32, spacing: f32, width: f32) {
    let mut pb = PathBuilder::new();
    let mut s = r.x + r.y + spacing / 2.0;
    while s < r.right() + r.bottom() {
        let xa = r.x.max(s - r.bottom());
        let xb = r.right().min(s - r.y);
        if xb > xa {
            pb.move_to(xa, s - xa);
            pb.line_to(xb, s - xb);
        }
        s += spacing;
    }
    if let Some(path) = pb.finish() {
        pm.stroke_path(
            &path,
            &paint(rgb),
            &stroke(width),
            Transform::identity(),
            None,
        );
    }
}
