//! The language of the interface: Swedish (the default) or English. The texts themselves
//! are in [`crate::texts`], one file per language.
//!
//! The chosen language lives in the `klustra_lang` cookie; the server renders `<html lang>`
//! from it and the browser reads it back from there when it hydrates.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "klustra_lang";

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Reads a tag; anything but English means Swedish.
    pub fn from_tag(tag: &str) -> Self {
        if tag.trim().eq_ignore_ascii_case("en") { Lang::En } else { Lang::Sv }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Self {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }
}

/// The language of the current request (server) or page (browser).
pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| crate::web::cookie_value(&parts.headers, LANG_COOKIE).map(Lang::from_tag))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .map(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
}

/// The language given to the page by [`provide_lang`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Puts the current language in context for every component below.
pub fn provide_lang() -> Lang {
    let lang = current_lang();
    provide_context(lang);
    lang
}
