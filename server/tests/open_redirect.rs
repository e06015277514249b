//! Redirects stay on this site. The language switch (`GET /lang/{tag}?next=…`) sends the
//! browser back only to a page of this site: the classic open-redirect payloads, sent
//! percent-encoded as a link would carry them, all land on the home page. So does a plain
//! form post (a page without its script yet), which goes back to its `Referer`. Against a
//! real server on 127.0.0.1, over HTTP.

mod common;

use std::net::SocketAddr;

use common::encode;
use common::net::RunningServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// GETs the language switch with `next` percent-encoded as a query value; returns the
/// status and the `Location` the browser is sent to.
async fn switch_language(addr: SocketAddr, next: &str) -> (u16, Option<String>) {
    let request =
        format!("GET /lang/en?next={} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n", encode(next));
    status_and_location(addr, &request).await
}

/// Posts an empty form to the server function `current_user` as a browser does before the
/// page's script runs (accepting HTML), from the page `referer`; returns the status and the
/// `Location` the browser is sent back to.
async fn plain_form_post(addr: SocketAddr, referer: &str) -> (u16, Option<String>) {
    let request = format!(
        "POST /api/current_user HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\nReferer: {referer}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    status_and_location(addr, &request).await
}

/// Sends one whole request; returns the answer's status and `Location` header.
async fn status_and_location(addr: SocketAddr, request: &str) -> (u16, Option<String>) {
    let mut stream = TcpStream::connect(addr).await.expect("server listens");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let location = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("location"))
        .map(|(_, value)| value.trim().to_string());
    (status, location)
}

/// Payloads from OWASP's cheat sheet and PayloadsAllTheThings' "Open Redirect" list, as the
/// value of `next` once the query is decoded.
const PAYLOADS: &[&str] = &[
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example",
    "/%09/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%252F%252Fevil.example",
    "/%0d%0aSet-Cookie:%20klustra_session=x",
    "/..//evil.example",
    "/／evil.example",
    "https://evil.example",
    "https:evil.example",
    "//user:pass@evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
];

#[tokio::test]
async fn the_language_switch_sends_every_open_redirect_payload_home() {
    let server = RunningServer::start(|_| {}).await;
    for next in PAYLOADS {
        let (status, location) = switch_language(server.addr, next).await;
        assert!((300..400).contains(&status), "{next:?}: {status}, a redirect and never a server error");
        assert_eq!(location.as_deref(), Some("/"), "{next:?}");
    }
    server.stop().await;
}

#[tokio::test]
async fn the_language_switch_goes_back_to_the_page_it_was_clicked_on() {
    let server = RunningServer::start(|_| {}).await;
    for next in ["/", "/join/KXMW4T", "/rounds/1?tab=themes", "/login?next=/rounds/1", "/rounds/%C3%A5r"] {
        let (status, location) = switch_language(server.addr, next).await;
        assert!((300..400).contains(&status), "{next:?}: {status}");
        assert_eq!(location.as_deref(), Some(next), "{next:?}");
    }
    server.stop().await;
}

#[tokio::test]
async fn a_plain_form_post_goes_back_only_to_a_page_of_this_site() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let own = format!("http://{addr}/join/KXMW4T");
    // (Leptos leaves an empty query where it took its error report out.)
    assert_eq!(plain_form_post(addr, &own).await, (302, Some("/join/KXMW4T?".to_string())));
    for referer in [
        "https://evil.example/".to_string(),
        "//evil.example/".to_string(),
        format!("http://{addr}.evil.example/"),
        format!("http://{addr}@evil.example/"),
        format!("http://{addr}//evil.example"),
        "javascript:alert(1)".to_string(),
    ] {
        assert_eq!(plain_form_post(addr, &referer).await, (302, Some("/".to_string())), "{referer}");
    }
    server.stop().await;
}
