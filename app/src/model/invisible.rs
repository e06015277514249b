//! Characters that show nothing or turn text around, and the two ways typed text meets them.
//!
//! A name, organisation, group, title, sector, prompt question or theme or need name holding
//! them can render as something else than it is: "Anna", U+202E, "greB" shows as "AnnaBerg",
//! and a zero-width space makes two names that look alike differ.
//! Such short texts refuse them ([`parse_label`]); a note's body, where they mostly come in
//! by pasting, loses them instead ([`clean_body`]). Both are NFC-normalised on the server, so
//! "å" typed as one character and as "a" plus a ring is stored (and compared) alike.

use std::borrow::Cow;

use crate::error::{AppError, Field};

/// Unicode's directional formatting characters: the marks (ALM U+061C, LRM U+200E,
/// RLM U+200F), embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
/// Text holding them shows in another order than it is stored.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room and show nothing: zero-width spaces, non-joiners and
/// joiners (U+200B–U+200D), the word joiner and invisible operators (U+2060–U+2064), the
/// byte-order mark (U+FEFF), the Mongolian vowel separator (U+180E), soft hyphens, the
/// combining grapheme joiner, Hangul fillers and the tag characters (U+E0000–U+E007F,
/// which can carry a whole hidden sentence).
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `c` is hidden: a direction control or a zero-width character.
pub fn is_hidden(c: char) -> bool {
    is_direction_control(c) || is_zero_width(c)
}

/// Checks a short text that names something (a display name, an organisation, a group, a
/// title, a sector, a prompt question, a theme or need name): trimmed and NFC-normalised,
/// at most `max` characters, free of control characters (tabs and line breaks too),
/// direction controls and zero-width characters, except the joiners that make one emoji of
/// several. Blank means "not given".
pub fn parse_label(value: &str, field: Field, max: usize) -> Result<Option<String>, AppError> {
    let value = nfc(value.trim());
    if value.chars().count() > max {
        return Err(AppError::TooLong { field, max });
    }
    if hidden_positions(&value).next().is_some() || value.chars().any(is_line_control) {
        return Err(AppError::InvisibleCharacters { field });
    }
    Ok((!value.is_empty()).then(|| value.into_owned()))
}

/// A note's body without its hidden characters (the joiners inside emoji stay), then
/// NFC-normalised. Line breaks and tabs are kept; other control characters are the caller's
/// to refuse.
pub fn clean_body(text: &str) -> String {
    let hidden: Vec<usize> = hidden_positions(text).collect();
    let kept: String = if hidden.is_empty() {
        text.to_string()
    } else {
        let mut hidden = hidden.into_iter().peekable();
        text.char_indices().filter(|(at, _)| hidden.next_if_eq(at).is_none()).map(|(_, c)| c).collect()
    };
    nfc(&kept).into_owned()
}

/// The byte offsets of `text`'s hidden characters, leaving out the zero-width joiners
/// between two emoji (👩‍💻 is one picture) and the tag characters of a subdivision flag (🏴
/// of Scotland), which show as part of what they join.
fn hidden_positions(text: &str) -> impl Iterator<Item = usize> + '_ {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    (0..chars.len()).filter_map(move |i| {
        let (at, c) = chars[i];
        let before = i.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(i + 1).map(|(_, c)| *c);
        let part_of_emoji = match c {
            '\u{200D}' => before.is_some_and(ends_emoji) && after.is_some_and(is_emoji),
            '\u{E0020}'..='\u{E007F}' => before.is_some_and(|b| b == '\u{1F3F4}' || is_tag(b)),
            _ => false,
        };
        (is_hidden(c) && !part_of_emoji).then_some(at)
    })
}

/// Whether `c` is a pictograph a joiner may join: the emoji blocks (U+1F000–U+1FAFF) and
/// the older symbols and dingbats (U+2600–U+27BF: ❤, ♀, ⚕).
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

/// Whether `c` may end an emoji before a joiner: a pictograph, its emoji presentation
/// selector (U+FE0F) or a skin-tone modifier (inside the emoji block already).
fn ends_emoji(c: char) -> bool {
    is_emoji(c) || c == '\u{FE0F}'
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// Control characters, and the line and paragraph separators, which break a one-line text
/// as a newline does.
fn is_line_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` in Unicode Normalization Form C. Only on the server, which stores the text: the
/// browser's bundle carries no normalisation tables, and what it sends is normalised on
/// arrival.
fn nfc(text: &str) -> Cow<'_, str> {
    #[cfg(feature = "ssr")]
    {
        use unicode_normalization::{UnicodeNormalization, is_nfc};
        if !is_nfc(text) {
            return Cow::Owned(text.nfc().collect());
        }
    }
    Cow::Borrowed(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME_MAX: usize = 80;

    fn label(value: &str) -> Result<Option<String>, AppError> {
        parse_label(value, Field::Name, NAME_MAX)
    }

    fn refused(field: Field) -> Result<Option<String>, AppError> {
        Err(AppError::InvisibleCharacters { field })
    }

    /// Every direction control and zero-width character the rules name.
    const HIDDEN: [char; 17] = [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
        '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}', '\u{2060}', '\u{FEFF}',
        '\u{180E}',
    ];

    #[test]
    fn labels_with_any_direction_control_or_zero_width_character_are_refused() {
        for c in HIDDEN.into_iter().chain(['\u{200D}', '\u{00AD}', '\u{E0041}']) {
            for value in [format!("Anna{c}Berg"), format!("{c}Anna"), format!("Anna{c}")] {
                assert_eq!(label(&value), refused(Field::Name), "U+{:04X} in {value:?}", c as u32);
            }
        }
    }

    #[test]
    fn a_reversed_name_is_refused_not_shown_backwards() {
        assert_eq!(label("Anna\u{202E}grebnyL"), refused(Field::Name));
        assert_eq!(label("\u{2067}Region Syd\u{2069}"), refused(Field::Name));
    }

    #[test]
    fn labels_refuse_control_characters_and_line_separators() {
        for value in ["Anna\tBerg", "Anna\nBerg", "Anna\rBerg", "Anna\u{0}", "An\u{85}na", "Anna\u{2028}Berg"]
        {
            assert_eq!(label(value), refused(Field::Name), "{value:?}");
        }
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn labels_are_trimmed_and_nfc_normalised() {
        // "å" written as "a" and a combining ring is stored as the one character.
        assert_eq!(label("  A\u{030A}sa Öberg ").unwrap().as_deref(), Some("\u{00C5}sa Öberg"));
        assert_eq!(label(" ").unwrap(), None, "blank means not given");
        // Counted after composing: 80 decomposed "ä" are 160 characters typed, 80 stored.
        assert!(label(&"a\u{0308}".repeat(NAME_MAX)).is_ok());
    }

    #[test]
    fn visible_text_of_every_script_passes() {
        for value in ["Åsa Öberg", "שלום עולם", "مرحبا", "Zoë d'Aubigné", "Region Syd (🏥)", "李小龍"]
        {
            assert_eq!(label(value).unwrap().as_deref(), Some(value), "{value:?}");
        }
    }

    #[test]
    fn the_joiners_inside_an_emoji_are_part_of_it() {
        for emoji in [
            "👩\u{200D}💻",
            "🏳\u{FE0F}\u{200D}🌈",
            "❤\u{FE0F}\u{200D}🔥",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        ] {
            assert_eq!(label(&format!("Kim {emoji}")).unwrap(), Some(format!("Kim {emoji}")), "{emoji:?}");
        }
        assert_eq!(label("Kim\u{200D}👩"), refused(Field::Name), "a joiner after a letter hides");
        assert_eq!(label("👩\u{200D}"), refused(Field::Name), "a joiner joining nothing hides");
        assert_eq!(label("Kim\u{E0041}"), refused(Field::Name), "a tag outside a flag hides");
    }

    #[test]
    fn the_error_names_its_field() {
        for field in [Field::Name, Field::Organisation, Field::Group, Field::Title, Field::Sector] {
            assert_eq!(parse_label("x\u{202E}y", field, 10), refused(field));
        }
        assert_eq!(
            parse_label("abcdefghijk", Field::Title, 10),
            Err(AppError::TooLong { field: Field::Title, max: 10 })
        );
    }

    #[test]
    fn the_refusal_says_what_is_not_allowed_in_both_languages() {
        use crate::i18n::Lang;
        let err = AppError::InvisibleCharacters { field: Field::Organisation };
        assert_eq!(
            err.message(Lang::Sv),
            "Osynliga tecken och tecken som ändrar skrivriktningen är inte tillåtna i organisationen. \
             Skriv om texten utan dem."
        );
        assert_eq!(
            err.message(Lang::En),
            "Invisible or direction-changing characters are not allowed in the organisation. \
             Type the text again without them."
        );
    }

    #[test]
    fn note_bodies_lose_hidden_characters_and_keep_the_rest() {
        assert_eq!(clean_body("faktura\u{202E}fdp.exe"), "fakturafdp.exe");
        assert_eq!(clean_body("Bank\u{200B}ID\u{FEFF} i\u{2066} jobbet\u{2069}"), "BankID i jobbet");
        assert_eq!(clean_body("rad ett\nrad\ttvå"), "rad ett\nrad\ttvå", "layout stays");
        assert_eq!(clean_body("שלום\u{200F} hej"), "שלום hej");
        assert_eq!(clean_body("Familj 👨\u{200D}👩\u{200D}👧"), "Familj 👨\u{200D}👩\u{200D}👧");
        assert_eq!(clean_body("a\u{200D}b"), "ab");
        for c in HIDDEN {
            assert_eq!(clean_body(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
        }
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn note_bodies_are_nfc_normalised() {
        assert_eq!(clean_body("bla\u{030A}ljus"), "blåljus");
    }
}
