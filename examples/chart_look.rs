//! Renders one picture of each kind and writes, for looking at them as
//! readers would: the PNG itself, the picture at 1× (the size Discord shows)
//! on Discord's dark (#313338) and light (#FFFFFF) themes, and the 1× dark
//! view as simulated deuteranopia sees it.
//!
//! `cargo run --release --example chart_look -- target/chart-look`

use std::path::PathBuf;

use peelbot::chart::{self, vision, CardSpec, CompareSpec, HeatmapSpec, Spec};
use peelbot::knowledge::{load_embedded, Grade};

const DARK: [u8; 3] = [0x31, 0x33, 0x38];
const LIGHT: [u8; 3] = [0xFF, 0xFF, 0xFF];
const PAD: usize = 16;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or("target/chart-look".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let kb = load_embedded()?;
    let specs = [
        ("heatmap", Spec::Heatmap(HeatmapSpec::default())),
        (
            "heatmap-focus",
            Spec::Heatmap(HeatmapSpec {
                area: Some("responding-to-the-public".into()),
                grade: Some(Grade::RequiresImprovement),
                ..HeatmapSpec::default()
            }),
        ),
        (
            "card",
            Spec::Card(CardSpec {
                force: "derbyshire".into(),
            }),
        ),
        (
            "compare",
            Spec::Compare(CompareSpec {
                forces: vec![
                    "essex".into(),
                    "kent".into(),
                    "norfolk".into(),
                    "suffolk".into(),
                ],
                cycle: None,
            }),
        ),
    ];
    for (name, spec) in specs {
        let c = chart::render(&kb, &spec)?;
        std::fs::write(dir.join(format!("{name}.png")), &c.png)?;
        let (w, h, rgb) = decode(&c.png)?;
        let (w1, h1, small) = half(w, h, &rgb);
        for (theme, bg) in [("dark", DARK), ("light", LIGHT)] {
            let (cw, ch, mut canvas) = on(bg, w1, h1, &small);
            write(&dir.join(format!("{name}-1x-{theme}.png")), cw, ch, &canvas)?;
            if theme == "dark" {
                vision::deuteranopia_rgb(&mut canvas);
                write(
                    &dir.join(format!("{name}-1x-deuteranopia.png")),
                    cw,
                    ch,
                    &canvas,
                )?;
            }
        }
        println!(
            "{name}: {}×{} px, {} bytes\n  alt ({} chars): {}",
            c.width,
            c.height,
            c.png.len(),
            c.alt.chars().count(),
            c.alt
        );
    }
    Ok(())
}

fn decode(png_bytes: &[u8]) -> anyhow::Result<(usize, usize, Vec<u8>)> {
    let mut d = png::Decoder::new(std::io::Cursor::new(png_bytes));
    // Indexed pictures come back as RGB.
    d.set_transformations(png::Transformations::EXPAND);
    let mut r = d.read_info()?;
    let mut buf = vec![0; r.output_buffer_size().unwrap_or(0)];
    let info = r.next_frame(&mut buf)?;
    buf.truncate(info.buffer_size());
    Ok((info.width as usize, info.height as usize, buf))
}

/// Halves an RGB image by averaging 2×2 blocks: the picture at 1×.
fn half(w: usize, h: usize, rgb: &[u8]) -> (usize, usize, Vec<u8>) {
    let (w2, h2) = (w / 2, h / 2);
    let mut out = vec![0u8; w2 * h2 * 3];
    for y in 0..h2 {
        for x in 0..w2 {
            for c in 0..3 {
                let p =
                    |dx: usize, dy: usize| u32::from(rgb[((2 * y + dy) * w + 2 * x + dx) * 3 + c]);
                out[(y * w2 + x) * 3 + c] = ((p(0, 0) + p(1, 0) + p(0, 1) + p(1, 1) + 2) / 4) as u8;
            }
        }
    }
    (w2, h2, out)
}

/// The picture with a margin of the theme's background around it.
fn on(bg: [u8; 3], w: usize, h: usize, rgb: &[u8]) -> (usize, usize, Vec<u8>) {
    let (cw, ch) = (w + 2 * PAD, h + 2 * PAD);
    let mut out: Vec<u8> = std::iter::repeat_n(bg, cw * ch).flatten().collect();
    for y in 0..h {
        let src = &rgb[y * w * 3..(y + 1) * w * 3];
        let at = ((y + PAD) * cw + PAD) * 3;
        out[at..at + w * 3].copy_from_slice(src);
    }
    (cw, ch, out)
}

fn write(path: &std::path::Path, w: usize, h: usize, rgb: &[u8]) -> anyhow::Result<()> {
    let f = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut e = png::Encoder::new(f, w as u32, h as u32);
    e.set_color(png::ColorType::Rgb);
    e.write_header()?.write_image_data(rgb)?;
    Ok(())
}
