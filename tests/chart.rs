//! Pictures as a reader gets them: the PNG's size, what colour a cell is at
//! the position the layout gives it, how an unknown cell is marked, that the
//! same request gives the same bytes, and the limits Discord sets (file
//! size, alt text length) for every force and cycle.
//!
//! Contents: dimensions · known cells (heatmap, card, compare) · unknown
//! cells · split grades · focus and outline · determinism · limits over the
//! whole knowledge base · text sizes.

use peelbot::chart::{
    self, CardSpec, ChartKind, CompareSpec, HeatmapSpec, Op, Rect, Spec, ALT_MAX, OUTLINE_OUTER,
    SCALE, TEXT_SIZE, WIDTH,
};
use peelbot::engine::palette::{swatch, PALETTE};
use peelbot::knowledge::{load_embedded, AreaGrade, Grade, KnowledgeBase};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const MAX_BYTES: usize = 300 * 1024;

/// A decoded picture, 8-bit RGB.
struct Image {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Image {
    fn decode(png_bytes: &[u8]) -> Image {
        let mut d = png::Decoder::new(std::io::Cursor::new(png_bytes));
        d.set_transformations(png::Transformations::EXPAND);
        let mut r = d.read_info().expect("a PNG");
        let mut buf = vec![0; r.output_buffer_size().expect("size")];
        let info = r.next_frame(&mut buf).expect("a frame");
        assert_eq!(info.color_type, png::ColorType::Rgb, "opaque pictures");
        buf.truncate(info.buffer_size());
        Image {
            width: info.width,
            height: info.height,
            rgb: buf,
        }
    }

    fn at(&self, x: u32, y: u32) -> u32 {
        let i = ((y * self.width + x) * 3) as usize;
        u32::from_be_bytes([0, self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]])
    }

    /// Every pixel wholly inside the rectangle.
    fn pixels_in(&self, r: Rect) -> Vec<u32> {
        let (x0, y0) = (r.x.ceil() as u32, r.y.ceil() as u32);
        let (x1, y1) = (r.right().floor() as u32, r.bottom().floor() as u32);
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .map(|(x, y)| self.at(x, y))
            .collect()
    }
}

fn kb() -> KnowledgeBase {
    load_embedded().expect("embedded base loads")
}

fn heatmap() -> Spec {
    Spec::Heatmap(HeatmapSpec::default())
}

fn share(pixels: &[u32], rgb: u32) -> f32 {
    pixels.iter().filter(|p| **p == rgb).count() as f32 / pixels.len() as f32
}

/// The grade a force's file gives an area in a cycle, read from the TOML
/// itself rather than through the loader.
fn grade_in_file(slug: &str, cycle: &str, area: &str) -> Grade {
    let path = format!("{ROOT}/knowledge/forces/{slug}.toml");
    let text = std::fs::read_to_string(&path).expect("force file");
    let doc: toml::Value = toml::from_str(&text).expect("TOML");
    let ins = doc["inspection"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["cycle"].as_str() == Some(cycle))
        .unwrap_or_else(|| panic!("{slug}: no {cycle}"));
    let g = ins["grade"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["area"].as_str() == Some(area))
        .unwrap_or_else(|| panic!("{slug} {cycle}: no {area}"));
    Grade::parse(g["grade"].as_str().unwrap()).unwrap()
}

/// The cell's own colour covers most of it (its initial or name covers the rest).
fn assert_cell_colour(img: &Image, rect: Rect, grade: Grade, what: &str) {
    let want = swatch(Some(grade)).rgb;
    let px = img.pixels_in(rect);
    assert!(
        share(&px, want) > 0.6,
        "{what}: {:.2} of the cell is {want:06X}",
        share(&px, want)
    );
    // A corner, clear of the text, is exactly the grade's colour.
    assert_eq!(
        img.at(rect.x as u32 + 2, rect.y as u32 + 2),
        want,
        "{what}: corner"
    );
    // The initial or name is drawn in the palette's ink.
    let ink = swatch(Some(grade)).ink;
    assert!(px.contains(&ink), "{what}: no {ink:06X} text");
}

// ---------------------------------------------------------------------------
// Dimensions

#[test]
fn heatmap_png_has_the_layout_size_at_twice_the_embed_width() {
    let kb = kb();
    let plan = chart::plan(&kb, &heatmap()).unwrap();
    let c = chart::render(&kb, &heatmap()).unwrap();
    let img = Image::decode(&c.png);
    assert_eq!(img.width, (WIDTH * SCALE) as u32);
    assert_eq!((img.width, img.height), (c.width, c.height));
    assert_eq!((c.width, c.height), (plan.scene.width, plan.scene.height));
    assert_eq!(c.kind, ChartKind::Heatmap);
    assert_eq!(c.file_name, "peel-heatmap.png");
}

// ---------------------------------------------------------------------------
// Known cells

#[test]
fn heatmap_known_cell_has_its_grade_colour_at_its_computed_position() {
    let kb = kb();
    let want = grade_in_file("derbyshire", "PEEL 2023-25", "Responding to the public");
    let plan = chart::plan(&kb, &heatmap()).unwrap();
    let rect = plan
        .scene
        .cell("derbyshire", "responding-to-the-public")
        .unwrap();
    let img = Image::decode(&chart::render(&kb, &heatmap()).unwrap().png);
    assert_cell_colour(&img, rect, want, "Derbyshire, responding");
    // Its neighbour in the same row is another cell, not this one stretched.
    let next = plan
        .scene
        .cell("derbyshire", "investigating-crime")
        .unwrap();
    assert!(next.x >= rect.right() && next.y == rect.y);
}

#[test]
fn card_known_cells_for_both_cycles() {
    let kb = kb();
    let spec = Spec::Card(CardSpec {
        force: "derbyshire".into(),
    });
    let plan = chart::plan(&kb, &spec).unwrap();
    let img = Image::decode(&chart::render(&kb, &spec).unwrap().png);
    let new = grade_in_file("derbyshire", "PEEL 2023-25", "Responding to the public");
    let old = grade_in_file("derbyshire", "PEEL 2021/22", "Responding to the public");
    let row = "responding-to-the-public";
    assert_cell_colour(
        &img,
        plan.scene.cell(row, "2023-25").unwrap(),
        new,
        "2023-25",
    );
    assert_cell_colour(
        &img,
        plan.scene.cell(row, "2021-22").unwrap(),
        old,
        "2021/22",
    );
    // Leadership's 2021/22 cell is its predecessor's grade (Good use of resources).
    let lead = plan
        .scene
        .cell("leadership-and-force-management", "2021-22")
        .unwrap();
    let pred = grade_in_file(
        "derbyshire",
        "PEEL 2021/22",
        "Strategic planning, organisational management and value for money",
    );
    assert_cell_colour(&img, lead, pred, "leadership 2021/22");
}

#[test]
fn compare_known_cells_in_force_order() {
    let kb = kb();
    let spec = Spec::Compare(CompareSpec {
        forces: vec!["derbyshire".into(), "essex".into()],
        cycle: None,
    });
    let plan = chart::plan(&kb, &spec).unwrap();
    let img = Image::decode(&chart::render(&kb, &spec).unwrap().png);
    let d = plan
        .scene
        .cell("responding-to-the-public", "derbyshire")
        .unwrap();
    let e = plan
        .scene
        .cell("responding-to-the-public", "essex")
        .unwrap();
    assert!(e.x > d.x, "forces left to right in the order asked");
    let want = grade_in_file("derbyshire", "PEEL 2023-25", "Responding to the public");
    assert_cell_colour(&img, d, want, "Derbyshire");
}

// ---------------------------------------------------------------------------
// Unknown cells

#[test]
fn heatmap_unknown_cell_is_hatched_and_has_no_grade_colour() {
    let kb = kb();
    // Greater Manchester's 2023-25 grades are counted in our sources but none is named.
    let gm = kb.force("greater-manchester").unwrap();
    assert_eq!(gm.inspection(0).unwrap().known_areas(), 0);
    let plan = chart::plan(&kb, &heatmap()).unwrap();
    let img = Image::decode(&chart::render(&kb, &heatmap()).unwrap().png);
    let rect = plan
        .scene
        .cell("greater-manchester", "investigating-crime")
        .unwrap();
    let px = img.pixels_in(rect);
    let hatch = swatch(None).rgb;
    let (lines, ground) = (share(&px, hatch), share(&px, chart::BACKGROUND));
    assert!(
        lines > 0.1 && ground > 0.1,
        "hatched: {lines:.2} lines, {ground:.2} ground"
    );
    for s in PALETTE.iter().filter(|s| s.grade.is_some()) {
        assert!(!px.contains(&s.rgb), "unknown cell shows {}", s.name);
    }
    let alt = chart::render(&kb, &heatmap()).unwrap().alt;
    assert!(alt.contains("not in our sources (hatched)"), "{alt}");
    assert!(
        alt.contains("No grades in our sources for Greater Manchester"),
        "{alt}"
    );
}

#[test]
fn card_area_absent_from_a_cycle_is_not_called_unknown() {
    let kb = kb();
    let spec = Spec::Card(CardSpec {
        force: "derbyshire".into(),
    });
    let plan = chart::plan(&kb, &spec).unwrap();
    let img = Image::decode(&chart::render(&kb, &spec).unwrap().png);
    // Supporting victims was graded only in 2021/22: its 2023-25 cell is blank.
    let rect = plan.scene.cell("supporting-victims", "2023-25").unwrap();
    let px = img.pixels_in(rect);
    assert!(!px.contains(&swatch(None).rgb), "absent is not hatched");
    assert!(share(&px, chart::BACKGROUND) > 0.9);
}

// ---------------------------------------------------------------------------
// Split grades

#[test]
fn split_grade_shows_the_worse_marks_the_cell_and_says_so() {
    let mut kb = kb();
    let slug = "derbyshire";
    let fi = kb.forces.iter().position(|f| f.slug == slug).unwrap();
    let ci = 0;
    let area = kb.cycles[ci]
        .areas
        .iter()
        .position(|a| a.id == "responding-to-the-public")
        .unwrap();
    let ins = kb.forces[fi]
        .inspections
        .iter_mut()
        .find(|i| i.cycle == ci)
        .unwrap();
    let first = ins.grades_for(area).next().unwrap().grade;
    assert_ne!(first, Grade::Inadequate);
    ins.grades.push(AreaGrade {
        area,
        wording: "Answering 999 calls".into(),
        grade: Grade::Inadequate,
        source: "https://example.org/split".into(),
    });
    let c = chart::render(&kb, &heatmap()).unwrap();
    let plan = chart::plan(&kb, &heatmap()).unwrap();
    let rect = plan.scene.cell(slug, "responding-to-the-public").unwrap();
    let img = Image::decode(&c.png);
    assert_cell_colour(&img, rect, Grade::Inadequate, "split shows the worse");
    // The corner mark, in the ink colour, at the top right.
    let ink = swatch(Some(Grade::Inadequate)).ink;
    assert_eq!(img.at(rect.right() as u32 - 2, rect.y as u32 + 1), ink);
    assert!(
        c.alt
            .contains("Derbyshire, Responding to the public: the source gives two grades"),
        "{}",
        c.alt
    );
}

// ---------------------------------------------------------------------------
// Focus and outline

#[test]
fn heatmap_focus_outlines_matching_cells_and_names_them_in_alt_text() {
    let kb = kb();
    let spec = Spec::Heatmap(HeatmapSpec {
        area: Some("responding-to-the-public".into()),
        grade: Some(Grade::Inadequate),
        ..HeatmapSpec::default()
    });
    let plan = chart::plan(&kb, &spec).unwrap();
    let c = chart::render(&kb, &spec).unwrap();
    let img = Image::decode(&c.png);
    let ai = kb.cycles[0]
        .areas
        .iter()
        .position(|a| a.id == "responding-to-the-public")
        .unwrap();
    let mut outlined = 0;
    for f in &kb.forces {
        let Some(rect) = plan.scene.cell(&f.slug, "responding-to-the-public") else {
            continue;
        };
        let inadequate = f
            .inspection(0)
            .is_some_and(|i| i.grades_for(ai).any(|g| g.grade == Grade::Inadequate));
        // Just outside the left edge: the outline, or the gap between cells.
        let edge = img.at(rect.x as u32 - 1, rect.y as u32 + rect.h as u32 / 2);
        if inadequate {
            outlined += 1;
            assert_eq!(edge, OUTLINE_OUTER, "{} is outlined", f.slug);
            assert!(c.alt.contains(f.short_name()), "{} named in alt", f.slug);
        } else {
            assert_ne!(edge, OUTLINE_OUTER, "{} is not outlined", f.slug);
        }
    }
    assert!(outlined > 0, "some force is inadequate at responding");
    assert!(
        c.alt
            .contains("Highlighted column, Responding to the public"),
        "{}",
        c.alt
    );
}

// ---------------------------------------------------------------------------
// Determinism

#[test]
fn same_spec_gives_byte_identical_png_across_renders_and_bases() {
    for spec in [
        heatmap(),
        Spec::Card(CardSpec {
            force: "kent".into(),
        }),
        Spec::Compare(CompareSpec {
            forces: vec!["essex".into(), "kent".into(), "surrey".into()],
            cycle: Some("2021-22".into()),
        }),
    ] {
        // Two separately loaded bases: nothing carries over between renders.
        let a = chart::render(&kb(), &spec).unwrap();
        let b = chart::render(&kb(), &spec).unwrap();
        assert!(a.png == b.png, "{spec:?}");
        assert_eq!(a.alt, b.alt);
        // Nothing but the image: IHDR, PLTE, IDAT, IEND (no time or text chunks).
        let chunks = chunk_names(&a.png);
        assert!(
            chunks
                .iter()
                .all(|c| ["IHDR", "PLTE", "IDAT", "IEND"].contains(&c.as_str())),
            "{chunks:?}"
        );
    }
}

fn chunk_names(png: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 8;
    while i + 8 <= png.len() {
        let len = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
        out.push(String::from_utf8_lossy(&png[i + 4..i + 8]).into_owned());
        i += 12 + len;
    }
    out
}

// ---------------------------------------------------------------------------
// Limits over the whole knowledge base

#[test]
fn every_picture_fits_discord_limits() {
    let kb = kb();
    let mut specs: Vec<Spec> = kb
        .forces
        .iter()
        .map(|f| {
            Spec::Card(CardSpec {
                force: f.slug.clone(),
            })
        })
        .collect();
    for c in &kb.cycles {
        specs.push(Spec::Heatmap(HeatmapSpec {
            cycle: Some(c.id.clone()),
            ..HeatmapSpec::default()
        }));
        for a in &c.areas {
            specs.push(Spec::Heatmap(HeatmapSpec {
                cycle: Some(c.id.clone()),
                area: Some(a.id.clone()),
                grade: Some(Grade::RequiresImprovement),
                ..HeatmapSpec::default()
            }));
        }
        specs.push(Spec::Compare(CompareSpec {
            forces: kb.forces[..4].iter().map(|f| f.slug.clone()).collect(),
            cycle: Some(c.id.clone()),
        }));
    }
    for r in &kb.regions {
        specs.push(Spec::Heatmap(HeatmapSpec {
            region: Some(r.name.clone()),
            ..HeatmapSpec::default()
        }));
    }
    for spec in &specs {
        let c = chart::render(&kb, spec).unwrap_or_else(|e| panic!("{spec:?}: {e}"));
        assert!(c.png.len() < MAX_BYTES, "{spec:?}: {} bytes", c.png.len());
        let n = c.alt.chars().count();
        assert!(n > 40 && n <= ALT_MAX, "{spec:?}: alt {n} chars");
        assert!(c.file_name.is_ascii() && !c.file_name.contains(' '));
    }
}

#[test]
fn no_text_smaller_than_12_px_at_1x() {
    let kb = kb();
    for spec in [
        heatmap(),
        Spec::Card(CardSpec {
            force: "kent".into(),
        }),
        Spec::Compare(CompareSpec {
            forces: vec![
                "essex".into(),
                "kent".into(),
                "surrey".into(),
                "sussex".into(),
            ],
            cycle: None,
        }),
    ] {
        let plan = chart::plan(&kb, &spec).unwrap();
        let sizes: Vec<f32> = plan
            .scene
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { style, .. } => Some(style.size),
                _ => None,
            })
            .collect();
        assert!(!sizes.is_empty());
        for s in sizes {
            assert!(s / SCALE >= TEXT_SIZE && TEXT_SIZE >= 12.0, "{spec:?}: {s}");
        }
    }
}
