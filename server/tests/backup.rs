//! `klustra backup`: a consistent copy of the live database that opens as a working store.

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use server::store::{Store, Viewer};

#[tokio::test]
async fn a_backup_of_the_running_database_holds_every_note_and_never_overwrites() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (_, workshop_id, code) = app.round_with_workshop(&mut facilitator).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Anna", "").await;
    for text in ["Första lappen", "Andra lappen"] {
        assert_eq!(app.add_note(&mut participant, &workshop_id, text).await.status, StatusCode::OK);
    }

    let file = app.dir.path().join("backup.db");
    if common::postgres_server().is_some() {
        let refused = app.state.service.store().backup_to(&file).await.unwrap_err();
        assert!(refused.to_string().contains("pg_dump"), "PostgreSQL points to its own tool: {refused}");
        return;
    }
    app.state.service.store().backup_to(&file).await.expect("backup written");
    let again = app.state.service.store().backup_to(&file).await;
    assert!(again.is_err(), "an existing file is not overwritten");

    let copy = Store::open(&format!("sqlite://{}", file.display())).await.expect("the backup opens");
    let id = workshop_id.parse::<app::model::ids::WorkshopId>().unwrap();
    let notes = copy.notes(id, Viewer::Facilitator).await.unwrap();
    let mut texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    texts.sort_unstable();
    assert_eq!(texts, ["Andra lappen", "Första lappen"]);
}
