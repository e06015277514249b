//! Pages render to the end while another server starts in the same process: listing the
//! routes renders the app with resource loading switched off process-wide, and a page that
//! began loading meanwhile used to wait forever (tests run many servers at once; one hung).

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::http::StatusCode;
use common::{Browser, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_renders_while_another_server_starts() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, _, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "Region Uppsala").await;

    // Routers built again and again beside the page loads, as parallel tests do.
    let stop = Arc::new(AtomicBool::new(false));
    let builder = {
        let (state, stop) = (app.state.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(server::router(state.clone()));
                built += 1;
            }
            built
        })
    };
    for load in 0..60 {
        let page = tokio::time::timeout(
            Duration::from_secs(10),
            app.get(&mut participant, &format!("/join/{code}")),
        )
        .await
        .unwrap_or_else(|_| panic!("load {load} of the participant's page never finished"));
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Anna"), "load {load}: the board is rendered");
    }
    stop.store(true, Ordering::Relaxed);
    assert!(builder.join().unwrap() > 0, "routers were built meanwhile");
}
