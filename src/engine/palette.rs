//! One grade palette for every front end: the terminal, Discord embeds and
//! rendered pictures all take a grade's colour, marker and initial from this
//! table, so a reader learns it once.
//!
//! The hues run blue → green → yellow → orange → red and also step in
//! lightness, and every cell or line also carries the grade's initial or
//! name, so the grades stay apart under the common colour-vision deficiencies.
//! The colours were chosen so that every pair stays clearly apart (CIEDE2000
//! at least 18) for typical vision and under simulated deuteranopia and
//! protanopia, where the first palette's green, orange and red all turned
//! the same olive; `chart::vision`'s tests hold them to that. Green leans
//! towards blue, yellow is light, orange leans towards red and red is dark.
//! "Not in our sources" is a light grey, apart from every grade by lightness.

use crate::knowledge::Grade;

/// How one grade (or "not in our sources") is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// The grade, or `None` for a grade not in our sources.
    pub grade: Option<Grade>,
    /// Display name ("Requires improvement", "Not in our sources").
    pub name: &'static str,
    /// A square emoji that Discord and terminals show inline.
    pub marker: &'static str,
    /// Colour as 0xRRGGBB.
    pub rgb: u32,
    /// Colour of text drawn on `rgb` (black or white, whichever reads better).
    pub ink: u32,
    /// One or two letters for cells too small for the name ("RI").
    pub initial: &'static str,
}

/// Best to worst, then "not in our sources".
pub const PALETTE: [Swatch; 6] = [
    Swatch {
        grade: Some(Grade::Outstanding),
        name: "Outstanding",
        marker: "🟦",
        rgb: 0x1F5FBF,
        ink: 0xFFFFFF,
        initial: "O",
    },
    Swatch {
        grade: Some(Grade::Good),
        name: "Good",
        marker: "🟩",
        rgb: 0x2F9A78,
        ink: 0x111111,
        initial: "G",
    },
    Swatch {
        grade: Some(Grade::Adequate),
        name: "Adequate",
        marker: "🟨",
        rgb: 0xF7E463,
        ink: 0x111111,
        initial: "A",
    },
    Swatch {
        grade: Some(Grade::RequiresImprovement),
        name: "Requires improvement",
        marker: "🟧",
        rgb: 0xD9541A,
        ink: 0xFFFFFF,
        initial: "RI",
    },
    Swatch {
        grade: Some(Grade::Inadequate),
        name: "Inadequate",
        marker: "🟥",
        rgb: 0x7A1F2B,
        ink: 0xFFFFFF,
        initial: "I",
    },
    Swatch {
        grade: None,
        name: "Not in our sources",
        marker: "⬜",
        rgb: 0xC4C9D0,
        ink: 0x111111,
        initial: "?",
    },
];

/// The swatch for a grade, or for "not in our sources" when `None`.
pub fn swatch(grade: Option<Grade>) -> &'static Swatch {
    let i = match grade {
        Some(Grade::Outstanding) => 0,
        Some(Grade::Good) => 1,
        Some(Grade::Adequate) => 2,
        Some(Grade::RequiresImprovement) => 3,
        Some(Grade::Inadequate) => 4,
        None => 5,
    };
    &PALETTE[i]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_covers_every_grade_in_order() {
        for (i, g) in Grade::ALL.iter().enumerate() {
            assert_eq!(PALETTE[i].grade, Some(*g));
            assert_eq!(swatch(Some(*g)).name, g.label());
        }
        assert_eq!(swatch(None).grade, None);
    }

    #[test]
    fn palette_colours_markers_and_initials_distinct() {
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                assert_ne!(a.rgb, b.rgb);
                assert_ne!(a.marker, b.marker);
                assert_ne!(a.initial, b.initial);
            }
        }
    }

    /// Relative luminance (WCAG) of 0xRRGGBB.
    fn luminance(rgb: u32) -> f64 {
        let ch = |s: u32| {
            let c = f64::from((rgb >> s) & 0xFF) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
    }

    #[test]
    fn palette_ink_readable_on_its_colour() {
        for s in &PALETTE {
            let (a, b) = (luminance(s.rgb), luminance(s.ink));
            let contrast = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(contrast >= 3.0, "{}: contrast {contrast:.2}", s.name);
        }
    }
}
