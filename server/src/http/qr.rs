//! QR codes for join links, rendered as SVG on the server.

use qrcode::QrCode;
use qrcode::render::svg;

/// The SVG of a QR code for `text`, or `None` if it is too long to encode.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .dark_color(svg::Color("#111111"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_a_join_link_as_svg() {
        let svg = super::svg("http://127.0.0.1:3000/join/KXMW4T").expect("fits in a QR code");
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
