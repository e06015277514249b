//! A round nobody clustered yet shows themes built from its workshops on the analyst's page
//! and in every export. They are built once per change of the round's notes and themes:
//! exports of an unchanged round carry the same themes with the same ids, a new note is in
//! the next one, and clustering the round stores the themes the analyst was shown.

mod common;

use std::time::Instant;

use app::model::ids::{NoteId, ParticipantId, WorkshopId};
use axum::http::StatusCode;
use common::{Browser, Download, TestApp};
use serde_json::Value;

const NOTES: &[&str] = common::THREE_TOPICS;

/// A round with one workshop of [`NOTES`] that nobody clustered; returns (facilitator,
/// participant, round id, workshop id).
async fn provisional_round(app: &TestApp) -> (Browser, Browser, String, String) {
    app.workshop_with_notes("Anna Andersson", "Region Syd", NOTES).await
}

/// The round's JSON export as `browser` downloads it, without the time it was made.
async fn json_export(app: &TestApp, browser: &mut Browser, round_id: &str) -> Value {
    let Download { status, bytes, .. } =
        app.download(browser, &format!("/export/rounds/{round_id}/json")).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
    let mut report: Value = serde_json::from_slice(&bytes).unwrap();
    report.as_object_mut().unwrap().remove("generated_at").expect("the export says when it was made");
    report
}

/// The ids of a report's themes and their needs.
fn theme_and_need_ids(report: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    for theme in report["themes"].as_array().unwrap() {
        ids.push(theme["id"].as_str().unwrap().to_string());
        ids.extend(theme["needs"].as_array().unwrap().iter().map(|need| need["id"].as_str().unwrap().into()));
    }
    ids
}

#[tokio::test]
async fn two_exports_of_an_unchanged_round_carry_the_same_themes_with_the_same_ids() {
    let app = TestApp::new().await;
    let (mut facilitator, _, round_id, _) = provisional_round(&app).await;
    let first = json_export(&app, &mut facilitator, &round_id).await;
    let second = json_export(&app, &mut facilitator, &round_id).await;
    assert!(!first["themes"].as_array().unwrap().is_empty(), "{first:#}");
    assert_eq!(first, second, "the same report apart from when it was made");

    // The analyst's page shows the themes the exports carry.
    let page = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.json["provisional"], true);
    assert_eq!(theme_and_need_ids(&page.json["report"]), theme_and_need_ids(&first));
}

#[tokio::test]
async fn a_note_added_to_the_round_is_in_the_next_export() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, round_id, workshop_id) = provisional_round(&app).await;
    let before = json_export(&app, &mut facilitator, &round_id).await;

    let text = "AI som stöd i ärendehandläggning";
    let added = app.add_note(&mut participant, &workshop_id, text).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    let after = json_export(&app, &mut facilitator, &round_id).await;
    let notes = after["notes"].as_array().unwrap();
    assert_eq!(notes.len(), before["notes"].as_array().unwrap().len() + 1);
    let note = notes.iter().find(|note| note["text"] == text).expect("the new note is in the report");
    let themed = after["themes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|theme| theme["note_ids"].as_array().unwrap().contains(&note["id"]));
    assert!(themed, "the new note is in a theme: {:#}", after["themes"]);
}

#[tokio::test]
async fn clustering_the_round_stores_the_themes_the_analyst_was_shown() {
    let app = TestApp::new().await;
    let (mut facilitator, _, round_id, _) = provisional_round(&app).await;
    let shown = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_eq!(shown["provisional"], true);
    let granularity = shown["granularity"].to_string();

    let run = app
        .call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", &granularity)])
        .await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    let stored = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_eq!(stored["provisional"], false);
    assert_eq!(
        theme_and_need_ids(&stored["report"]),
        theme_and_need_ids(&shown["report"]),
        "the themes kept are those on the page, ids and all"
    );
}

/// Process CPU time so far (every thread), in seconds, where Linux tells it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command name in parentheses: state is field 3, utime 14 and stime 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The first `count` Swedish argument sentences of the labelled sets.
fn argument_notes(count: usize) -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/clustering/argsent_sv.jsonl");
    let lines = std::fs::read_to_string(path).expect("the labelled set is present");
    let texts: Vec<String> = lines
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str::<Value>(line).unwrap()["text"].as_str().unwrap().to_string())
        .take(count)
        .collect();
    assert_eq!(texts.len(), count);
    texts
}

/// The figures for BENCHMARKS.md ("Reads that recluster"): the CPU and wall time of the
/// first and second JSON export of a never-clustered 1,500-note round in four workshops.
/// Run with `cargo test -p server --features app/ssr --test round_cache -- --ignored
/// --nocapture` (add `--release` for the release figures).
#[tokio::test]
#[ignore = "a measurement: 1,500 notes, about 10 s in a debug build"]
async fn an_unchanged_1500_note_round_is_built_once_for_all_its_exports() {
    const WORKSHOPS: usize = 4;
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, first_workshop, code) = app.round_with_workshop(&mut facilitator).await;
    let mut workshops = vec![(first_workshop, code)];
    for n in 1..WORKSHOPS {
        let form = [
            ("round_id", round_id.as_str()),
            ("title", "Dialog"),
            ("sector", "Stat"),
            ("held_on", ""),
            ("prompts", ""),
        ];
        let created = app.call(&mut facilitator, "create_workshop", &form).await;
        assert_eq!(created.status, StatusCode::OK, "workshop {n}: {}", created.text);
        let code = created.json["join_code"].as_str().unwrap().to_string();
        workshops.push((created.json["id"].as_str().unwrap().to_string(), code));
    }
    // Straight into the store: over HTTP this many notes would meet the rate limits.
    let notes = argument_notes(1500);
    let store = app.state.service.store();
    for (n, (workshop_id, code)) in workshops.iter().enumerate() {
        let joined = app.join(&mut Browser::default(), code, "", "Myndighet").await;
        let author = joined.json["id"].as_str().unwrap().parse::<ParticipantId>().unwrap();
        let workshop_id = workshop_id.parse::<WorkshopId>().unwrap();
        for text in notes.iter().skip(n).step_by(WORKSHOPS) {
            store.insert_note(workshop_id, author, NoteId::random(), text).await.unwrap();
        }
    }

    let mut exports = Vec::new();
    for export in ["first", "second", "third"] {
        let (cpu, wall) = (cpu_seconds(), Instant::now());
        let report = json_export(&app, &mut facilitator, &round_id).await;
        let wall = wall.elapsed().as_secs_f64();
        let cpu = cpu.zip(cpu_seconds()).map_or("?".into(), |(a, b)| format!("{:.2}", b - a));
        println!("{export} export of 1,500 notes: {cpu} s CPU, {wall:.2} s wall");
        exports.push(report);
    }
    assert_eq!(exports[0]["notes"].as_array().unwrap().len(), 1500);
    assert_eq!(exports[0], exports[1], "the same themes, ids and all");
    assert_eq!(exports[1], exports[2]);
}
