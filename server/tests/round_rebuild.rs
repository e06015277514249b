//! A built round explains its rebuilds and keeps its exports (issue 32, items 3 and 6): a
//! rebuild of unchanged notes says every theme kept its notes; after a new workshop a rebuild
//! at the same setting keeps every theme and places the new notes, and says which themes are
//! new or changed, with when it was built, to the analyst who only reads too; and two exports of an unchanged built round differ in nothing but when they were made.

mod common;

use axum::http::StatusCode;
use common::{Browser, Download, TestApp, xlsx_parts};
use serde_json::Value;

const NOTES: &[&str] = common::THREE_TOPICS;

/// Notes of a second workshop: a topic the first never had, and one more on e-legitimation.
const LATER: &[&str] = &[
    "Cykelparkering vid stationen saknas",
    "Fler säkra cykelparkeringar vid stationen",
    "Cykelparkering med tak vid stationen",
    "E-legitimation för medarbetare i kommunen",
];

/// Builds (or rebuilds) the round's themes at the middle granularity, as `facilitator`.
async fn build(app: &TestApp, facilitator: &mut Browser, round_id: &str) {
    let built =
        app.call(facilitator, "cluster_round", &[("round_id", round_id), ("granularity", "0.5")]).await;
    assert_eq!(built.status, StatusCode::OK, "{}", built.text);
}

/// The round's analysis as `browser` reads it.
async fn analysis(app: &TestApp, browser: &mut Browser, round_id: &str) -> Value {
    let reply = app.call(browser, "get_round_analysis", &[("round_id", round_id)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json
}

/// The names of the round's themes (not the unsorted group).
fn theme_names(analysis: &Value) -> Vec<String> {
    analysis["report"]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|theme| !theme["unsorted"].as_bool().unwrap_or(false))
        .map(|theme| theme["name"].as_str().unwrap().to_string())
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_rebuild_says_what_changed_and_when_to_the_analyst_too() {
    let app = TestApp::new().await;
    let (mut facilitator, _, round_id, _) = app.workshop_with_notes("Anna", "Region Syd", NOTES).await;
    let mut analyst = app.shared_analyst(&mut facilitator, &round_id).await;
    let path = format!("/rounds/{round_id}/analysis");

    // Built once: nothing to compare with.
    build(&app, &mut facilitator, &round_id).await;
    let first = analysis(&app, &mut analyst, &round_id).await;
    assert!(first["rebuild"].is_null(), "a first build changed nothing: {:#}", first["rebuild"]);
    assert!(!app.get(&mut analyst, &path).await.text.contains("rebuild-changes"));
    let themes = theme_names(&first);
    assert!(themes.len() >= 2, "{themes:?}");

    // Rebuilt with nothing new: every theme kept its notes, and the page says so.
    build(&app, &mut facilitator, &round_id).await;
    let again = analysis(&app, &mut analyst, &round_id).await;
    let rebuild = &again["rebuild"];
    assert_eq!(rebuild["unchanged"], themes.len(), "{rebuild:#}");
    assert_eq!(rebuild["changed"], 0, "{rebuild:#}");
    for list in ["merged", "split", "new", "gone"] {
        assert_eq!(rebuild[list], Value::Array(vec![]), "{list}: {rebuild:#}");
    }
    let page = app.get(&mut analyst, &path).await.text;
    assert!(page.contains("Vad den senaste ombyggnaden ändrade"), "the analyst is told");
    assert!(page.contains(&format!("{} teman med samma lappar som förut", themes.len())));
    assert!(page.contains("Byggd 20"), "and when it was built");

    // A second workshop brings a new topic and a note on one the round had.
    let later = [("title", "Samhällsbyggnad"), ("sector", "Kommun"), ("held_on", "2026-03-12")];
    let (workshop_id, code) = app.add_workshop(&mut facilitator, &round_id, &later).await;
    let mut participant = Browser::default();
    app.join(&mut participant, &code, "Bo", "Malmö stad").await;
    for text in LATER {
        assert_eq!(app.add_note(&mut participant, &workshop_id, text).await.status, StatusCode::OK);
    }
    build(&app, &mut facilitator, &round_id).await;
    let after = analysis(&app, &mut analyst, &round_id).await;
    let rebuild = &after["rebuild"];
    let now = theme_names(&after);
    let bikes = after["report"]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|theme| {
            theme["note_ids"].as_array().unwrap().iter().any(|id| {
                let text =
                    after["report"]["notes"].as_array().unwrap().iter().find(|n| n["id"] == *id).unwrap();
                text["text"] == LATER[0]
            })
        })
        .expect("the new notes are in a theme");
    let bike_name = bikes["name"].as_str().unwrap().to_string();
    let new = strings(&rebuild["new"]);
    let merged_into: Vec<String> = rebuild["merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        new.contains(&bike_name) || rebuild["changed"].as_u64().unwrap() > 0,
        "the theme holding the new topic is told as new or changed: {rebuild:#}"
    );
    // At the same setting the themes the analyst saw stay: new notes are placed, nothing
    // merged, split or gone, and every earlier theme keeps its name.
    assert_eq!(
        rebuild["unchanged"].as_u64().unwrap() + rebuild["changed"].as_u64().unwrap(),
        themes.len() as u64,
        "{rebuild:#}"
    );
    assert!(merged_into.is_empty(), "{rebuild:#}");
    for list in ["split", "gone"] {
        assert_eq!(rebuild[list], Value::Array(vec![]), "{list}: {rebuild:#}");
    }
    for name in &themes {
        assert!(now.contains(name), "«{name}» kept: {now:?}");
    }
    let page = app.get(&mut analyst, &path).await.text;
    if new.contains(&bike_name) {
        assert!(page.contains(&format!("Nytt: «{bike_name}»")), "the analyst reads the new theme's name");
    } else {
        assert!(page.contains("fick nya lappar eller miste några"));
    }

    // Another setting regroups the round afresh: themes may then merge or split.
    let regrouped =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.1")]).await;
    assert_eq!(regrouped.status, StatusCode::OK, "{}", regrouped.text);
    let coarse = analysis(&app, &mut analyst, &round_id).await;
    assert!(theme_names(&coarse).len() <= now.len(), "{:#}", coarse["rebuild"]);
    assert!(page.contains("Senast klustrad: "), "and when the round was last built");
}

/// Whether `a` and `b` are the same text but for runs of the characters times are written
/// with (digits, `-`, `:`, `.`, `+`, `T`, `Z`, space), each holding a digit and a colon.
fn same_apart_from_times(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let time = |c: u8| c.is_ascii_digit() || b"-:.+TZ ".contains(&c);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        // Back to where the run of time characters began (the same in both: all before it
        // was equal), then past the run in each.
        while i > 0 && j > 0 && time(a[i - 1]) && a[i - 1] == b[j - 1] {
            i -= 1;
            j -= 1;
        }
        let end =
            |text: &[u8], from: usize| (from..text.len()).find(|&k| !time(text[k])).unwrap_or(text.len());
        let (end_a, end_b) = (end(a, i), end(b, j));
        let (run_a, run_b) = (&a[i..end_a], &b[j..end_b]);
        let timelike =
            |run: &[u8]| run.len() <= 40 && run.contains(&b':') && run.iter().any(u8::is_ascii_digit);
        if !timelike(run_a) || !timelike(run_b) {
            return false;
        }
        (i, j) = (end_a, end_b);
    }
    i == a.len() && j == b.len()
}

#[test]
fn the_comparison_of_exports_sees_any_difference_but_the_time() {
    assert!(same_apart_from_times("Skapad 2026-12-07 01:02 CET\nX", "Skapad 2026-12-07 01:03 CET\nX"));
    assert!(same_apart_from_times(
        r#"{"generated_at":"2026-12-07T00:01:02.5Z","n":3}"#,
        r#"{"generated_at":"2026-12-07T00:01:02.123456Z","n":3}"#
    ));
    assert!(!same_apart_from_times("2026-12-07 01:02 CET, 3 lappar", "2026-12-07 01:02 CET, 4 lappar"));
    assert!(!same_apart_from_times("Tema: Arkiv", "Tema: E-arkiv"));
    assert!(!same_apart_from_times("id 1234-5678", "id 1234-5679"));
}

#[tokio::test]
async fn exports_of_an_unchanged_built_round_are_identical_but_for_when_they_were_made() {
    let app = TestApp::new().await;
    let (mut facilitator, _, round_id, workshop_id) =
        app.workshop_with_notes("Anna", "Region Syd", NOTES).await;
    assert_eq!(app.cluster(&mut facilitator, &workshop_id, "0.5", None).await.status, StatusCode::OK);
    build(&app, &mut facilitator, &round_id).await;
    for format in ["json", "csv", "csv-comma", "md", "html", "xlsx"] {
        let path = format!("/export/rounds/{round_id}/{format}");
        let Download { status, bytes: first, .. } = app.download(&mut facilitator, &path).await;
        assert_eq!(status, StatusCode::OK, "{format}: {}", String::from_utf8_lossy(&first));
        // A minute's turn between the two is a difference in time, too.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let Download { bytes: second, .. } = app.download(&mut facilitator, &path).await;
        if format == "xlsx" {
            let (first, second) = (xlsx_parts(&first), xlsx_parts(&second));
            assert_eq!(first.len(), second.len());
            for ((name, a), (other, b)) in first.iter().zip(&second) {
                assert_eq!(name, other);
                assert!(same_apart_from_times(a, b), "{format} {name}:\n{a}\n---\n{b}");
            }
        } else {
            let (a, b) = (String::from_utf8(first).unwrap(), String::from_utf8(second).unwrap());
            assert!(same_apart_from_times(&a, &b), "{format}:\n{a}\n---\n{b}");
            if format == "json" {
                assert!(a.contains(NOTES[0]), "the export holds the notes");
            }
        }
    }
}
