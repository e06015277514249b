//! How the web spells things, for every layer: a value put in a URL's query string, and (on
//! the server) a cookie read from a request's headers. At the bottom of the crate beside
//! `error` and `i18n`: the model, the server functions and the pages all use it.

/// Percent-encodes a value for a query string: all but the unreserved characters of RFC 3986
/// and `/` (so a path given as `next=` stays readable).
pub fn encode_query_value(value: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    const QUERY_VALUE: &percent_encoding::AsciiSet =
        &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/');
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// The value of cookie `name` in a request's `Cookie` headers, as sent.
#[cfg(feature = "ssr")]
pub fn cookie_value<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .and_then(|cookie| cookie.value_raw())
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(super::encode_query_value("/join?code=A B&x"), "/join%3Fcode%3DA%20B%26x");
        assert_eq!(super::encode_query_value("/å"), "/%C3%A5");
    }
}
