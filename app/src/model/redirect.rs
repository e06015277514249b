//! Where a `next=` link may send someone (after signing in, after switching languages): only
//! to a page of this site, or else the home page.
//!
//! A browser reads a link more loosely than its text suggests (the WHATWG URL standard): it
//! drops tabs and line breaks anywhere and controls and spaces around it, reads `\` as `/`,
//! and takes `//host` to be another site; servers and proxies on the way may percent-decode
//! a path once more. So `/%09/evil.example`, decoded to `/\t/evil.example`, opens
//! `evil.example`. Rather than follow each of those rules, a target is followed only when it
//! is plain: a path of printable ASCII starting with a single `/`, in every percent-decoded
//! form too. A link the pages make always is; anything else goes home. The browser's sign-in
//! page and the server's routes both ask [`redirect_target`].

use percent_encoding::percent_decode_str;

use crate::model::invisible::is_hidden;

/// The longest `next` followed; a page's own path and query are far shorter.
const MAX_CHARS: usize = 2048;

/// How many times a target is percent-decoded to look for a hidden `//`; a link still
/// changing after that many is not one the pages made.
const MAX_DECODINGS: usize = 4;

/// The page to go to for a `next` parameter: `next` if it is a path on this site
/// ([`local_path`]), the home page `/` otherwise.
pub fn redirect_target(next: Option<&str>) -> &str {
    next.and_then(local_path).unwrap_or("/")
}

/// `next` if browsers, and servers decoding it again, read it as a path on this site.
///
/// It must be printable ASCII without spaces or backslashes and start with one `/`; its path
/// (before `?` or `#`) may hold no empty (`//`) or dot (`.`, `..`) segment; each of its
/// percent-decoded forms must start the same way and hold no control character.
pub fn local_path(next: &str) -> Option<&str> {
    let plain = next.len() <= MAX_CHARS && next.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    (plain && is_plain_path(next) && decodes_to_plain_paths(next)).then_some(next)
}

/// Whether every percent-decoded form of `next` (decoded again and again, until it no
/// longer changes) is a plain path and holds no control character (`%0D%0A` would split
/// a header, `%09` vanishes in a browser).
fn decodes_to_plain_paths(next: &str) -> bool {
    let mut current = next.to_string();
    for _ in 0..MAX_DECODINGS {
        let decoded = percent_decode_str(&current).decode_utf8_lossy().into_owned();
        if decoded == current {
            return true;
        }
        if decoded.chars().any(char::is_control) || !is_plain_path(&decoded) {
            return false;
        }
        current = decoded;
    }
    false
}

/// Whether `text` starts with a single `/` followed by something that is no slash in
/// disguise, and its path part has no empty or dot segments.
fn is_plain_path(text: &str) -> bool {
    let mut chars = text.chars();
    let single_slash = chars.next() == Some('/') && chars.next().is_none_or(|c| !is_slash_like(c));
    let path = text.split(['?', '#']).next().unwrap_or_default();
    // A browser reads `\` as `/`, so a decoded `\` ends a segment as well.
    let segments_plain = path.split(['/', '\\']).skip(1).enumerate().all(|(i, segment)| {
        // "/" alone is the home page: its only segment is empty.
        let empty_home = i == 0 && path == "/";
        (empty_home || !segment.is_empty()) && segment != "." && segment != ".."
    });
    single_slash && segments_plain
}

/// Whether `c`, right after the first `/`, could make a browser or a server on the way
/// read the start as `//` (another host): a slash or backslash, also the full-width and
/// mathematical ones, whitespace and controls a browser drops, or a hidden character.
fn is_slash_like(c: char) -> bool {
    matches!(c, '/' | '\\' | '\u{FF0F}' | '\u{FF3C}' | '\u{2215}' | '\u{2216}' | '\u{29F8}' | '\u{29F9}')
        || c.is_whitespace()
        || c.is_control()
        || is_hidden(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The site the tests resolve targets against.
    #[cfg(feature = "ssr")]
    const SITE: &str = "https://klustra.example";

    /// Where a browser goes for `target` on a page of [`SITE`]: the WHATWG URL parser (the
    /// `url` crate, as Leptos's router uses it on the server; the browser build asks the
    /// browser instead, so these tests need `ssr`) resolves it. Returns (origin, path); a
    /// target it cannot parse (a browser stays put) resolves to ("none", "").
    #[cfg(feature = "ssr")]
    fn browser_resolves(target: &str) -> (String, String) {
        match leptos_router::location::RequestUrl::new(target).parse_with_base(&format!("{SITE}/rounds/1")) {
            Ok(url) => (url.origin().to_string(), url.path().to_string()),
            Err(_) => ("none".to_string(), String::new()),
        }
    }

    /// Classic open-redirect payloads (OWASP's cheat sheet, PayloadsAllTheThings' "Open
    /// Redirect" list), with evil.example as the other site.
    const BYPASSES: &[&str] = &[
        "//evil.example",
        "///evil.example",
        "////evil.example",
        "//evil.example/%2F..",
        "/\\evil.example",
        "\\/\\/evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/ /evil.example",
        " //evil.example",
        "\t//evil.example",
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%0D%0A/evil.example",
        "/%0d%0aSet-Cookie:%20klustra_session=x",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%5c%5cevil.example",
        "/%252F%252Fevil.example",
        "/%25252F%25252Fevil.example",
        "/%20/evil.example",
        "/%E2%80%8B/evil.example",
        "/%EF%BC%8F/evil.example",
        "/／evil.example",
        "／／evil.example",
        "/..//evil.example",
        "/.//evil.example",
        "/%2e%2e//evil.example",
        "/rounds//evil.example",
        "https://evil.example",
        "https:evil.example",
        "https:/evil.example",
        "HTTPS://evil.example",
        "//user:pass@evil.example",
        "//klustra.example@evil.example",
        "/\\@evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.domain)",
        "\tjavascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "evil.example",
        ".evil.example",
        "",
        "/\u{0}/evil.example",
        "/%00/evil.example",
    ];

    #[test]
    fn classic_open_redirect_payloads_go_home() {
        assert!(BYPASSES.len() >= 25);
        for next in BYPASSES {
            assert_eq!(local_path(next), None, "{next:?}");
            assert_eq!(redirect_target(Some(next)), "/", "{next:?}");
        }
    }

    #[test]
    fn the_pages_own_links_are_followed() {
        for next in [
            "/",
            "/rounds/1",
            "/workshops/0b6f6c1e-8a7a-4a5e-9d3f-1c2b3a4d5e6f/board",
            "/join/KXMW4T",
            "/rounds/1?tab=themes&lang=sv",
            "/rounds/1#themes",
            "/rounds/%C3%A5r-2026",
            "/search?q=a%20b",
            "/login?next=/rounds/1",
            "/admin/users",
        ] {
            assert_eq!(local_path(next), Some(next), "{next:?}");
            #[cfg(feature = "ssr")]
            assert_eq!(browser_resolves(next).0, SITE, "{next:?} stays on the site");
        }
        assert_eq!(redirect_target(None), "/");
    }

    /// What the check before this one let through: each of these passed it, and a browser
    /// following it leaves the site.
    #[test]
    #[cfg(feature = "ssr")]
    fn what_the_browser_reads_as_another_site_is_refused() {
        for next in ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ /evil.example"] {
            let old_check = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
            assert!(old_check, "{next:?}");
            // Tabs and newlines the browser drops; a space it keeps, as %20, on this site.
            let (origin, _) = browser_resolves(next);
            if !next.contains(' ') {
                assert_eq!(origin, "https://evil.example", "{next:?}");
            }
            assert_eq!(local_path(next), None, "{next:?}");
        }
        assert_eq!(browser_resolves("/\\evil.example").0, "https://evil.example");
        assert_eq!(browser_resolves("\\/\\/evil.example").0, "https://evil.example");
    }

    /// The list holds real bypasses, not straw men: the browser's own parser takes most of
    /// them off the site (or to a path starting `//`, which the next hop reads as a host),
    /// as written or decoded once more by a server on the way.
    #[test]
    #[cfg(feature = "ssr")]
    fn most_payloads_leave_the_site_in_a_browser() {
        let leaves = |target: &str| {
            let (origin, path) = browser_resolves(target);
            origin != SITE || path.starts_with("//")
        };
        let leaving = BYPASSES
            .iter()
            .filter(|next| leaves(next) || leaves(&percent_decode_str(next).decode_utf8_lossy()))
            .count();
        assert!(leaving >= 30, "{leaving} of {} leave", BYPASSES.len());
    }

    /// Every short mix of slashes, backslashes, tabs, spaces, dots and their encodings: what
    /// is followed stays on the site and starts with one `/` by the browser's parser, as
    /// written and decoded once more.
    #[test]
    #[cfg(feature = "ssr")]
    fn nothing_followed_leaves_the_site_by_the_browsers_own_parser() {
        const PIECES: [&str; 14] =
            ["/", "\\", "\t", "\n", " ", ".", "..", "@", ":", "a", "%2F", "%5C", "%09", "%252F"];
        let mut followed = 0;
        for a in PIECES {
            for b in PIECES {
                for c in PIECES {
                    let next = format!("/{a}{b}{c}evil.example");
                    let Some(next) = local_path(&next) else { continue };
                    followed += 1;
                    let decoded = percent_decode_str(next).decode_utf8_lossy().into_owned();
                    for form in [next, decoded.as_str()] {
                        let (origin, path) = browser_resolves(form);
                        assert_eq!(origin, SITE, "{next:?} as {form:?}");
                        assert!(!path.starts_with("//"), "{next:?} as {form:?} resolves to {path}");
                    }
                }
            }
        }
        assert!(followed > 100, "plain paths are followed: {followed}");
    }

    #[test]
    fn overlong_or_ever_decoding_targets_go_home() {
        assert_eq!(local_path(&format!("/{}", "a".repeat(MAX_CHARS))), None);
        let deep = format!("/a%{}41", "25".repeat(MAX_DECODINGS));
        assert_eq!(local_path(&deep), None, "{deep}");
        assert_eq!(local_path("/a%2541"), Some("/a%2541"), "decoded twice to /aA");
    }
}
