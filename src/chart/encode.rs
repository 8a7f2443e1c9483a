//! PNG bytes from a painted pixmap, with nothing but the image: no time,
//! software or text chunks, so equal pixels always give equal bytes.
//!
//! Pictures are flat colours plus antialiased edges, which tiny-skia draws
//! with a limited number of coverage levels: a whole picture has fewer than
//! 256 distinct colours, so it is written losslessly as an indexed PNG
//! (a third of the RGB size, and quicker to compress). A picture with more
//! colours is written as 8-bit RGB.

use std::collections::BTreeMap;

use tiny_skia::Pixmap;

use super::error::ChartError;

pub fn png(pm: &Pixmap) -> Result<Vec<u8>, ChartError> {
    // Every picture starts with an opaque fill, so premultiplied RGBA is plain RGB.
    let pixels = pm.data().chunks_exact(4).map(|p| [p[0], p[1], p[2]]);
    // Colours in sorted order, so the palette is the same whatever the drawing order.
    let mut colours: BTreeMap<[u8; 3], u8> = BTreeMap::new();
    for p in pixels.clone() {
        if colours.len() > 256 {
            break;
        }
        colours.entry(p).or_insert(0);
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pm.width(), pm.height());
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::High);
    let data: Vec<u8> = if colours.len() <= 256 {
        for (i, v) in colours.values_mut().enumerate() {
            *v = i as u8;
        }
        enc.set_color(png::ColorType::Indexed);
        enc.set_palette(colours.keys().flatten().copied().collect::<Vec<u8>>());
        // Runs of one colour are the common case: look a pixel up only when it changes.
        let mut last: Option<([u8; 3], u8)> = None;
        pixels
            .map(|p| match last {
                Some((c, i)) if c == p => i,
                _ => {
                    let i = colours[&p];
                    last = Some((p, i));
                    i
                }
            })
            .collect()
    } else {
        enc.set_color(png::ColorType::Rgb);
        pixels.flatten().collect()
    };
    let err = |e: png::EncodingError| ChartError::Encode(e.to_string());
    let mut w = enc.write_header().map_err(err)?;
    w.write_image_data(&data).map_err(err)?;
    w.finish().map_err(err)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiny_skia::{Color, Paint, Rect, Transform};

    fn decode(bytes: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut r = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        let info = r.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (r.info().color_type, buf)
    }

    #[test]
    fn encode_few_colours_indexed_and_lossless() {
        let mut pm = Pixmap::new(8, 4).unwrap();
        pm.fill(Color::from_rgba8(255, 255, 255, 255));
        let mut p = Paint::default();
        p.set_color_rgba8(0x1F, 0x5F, 0xBF, 255);
        pm.fill_rect(
            Rect::from_xywh(2.0, 1.0, 3.0, 2.0).unwrap(),
            &p,
            Transform::identity(),
            None,
        );
        let bytes = png(&pm).unwrap();
        let (ty, _) = decode(&bytes);
        assert_eq!(ty, png::ColorType::Indexed);
        // Decoded with the palette expanded, every pixel is as painted.
        let mut r = png::Decoder::new(std::io::Cursor::new(&bytes));
        r.set_transformations(png::Transformations::EXPAND);
        let mut r = r.read_info().unwrap();
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        r.next_frame(&mut buf).unwrap();
        let rgb: Vec<[u8; 3]> = pm
            .data()
            .chunks_exact(4)
            .map(|p| [p[0], p[1], p[2]])
            .collect();
        let got: Vec<[u8; 3]> = buf.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect();
        assert_eq!(got, rgb);
    }

    #[test]
    fn encode_many_colours_rgb() {
        let mut pm = Pixmap::new(32, 16).unwrap();
        for (i, px) in pm.pixels_mut().iter_mut().enumerate() {
            let v = (i % 256) as u8;
            *px = tiny_skia::PremultipliedColorU8::from_rgba(v, 255 - v, (i / 256) as u8 * 40, 255)
                .unwrap();
        }
        let (ty, buf) = decode(&png(&pm).unwrap());
        assert_eq!(ty, png::ColorType::Rgb);
        assert_eq!(buf.len(), 32 * 16 * 3);
    }
}
