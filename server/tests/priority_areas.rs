//! Priority areas (issue 33, item 3): an analyst who runs a round marks needs and themes
//! from the ranking; readers see the marks but may not make them; every mark and unmark is
//! in the audit log; the marks head the report and reach every export, a mark whose need
//! is gone included. Runs on SQLite, and on PostgreSQL when the tests are pointed at one.

mod common;

use app::model::ids::{PriorityTargetId, RoundId};
use app::model::report::{PriorityKind, PriorityMark};
use axum::http::StatusCode;
use common::{Browser, Download, TestApp, TwoSectorRound, xlsx_text};
use serde_json::Value;
use uuid::Uuid;

/// A round of two workshops in two sectors, both clustered, and the round's themes built;
/// returns (facilitator, round id).
async fn built_round(app: &TestApp) -> (Browser, String) {
    let TwoSectorRound { mut facilitator, round_id, .. } = app.two_sector_round().await;
    let built =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(built.status, StatusCode::OK, "{}", built.text);
    (facilitator, round_id)
}

async fn report(app: &TestApp, viewer: &mut Browser, round_id: &str) -> Value {
    let analysis = app.call(viewer, "get_round_analysis", &[("round_id", round_id)]).await;
    assert_eq!(analysis.status, StatusCode::OK, "{}", analysis.text);
    analysis.json["report"].clone()
}

async fn mark(
    app: &TestApp,
    who: &mut Browser,
    round_id: &str,
    kind: &str,
    id: &str,
    on: bool,
) -> StatusCode {
    let on = if on { "true" } else { "false" };
    let form = [("round_id", round_id), ("kind", kind), ("target_id", id), ("marked", on)];
    app.call(who, "set_priority_area", &form).await.status
}

/// The report's first theme with needs, and its first need: something to mark.
fn theme_and_need(report: &Value) -> (&Value, &Value) {
    let theme = report["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| !t["needs"].as_array().unwrap().is_empty())
        .expect("a theme with needs");
    (theme, &theme["needs"][0])
}

/// A theme's or need's id (as reports show it) and name.
fn id_and_name(item: &Value) -> (&str, &str) {
    (item["id"].as_str().unwrap(), item["name"].as_str().unwrap())
}

/// The names of the round's priority areas as its report lists them, with whether gone.
fn areas(report: &Value) -> Vec<(String, bool)> {
    report["priority_areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|area| (area["name"].as_str().unwrap().to_string(), area["gone"].as_bool().unwrap()))
        .collect()
}

/// The round's audit log entries about priority areas: (marked, name).
async fn logged(app: &TestApp, facilitator: &mut Browser, round_id: &str) -> Vec<(bool, String)> {
    let state = app.call(facilitator, "get_retention", &[("round_id", round_id)]).await;
    assert_eq!(state.status, StatusCode::OK, "{}", state.text);
    state.json["log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["detail"]["action"] == "priority_area")
        .map(|entry| {
            let detail = &entry["detail"];
            (detail["marked"].as_bool().unwrap(), detail["name"].as_str().unwrap().to_string())
        })
        .collect()
}

#[tokio::test]
async fn who_runs_the_round_marks_and_unmarks_and_readers_only_see_the_marks() {
    let app = TestApp::new().await;
    let (mut facilitator, round_id) = built_round(&app).await;
    let mut analyst = app.shared_analyst(&mut facilitator, &round_id).await;
    let before = report(&app, &mut facilitator, &round_id).await;
    let (theme, need) = theme_and_need(&before);
    let (need_id, need_name) = id_and_name(need);
    let (theme_id, theme_name) = id_and_name(theme);

    // A reader may not mark, nor may someone signed out; nothing is marked or logged.
    assert_eq!(mark(&app, &mut analyst, &round_id, "need", need_id, true).await, StatusCode::FORBIDDEN);
    assert_eq!(
        mark(&app, &mut Browser::default(), &round_id, "need", need_id, true).await,
        StatusCode::UNAUTHORIZED
    );
    assert!(areas(&report(&app, &mut facilitator, &round_id).await).is_empty());

    // The facilitator marks the need (twice: the second changes nothing) and the theme.
    assert_eq!(mark(&app, &mut facilitator, &round_id, "need", need_id, true).await, StatusCode::OK);
    assert_eq!(mark(&app, &mut facilitator, &round_id, "need", need_id, true).await, StatusCode::OK);
    assert_eq!(mark(&app, &mut facilitator, &round_id, "theme", theme_id, true).await, StatusCode::OK);
    // Only what the round has can be marked, under a kind the page knows.
    let unknown = Uuid::new_v4().to_string();
    assert_eq!(mark(&app, &mut facilitator, &round_id, "need", &unknown, true).await, StatusCode::NOT_FOUND);
    assert_eq!(
        mark(&app, &mut facilitator, &round_id, "workshop", need_id, true).await,
        StatusCode::BAD_REQUEST
    );

    let expected = vec![(need_name.to_string(), false), (theme_name.to_string(), false)];
    let seen = report(&app, &mut analyst, &round_id).await;
    assert_eq!(areas(&seen), expected, "the reader sees the marks, in the order made");
    assert_eq!(seen["priority_areas"][0]["theme_name"], theme_name);
    assert_eq!(seen["priority_areas"][0]["kind"], "need");

    // The reader may not take a mark off either; the facilitator may.
    assert_eq!(mark(&app, &mut analyst, &round_id, "need", need_id, false).await, StatusCode::FORBIDDEN);
    assert_eq!(mark(&app, &mut facilitator, &round_id, "theme", theme_id, false).await, StatusCode::OK);
    assert_eq!(areas(&report(&app, &mut analyst, &round_id).await), expected[..1]);
    assert_eq!(
        logged(&app, &mut facilitator, &round_id).await,
        [(false, theme_name.to_string()), (true, theme_name.to_string()), (true, need_name.to_string())],
        "newest first; marking again logged nothing"
    );

    // The marks name needs by their notes' words: the purge takes them with the notes, and
    // the archive before it holds them.
    let archive = app.get(&mut facilitator, &format!("/archive/rounds/{round_id}")).await;
    assert_eq!(areas(&archive.json), expected[..1]);
    let purged = app.call(&mut facilitator, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(purged.status, StatusCode::OK, "{}", purged.text);
    assert!(areas(&report(&app, &mut facilitator, &round_id).await).is_empty());
}

#[tokio::test]
async fn the_marks_head_every_export_and_a_gone_need_is_said_to_be_gone() {
    let app = TestApp::new().await;
    let (mut facilitator, round_id) = built_round(&app).await;
    let before = report(&app, &mut facilitator, &round_id).await;
    let (_, need) = theme_and_need(&before);
    let (need_id, need_name) = id_and_name(need);
    assert_eq!(mark(&app, &mut facilitator, &round_id, "need", need_id, true).await, StatusCode::OK);
    // A mark on a need a rebuild took away: kept, under the name it had.
    let gone = PriorityMark {
        kind: PriorityKind::Need,
        id: PriorityTargetId::random(),
        label: "Papperspost till alla".into(),
    };
    let round = round_id.parse::<RoundId>().unwrap();
    app.state.service.store().mark_priority(round, &gone, "test@example.se").await.unwrap();
    let seen = report(&app, &mut facilitator, &round_id).await;
    assert_eq!(areas(&seen), [(need_name.to_string(), false), ("Papperspost till alla".to_string(), true)]);

    let download = |format: &'static str| {
        let path = format!("/export/rounds/{round_id}/{format}");
        let mut facilitator = facilitator.clone();
        let app = &app;
        async move {
            let Download { status, bytes, .. } = app.download(&mut facilitator, &path).await;
            assert_eq!(status, StatusCode::OK, "{format}");
            bytes
        }
    };
    let json: Value = serde_json::from_slice(&download("json").await).unwrap();
    assert_eq!(areas(&json), areas(&seen), "the JSON's priority_areas");

    let markdown = String::from_utf8(download("md").await).unwrap();
    let heading = markdown.find("## Prioriterade områden").expect("a Markdown section");
    assert!(heading < markdown.find("## Workshoppar").unwrap_or(usize::MAX), "at the top:\n{markdown}");
    assert!(markdown.contains(&format!("1. **{need_name}**")), "{markdown}");
    assert!(markdown.contains("2. **Papperspost till alla** (finns inte längre"), "{markdown}");

    let html = String::from_utf8(download("html").await).unwrap();
    let section = html.find(r#"data-testid="priority-areas""#).expect("an HTML section");
    assert!(section < html.find(r#"class="report-theme""#).unwrap(), "before the themes");
    assert!(html[section..].contains(need_name) && html[section..].contains("Papperspost till alla"));

    let xlsx = xlsx_text(&download("xlsx").await);
    assert!(xlsx.contains(r#"name="Prioriterade områden""#), "a sheet named in Swedish");
    assert!(xlsx.contains(need_name) && xlsx.contains("Papperspost till alla"));
    // In English the sheet is named in English, capitalised, and so is the CSV's column.
    let mut english = facilitator.clone();
    english.session = english.session.map(|session| format!("{session}; klustra_lang=en"));
    let path = format!("/export/rounds/{round_id}/xlsx");
    assert!(xlsx_text(&app.download(&mut english, &path).await.bytes).contains(r#"name="Priority areas""#));
    let path = format!("/export/rounds/{round_id}/csv");
    let csv = String::from_utf8(app.download(&mut english, &path).await.bytes).unwrap();
    assert!(csv.lines().next().unwrap().split(',').any(|column| column == "Priority area"), "{csv}");

    // The CSV marks each note of the need, and only those.
    let csv = String::from_utf8(download("csv").await).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let (need_col, mark_col) = (
        header.iter().position(|h| *h == "Behov-id").unwrap(),
        header.iter().position(|h| *h == "Prioriterat område").unwrap(),
    );
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(';').collect()).collect();
    let marked: Vec<bool> = rows.iter().map(|row| row[mark_col] == "ja").collect();
    let in_need: Vec<bool> = rows.iter().map(|row| row[need_col] == need_id).collect();
    assert_eq!(marked, in_need, "{csv}");
    assert!(marked.iter().any(|m| *m));
}
