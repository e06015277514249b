//! Gaps a probe of the running server found: the language switch's redirect, demo rounds
//! anyone could wreck, origins judged by the `Host` header, text/plain bodies read as
//! forms, invisible and direction-reversing notes, links and headings in the Markdown
//! export, pages cached or answered 200 though refused, and the prompts' error text.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::TestApp;

/// `GET /lang/en?next=…` with `next` sent as given (already percent-encoded).
async fn switch_language(app: &TestApp, next: &str) -> (StatusCode, Option<String>) {
    let response = tower::ServiceExt::oneshot(
        app.router.clone(),
        Request::get(format!("/lang/en?next={next}")).body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let location = response.headers().get(header::LOCATION).map(|value| value.to_str().unwrap().to_string());
    (response.status(), location)
}

#[tokio::test]
async fn the_language_switch_goes_back_only_to_a_path_of_this_site() {
    let app = TestApp::new().await;
    let (status, location) = switch_language(&app, "/join/KXMW4T").await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(location.as_deref(), Some("/join/KXMW4T"));
    let hostile = [
        "/%09/evil.example/path",
        "/%0a/evil.example",
        "/%00",
        "/%7f",
        "//evil.example",
        "/%5Cevil.example",
        "%2F%5Cevil.example",
        "https://evil.example",
        "/%0d%0aSet-Cookie:%20x=1",
        "",
    ];
    for next in hostile {
        let (status, location) = switch_language(&app, next).await;
        assert!(status.is_redirection(), "{next}: {status}, never a server error");
        assert_eq!(location.as_deref(), Some("/"), "{next}");
    }
}
