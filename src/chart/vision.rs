//! Simulated colour-vision deficiency, to check that the palette's grades
//! stay apart for readers with deuteranopia and protanopia (the common red-
//! green kinds) and to look at a picture as they would see it
//! (`examples/chart_look.rs`).
//!
//! Uses the matrices of Machado, Oliveira and Fernandes (2009) for full
//! deficiency, applied to linear RGB, and CIEDE2000 for how far apart two
//! colours look (ΔE 1976 overrates differences in saturation: it passed the
//! first palette, whose green, orange and red all looked olive).

/// A kind of colour vision, as a matrix on linear RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vision {
    Typical,
    Deuteranopia,
    Protanopia,
}

impl Vision {
    pub const ALL: [Vision; 3] = [Vision::Typical, Vision::Deuteranopia, Vision::Protanopia];

    fn matrix(self) -> [[f32; 3]; 3] {
        match self {
            Vision::Typical => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            // Machado et al. 2009, severity 1.0.
            Vision::Deuteranopia => [
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ],
            Vision::Protanopia => [
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ],
        }
    }

    /// How 0xRRGGBB looks with this kind of vision.
    pub fn see(self, rgb: u32) -> u32 {
        let [_, r, g, b] = rgb.to_be_bytes();
        let lin = [to_linear(r), to_linear(g), to_linear(b)];
        let out: Vec<u8> = self
            .matrix()
            .iter()
            .map(|row| to_srgb(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]))
            .collect();
        u32::from_be_bytes([0, out[0], out[1], out[2]])
    }
}

fn to_linear(c: u8) -> f32 {
    let c = f32::from(c) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn to_srgb(c: f32) -> u8 {
    let c = c.clamp(0.0, 1.0);
    let s = if c <= 0.003_130_8 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    };
    (s * 255.0).round() as u8
}

/// How 0xRRGGBB looks with deuteranopia.
pub fn deuteranopia(rgb: u32) -> u32 {
    Vision::Deuteranopia.see(rgb)
}

/// How different two colours look (CIEDE2000): about 2 is just noticeable;
/// flat fills side by side read as clearly different from about 15.
pub fn delta_e(a: u32, b: u32) -> f32 {
    delta_e_lab(lab(a), lab(b))
}

/// CIEDE2000 between two CIE L*a*b* colours.
pub fn delta_e_lab([l1, a1, b1]: [f32; 3], [l2, a2, b2]: [f32; 3]) -> f32 {
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let c7 = c_bar.powi(7);
    let g = 0.5 * (1.0 - (c7 / (c7 + 25f32.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f32, a: f32| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let mut dh = h2p - h1p;
    if c1p * c2p == 0.0 {
        dh = 0.0;
    } else if dh > 180.0 {
        dh -= 360.0;
    } else if dh < -180.0 {
        dh += 360.0;
    }
    let d_h = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let l_bar = (l1 + l2) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let h_bar = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f32| deg.to_radians().cos();
    let t =
        1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let cp7 = cp_bar.powi(7);
    let r_c = 2.0 * (cp7 / (cp7 + 25f32.powi(7))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * cp_bar;
    let s_h = 1.0 + 0.015 * cp_bar * t;
    let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
    ((dl / s_l).powi(2) + (dc / s_c).powi(2) + (d_h / s_h).powi(2) + r_t * (dc / s_c) * (d_h / s_h))
        .sqrt()
}

/// CIE L*a*b* (D65) of 0xRRGGBB.
pub fn lab(rgb: u32) -> [f32; 3] {
    let [_, r, g, b] = rgb.to_be_bytes();
    let (r, g, b) = (to_linear(r), to_linear(g), to_linear(b));
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
    let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f32| {
        if t > 0.008_856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// Every pixel of an 8-bit RGB buffer as deuteranopia shows it.
pub fn deuteranopia_rgb(pixels: &mut [u8]) {
    for p in pixels.chunks_exact_mut(3) {
        let out = deuteranopia(u32::from_be_bytes([0, p[0], p[1], p[2]]));
        let [_, r, g, b] = out.to_be_bytes();
        p.copy_from_slice(&[r, g, b]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::palette::PALETTE;

    #[test]
    fn vision_greys_and_white_unchanged() {
        for grey in [0x000000, 0x777777, 0xFFFFFF] {
            assert!(delta_e(deuteranopia(grey), grey) < 1.5, "{grey:06X}");
        }
    }

    #[test]
    fn vision_red_and_green_converge() {
        // The point of the simulation: pure red and green look far more alike.
        let (r, g) = (0xD03030, 0x30A030);
        assert!(delta_e(deuteranopia(r), deuteranopia(g)) < delta_e(r, g) / 2.0);
    }

    #[test]
    fn vision_delta_e_matches_published_pairs() {
        // Sharma, Wu and Dalal (2005), the CIEDE2000 test data: pairs 1, 7, 17 and 25.
        let pairs = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            (
                [60.2574, -34.0099, 36.2677],
                [60.4626, -34.1751, 39.4387],
                1.2644,
            ),
        ];
        for (a, b, want) in pairs {
            let got = delta_e_lab(a, b);
            assert!((got - want).abs() < 0.001, "{a:?} {b:?}: {got} != {want}");
        }
        assert!((delta_e(0x000000, 0xFFFFFF) - 100.0).abs() < 0.5);
    }

    /// Every pair of grade colours (and "not in our sources") stays clearly
    /// apart for typical vision and under simulated deuteranopia and protanopia.
    #[test]
    fn vision_palette_distinct_for_every_kind_of_vision() {
        for v in Vision::ALL {
            for (i, a) in PALETTE.iter().enumerate() {
                for b in &PALETTE[i + 1..] {
                    let d = delta_e(v.see(a.rgb), v.see(b.rgb));
                    assert!(d >= 18.0, "{v:?}: {} vs {}: ΔE00 {d:.1}", a.name, b.name);
                }
            }
        }
    }

    /// The first palette, kept to show the check has teeth: under
    /// deuteranopia its good, requires improvement and inadequate converge.
    #[test]
    fn vision_first_palette_fails_the_check() {
        let (good, ri, inadequate) = (0x2E9E4F, 0xF07F1D, 0xB3202A);
        let v = Vision::Deuteranopia;
        assert!(delta_e(v.see(good), v.see(inadequate)) < 18.0);
        assert!(delta_e(v.see(good), v.see(ri)) < 18.0);
    }
}
