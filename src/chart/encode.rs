//! PNG bytes from a painted pixmap, with nothing but the image: no time,
//! software or text chunks, so equal pixels always give equal bytes.
//!
//! Pictures are flat colours plus antialiased edges with a limited number of
//! coverage levels: a whole picture has fewer than 256 distinct colours, so
//! it is written losslessly as an indexed PNG (a third of the RGB size, and
//! quicker to compress). A picture with more colours is written as 8-bit RGB.

use rustc_hash::FxHashMap;
use tiny_skia::{Pixmap, PremultipliedColorU8};

use super::error::ChartError;

pub fn png(pm: &Pixmap) -> Result<Vec<u8>, ChartError> {
    match indices(pm) {
        Some((colours, filtered)) => indexed(pm, &colours, &filtered),
        None => rgb(pm),
    }
}

/// A pixel as 0xRRGGBB. Every picture starts with an opaque fill, so
/// premultiplied RGBA is plain RGB.
fn colour(p: PremultipliedColorU8) -> u32 {
    u32::from_be_bytes([0, p.red(), p.green(), p.blue()])
}

/// The picture as palette indices, or `None` when it has more than 256
/// colours. The palette is in order of first appearance (raster order), so
/// it depends on the pixels alone. Each scanline of indices follows a
/// filter-type byte: "Up" (each byte minus the one above), so the many rows
/// that repeat the row above become runs of zeros.
fn indices(pm: &Pixmap) -> Option<(Vec<u32>, Vec<u8>)> {
    let width = pm.width() as usize;
    let mut colours: Vec<u32> = Vec::new();
    let mut index: FxHashMap<u32, u8> = FxHashMap::default();
    let mut filtered = Vec::with_capacity((width + 1) * pm.height() as usize);
    let mut above_pixels: &[PremultipliedColorU8] = &[];
    let mut above = vec![0u8; width];
    let mut row = vec![0u8; width];
    let mut last = (PremultipliedColorU8::TRANSPARENT, 0u8);
    for line in pm.pixels().chunks_exact(width) {
        filtered.push(2);
        if line == above_pixels {
            filtered.resize(filtered.len() + width, 0);
            continue;
        }
        above_pixels = line;
        for (slot, &p) in row.iter_mut().zip(line) {
            // Runs of one colour are the common case: look a pixel up only when it changes.
            // (`last` starts transparent, which no pixel of an opaque picture is.)
            if p != last.0 {
                let c = colour(p);
                let i = match index.get(&c) {
                    Some(i) => *i,
                    None if colours.len() < 256 => {
                        let i = colours.len() as u8;
                        colours.push(c);
                        index.insert(c, i);
                        i
                    }
                    None => return None,
                };
                last = (p, i);
            }
            *slot = last.1;
        }
        let start = filtered.len();
        filtered.resize(start + width, 0);
        for ((out, b), a) in filtered[start..].iter_mut().zip(&row).zip(&above) {
            *out = b.wrapping_sub(*a);
        }
        std::mem::swap(&mut row, &mut above);
    }
    Some((colours, filtered))
}

fn indexed(pm: &Pixmap, colours: &[u32], filtered: &[u8]) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pm.width(), pm.height());
    enc.set_depth(png::BitDepth::Eight);
    enc.set_color(png::ColorType::Indexed);
    enc.set_palette(
        colours
            .iter()
            .flat_map(|c| rgb_bytes(*c))
            .collect::<Vec<u8>>(),
    );
    // The image data is filtered and deflated here (see `rle_zlib`) and
    // written as one IDAT chunk; the png crate writes the rest.
    let zlib = rle_zlib(filtered);
    let mut w = enc.write_header().map_err(encode_error)?;
    w.write_chunk(png::chunk::IDAT, &zlib)
        .map_err(encode_error)?;
    w.finish().map_err(encode_error)?;
    Ok(out)
}

fn rgb(pm: &Pixmap) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pm.width(), pm.height());
    enc.set_depth(png::BitDepth::Eight);
    enc.set_color(png::ColorType::Rgb);
    enc.set_compression(png::Compression::Balanced);
    let data: Vec<u8> = pm
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut w = enc.write_header().map_err(encode_error)?;
    w.write_image_data(&data).map_err(encode_error)?;
    w.finish().map_err(encode_error)?;
    Ok(out)
}

fn rgb_bytes(c: u32) -> [u8; 3] {
    let [_, r, g, b] = c.to_be_bytes();
    [r, g, b]
}

fn encode_error(e: png::EncodingError) -> ChartError {
    ChartError::Encode(e.to_string())
}

/// A zlib stream of `data`, deflated with run-length matches only (zlib's
/// Z_RLE strategy): for flat-colour pictures almost as small as a full
/// search, and many times faster, which keeps a heatmap well inside its
/// time budget.
fn rle_zlib(data: &[u8]) -> Vec<u8> {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressionStrategy, CompressorOxide,
        TDEFLFlush, TDEFLStatus,
    };
    let flags = create_comp_flags_from_zip_params(1, 1, CompressionStrategy::RLE as i32);
    let mut c = CompressorOxide::new(flags);
    let mut out = vec![0u8; data.len() / 8 + 1024];
    let (mut input, mut at) = (data, 0);
    loop {
        let (status, read, written) = compress(&mut c, input, &mut out[at..], TDEFLFlush::Finish);
        at += written;
        input = &input[read..];
        match status {
            TDEFLStatus::Done => break,
            // Out of room: grow and carry on.
            _ if at + 64 > out.len() => out.resize(out.len() * 2, 0),
            TDEFLStatus::Okay => {}
            // Bad parameters or a stream already finished: cannot happen with
            // one fresh compressor, but never loop on it.
            _ => break,
        }
    }
    out.truncate(at);
    out
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
