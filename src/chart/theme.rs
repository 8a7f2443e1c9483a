//! The picture's own colours and sizes: everything that is not a grade.
//! Grade colours, inks, initials and names come only from
//! [`crate::engine::palette`].
//!
//! Pictures are drawn on an opaque light card: Discord shows attachments on
//! its dark (#313338) and light (#FFFFFF) themes alike, and one opaque card
//! reads the same on both, where a transparent picture would need text that
//! suits two backgrounds at once. A thin border keeps the card's edge
//! visible on the light theme.

/// Pixels per layout unit: pictures are laid out at Discord's embed width in
/// units and drawn at twice that, so they stay sharp on high-density screens.
pub const SCALE: f32 = 2.0;
/// Picture width in units (Discord shows embed images about 520 px wide).
pub const WIDTH: f32 = 520.0;
pub const MARGIN: f32 = 14.0;

/// Text sizes in units; nothing is smaller than 12 at 1×.
pub const TITLE_SIZE: f32 = 17.0;
pub const TEXT_SIZE: f32 = 12.0;
pub const TITLE_LINE: f32 = 23.0;
pub const TEXT_LINE: f32 = 16.0;

pub const BACKGROUND: u32 = 0xFFFFFF;
pub const BORDER: u32 = 0xC9CED4;
pub const TEXT: u32 = 0x1F2328;
pub const MUTED: u32 = 0x57606A;
pub const RULE: u32 = 0xD0D7DE;
/// Behind the highlighted column.
pub const FOCUS_BAND: u32 = 0xE3E7EC;
/// Around outlined cells: dark outside, white inside, so the ring shows on
/// every grade colour.
pub const OUTLINE_OUTER: u32 = 0x111111;
pub const OUTLINE_INNER: u32 = 0xFFFFFF;
/// The ground of a "not in our sources" cell, under the palette's hatching.
pub const UNKNOWN_GROUND: u32 = 0xFFFFFF;
