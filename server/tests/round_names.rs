//! Names carried up (issue 33, item 5): a need a facilitator named in their workshop gives
//! the round's need its name, and the analyst sees where each round name came from: the
//! facilitator of which workshop, the analyst, or the notes; the page and the JSON export
//! say it too.

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp, xlsx_text};
use serde_json::Value;

const NOTES: &[&str] = common::THREE_TOPICS;

/// The round's analysis as `browser` reads it.
async fn analysis(app: &TestApp, browser: &mut Browser, round_id: &str) -> Value {
    let reply = app.call(browser, "get_round_analysis", &[("round_id", round_id)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json
}

/// The id of the note with this text in `report`.
fn note_id<'a>(report: &'a Value, text: &str) -> &'a str {
    let notes = report["notes"].as_array().unwrap();
    notes.iter().find(|note| note["text"] == text).unwrap()["id"].as_str().unwrap()
}

/// The need (of some theme in `themes`) holding `note_id`.
fn need_of<'a>(themes: &'a Value, note_id: &str) -> &'a Value {
    themes
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|theme| theme["needs"].as_array().unwrap())
        .find(|need| need["note_ids"].as_array().unwrap().iter().any(|id| id == note_id))
        .expect("the note is in a need")
}

#[tokio::test]
async fn a_facilitators_need_name_reaches_the_round_and_the_analyst_sees_whose_it_is() {
    let app = TestApp::new().await;
    let (mut facilitator, _, round_id, workshop_id) =
        app.workshop_with_notes("Anna", "Region Syd", NOTES).await;
    let run = app.cluster(&mut facilitator, &workshop_id, "0.5", Some("0.5")).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);

    // The facilitator names the workshop's e-legitimation need.
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let board =
        app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await.json;
    let eleg =
        board["board"]["notes"].as_array().unwrap().iter().find(|n| n["text"] == NOTES[0]).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
    let need_id = need_of(&themes, &eleg)["id"].as_str().unwrap().to_string();
    let renamed = app
        .call(
            &mut facilitator,
            "rename_need",
            &[("need_id", &need_id), ("name", "Inloggning för medarbetare")],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);

    let built =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(built.status, StatusCode::OK, "{}", built.text);
    let mut analyst = app.shared_analyst(&mut facilitator, &round_id).await;
    let round = analysis(&app, &mut analyst, &round_id).await;
    let report = &round["report"];
    let need = need_of(&report["themes"], note_id(report, NOTES[0]));
    assert_eq!(need["name"], "Inloggning för medarbetare", "{need:#}");
    assert_eq!(need["name_from"]["by"], "facilitator", "{need:#}");
    assert_eq!(need["name_from"]["workshop"], "Vård och omsorg");
    assert_eq!(need["name_from"]["workshop_id"], workshop_id.as_str());
    let archive = need_of(&report["themes"], note_id(report, NOTES[3]));
    assert_eq!(archive["name_from"]["by"], "notes", "no facilitator named it: {archive:#}");

    // The page says whose each name is; the JSON export carries it under a stable key.
    let page = app.get(&mut analyst, &format!("/rounds/{round_id}/analysis")).await.text;
    assert!(page.contains("namn från facilitatorn i «Vård och omsorg»"), "{page}");
    assert!(page.contains("namn från lapparna"), "{page}");
    let json = app.download(&mut analyst, &format!("/export/rounds/{round_id}/json")).await;
    assert_eq!(json.status, StatusCode::OK);
    let exported: Value = serde_json::from_slice(&json.bytes).unwrap();
    let need = need_of(&exported["themes"], note_id(&exported, NOTES[0]));
    assert_eq!(need["name_from"]["by"], "facilitator", "{need:#}");
    let markdown = app.download(&mut analyst, &format!("/export/rounds/{round_id}/md")).await;
    let markdown = String::from_utf8(markdown.bytes).unwrap();
    assert!(markdown.contains("namn från facilitatorn i «Vård och omsorg»"), "{markdown}");
    // The per-note CSV says it on the rows of the need's notes, in a column of its own.
    let csv = app.download(&mut analyst, &format!("/export/rounds/{round_id}/csv")).await;
    let csv = String::from_utf8(csv.bytes).unwrap();
    let header: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().next().unwrap().split(';').collect();
    let need_from = header.iter().position(|column| *column == "Behovets namn från").expect(&csv);
    let row = csv.lines().find(|line| line.contains(NOTES[0])).unwrap();
    assert_eq!(row.split(';').nth(need_from), Some("namn från facilitatorn i «Vård och omsorg»"), "{row}");
    let workbook = app.download(&mut analyst, &format!("/export/rounds/{round_id}/xlsx")).await;
    assert_eq!(workbook.status, StatusCode::OK);
    let workbook = xlsx_text(&workbook.bytes);
    assert!(workbook.contains("Namnet från"), "the themes' and needs' sheets say it");
    assert!(workbook.contains("namn från facilitatorn i «Vård och omsorg»"), "{workbook}");

    // The analyst renames the round theme: the name is theirs, and a rebuild keeps it so.
    let theme = report["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|theme| theme["note_ids"].as_array().unwrap().iter().any(|id| id == note_id(report, NOTES[0])))
        .unwrap();
    let theme_id = theme["id"].as_str().unwrap();
    let renamed = app
        .call(
            &mut facilitator,
            "rename_round_theme",
            &[("round_id", &round_id), ("theme_id", theme_id), ("name", "Behörighet")],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    let built =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(built.status, StatusCode::OK, "{}", built.text);
    let again = analysis(&app, &mut analyst, &round_id).await;
    let theme = again["report"]["themes"].as_array().unwrap().iter().find(|t| t["id"] == theme_id).unwrap();
    assert_eq!(theme["name"], "Behörighet");
    assert_eq!(theme["name_from"]["by"], "analyst", "{theme:#}");
    let need = need_of(&again["report"]["themes"], note_id(&again["report"], NOTES[0]));
    assert_eq!(
        need["name"], "Inloggning för medarbetare",
        "a rebuild keeps the facilitator's need name: {need:#}"
    );
}
