//! The frame around every page: skip link, header with navigation and language switch, footer.
mod footer;
mod header;
mod language_switch;
mod skip_link;

pub use footer::Footer;
pub use header::Header;
pub use skip_link::SkipLink;
