//! Needs nested in themes: clustering stores both grains, a facilitator renames needs and
//! moves notes between needs, re-runs keep those decisions at both grains, undo brings
//! needs back, every export lists theme → need → notes, and a purge deletes the needs.

mod common;

use std::collections::HashSet;

use axum::http::StatusCode;
use common::{Browser, Download, TestApp, xlsx_parts};
use serde_json::Value;

/// Notes of a needs inventory: five needs, a few notes each, in different words.
const NOTES: &[&str] = &common::NEEDS_INVENTORY;

/// A workshop with [`NOTES`], clustered; returns (facilitator, round id, workshop id).
async fn clustered_workshop(app: &TestApp) -> (Browser, String, String) {
    let (mut facilitator, _, round_id, workshop_id) =
        app.workshop_with_notes("Anna", "Region Syd", NOTES).await;
    let run = app.cluster(&mut facilitator, &workshop_id, "0.5", Some("0.5")).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    (facilitator, round_id, workshop_id)
}

async fn themes(app: &TestApp, facilitator: &mut Browser, workshop_id: &str) -> Vec<Value> {
    let reply = app.call(facilitator, "get_themes", &[("workshop_id", workshop_id)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json.as_array().unwrap().clone()
}

fn ids(value: &Value) -> Vec<&str> {
    value.as_array().unwrap().iter().map(|id| id.as_str().unwrap()).collect()
}

/// The need (and its theme) holding `note_id`.
fn need_of<'a>(themes: &'a [Value], note_id: &str) -> (&'a Value, &'a Value) {
    themes
        .iter()
        .find_map(|theme| {
            let needs = theme["needs"].as_array()?;
            needs.iter().find(|need| ids(&need["note_ids"]).contains(&note_id)).map(|need| (theme, need))
        })
        .expect("every clustered note is in a need")
}

/// The id of the note with this text, from the themes and the report notes.
async fn note_id(app: &TestApp, facilitator: &mut Browser, workshop_id: &str, text: &str) -> String {
    let board = app.call(facilitator, "get_facilitator_board", &[("workshop_id", workshop_id)]).await.json;
    let notes = board["board"]["notes"].as_array().unwrap();
    notes.iter().find(|n| n["text"] == text).unwrap()["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn clustering_stores_named_needs_nested_in_named_themes() {
    let app = TestApp::new().await;
    let (mut facilitator, _, workshop_id) = clustered_workshop(&app).await;
    let themes = themes(&app, &mut facilitator, &workshop_id).await;
    let mut seen = HashSet::new();
    for theme in &themes {
        let needs = theme["needs"].as_array().unwrap();
        assert!(!needs.is_empty(), "every theme holds needs: {theme:#}");
        let in_needs: HashSet<&str> = needs.iter().flat_map(|need| ids(&need["note_ids"])).collect();
        let in_theme: HashSet<&str> = ids(&theme["note_ids"]).into_iter().collect();
        assert_eq!(in_needs, in_theme, "a theme's notes are exactly those of its needs");
        assert!(!theme["name"].as_str().unwrap().trim().is_empty());
        for need in needs {
            assert!(!need["name"].as_str().unwrap().trim().is_empty(), "every need has a name");
            for id in ids(&need["note_ids"]) {
                assert!(seen.insert(id.to_string()), "a note is in one need only");
            }
        }
    }
    assert_eq!(seen.len(), NOTES.len(), "every note is in a need");
    let needs: usize =
        themes.iter().filter(|t| t["unsorted"] == false).map(|t| t["needs"].as_array().unwrap().len()).sum();
    let sorted = themes.iter().filter(|t| t["unsorted"] == false).count();
    assert!(needs >= sorted && sorted >= 2, "{sorted} themes, {needs} needs: {themes:#?}");

    // Notes stating the same need end up together: at least three of the four about
    // e-legitimation share a theme.
    let mut homes = std::collections::HashMap::new();
    for text in &NOTES[..4] {
        let id = note_id(&app, &mut facilitator, &workshop_id, text).await;
        let (theme, _) = need_of(&themes, &id);
        *homes.entry(theme["id"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    assert!(homes.values().any(|n| *n >= 3), "{homes:?} in {themes:#?}");

    let bad = app
        .call(
            &mut facilitator,
            "run_clustering",
            &[("workshop_id", &workshop_id), ("granularity", "0.5"), ("need_granularity", "1.5")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "the need grain is checked too");
}

#[tokio::test]
async fn renamed_needs_moved_notes_and_locked_themes_survive_reruns_at_both_grains() {
    let app = TestApp::new().await;
    let (mut facilitator, _, workshop_id) = clustered_workshop(&app).await;
    let before = themes(&app, &mut facilitator, &workshop_id).await;
    let cloud = note_id(&app, &mut facilitator, &workshop_id, NOTES[4]).await;
    let (cloud_theme, cloud_need) = need_of(&before, &cloud);
    let need_id = cloud_need["id"].as_str().unwrap().to_string();
    let renamed = app
        .call(
            &mut facilitator,
            "rename_need",
            &[("need_id", &need_id), ("name", "Molntjänster och CLOUD Act")],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    let empty = app.call(&mut facilitator, "rename_need", &[("need_id", &need_id), ("name", " ")]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);

    // A note about the mail box moves into the cloud need: a facilitator's call.
    let mailbox = note_id(&app, &mut facilitator, &workshop_id, NOTES[19]).await;
    let moved = app
        .call(&mut facilitator, "move_note_to_need", &[("note_id", &mailbox), ("need_id", &need_id)])
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);

    // Another theme is locked: its name and its needs' notes stay as they are.
    let moved_away = themes(&app, &mut facilitator, &workshop_id).await;
    let locked = moved_away.iter().find(|t| t["unsorted"] == false && t["id"] != cloud_theme["id"]).unwrap();
    let locked_id = locked["id"].as_str().unwrap().to_string();
    let lock =
        app.call(&mut facilitator, "lock_theme", &[("theme_id", &locked_id), ("locked", "true")]).await;
    assert_eq!(lock.status, StatusCode::OK, "{}", lock.text);
    let locked_needs: Vec<(String, Vec<String>)> = locked["needs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|need| {
            (
                need["id"].as_str().unwrap().to_string(),
                ids(&need["note_ids"]).iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect();

    for granularity in ["0.5", "0.9", "0.1"] {
        let rerun = app.cluster(&mut facilitator, &workshop_id, granularity, Some(granularity)).await;
        assert_eq!(rerun.status, StatusCode::OK, "{}", rerun.text);
        let after = themes(&app, &mut facilitator, &workshop_id).await;
        let (_, need) = need_of(&after, &cloud);
        assert_eq!(need["id"], need_id.as_str(), "the renamed need keeps its id (grain {granularity})");
        assert_eq!(need["name"], "Molntjänster och CLOUD Act");
        assert_eq!(need["name_locked"], true);
        let (_, holding) = need_of(&after, &mailbox);
        assert_eq!(holding["id"], need_id.as_str(), "the moved note stays in its need (grain {granularity})");
        let theme = after.iter().find(|t| t["id"] == locked_id.as_str()).expect("the locked theme stays");
        assert_eq!(theme["name"], locked["name"]);
        for (id, notes) in &locked_needs {
            let need = theme["needs"].as_array().unwrap().iter().find(|n| n["id"] == id.as_str());
            let need = need.unwrap_or_else(|| panic!("need {id} of the locked theme is kept: {theme:#}"));
            let kept: Vec<String> = ids(&need["note_ids"]).iter().map(|s| s.to_string()).collect();
            assert_eq!(&kept, notes, "the locked theme's needs keep their notes");
        }
    }
}

#[tokio::test]
async fn moving_a_note_to_a_theme_gives_it_a_need_of_its_own_and_undo_brings_needs_back() {
    let app = TestApp::new().await;
    let (mut facilitator, _, workshop_id) = clustered_workshop(&app).await;
    let first = themes(&app, &mut facilitator, &workshop_id).await;
    let api = note_id(&app, &mut facilitator, &workshop_id, NOTES[8]).await;
    let (api_theme, api_need) = need_of(&first, &api);
    let target = first.iter().find(|t| t["unsorted"] == false && t["id"] != api_theme["id"]).unwrap();
    let target_id = target["id"].as_str().unwrap().to_string();

    let moved = app.call(&mut facilitator, "move_note", &[("note_id", &api), ("theme_id", &target_id)]).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let after = themes(&app, &mut facilitator, &workshop_id).await;
    let (theme, need) = need_of(&after, &api);
    assert_eq!(theme["id"], target_id.as_str());
    assert_eq!(ids(&need["note_ids"]), vec![api.as_str()], "a need of its own");
    assert_eq!(need["name"], NOTES[8], "named after the note");
    assert!(ids(&theme["pinned_note_ids"]).contains(&api.as_str()));

    let need_id = api_need["id"].as_str().unwrap().to_string();
    let renamed =
        app.call(&mut facilitator, "rename_need", &[("need_id", &need_id), ("name", "API-katalog")]).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);

    for _ in 0..2 {
        let undo = app.call(&mut facilitator, "undo_themes", &[("workshop_id", &workshop_id)]).await;
        assert_eq!(undo.status, StatusCode::OK, "{}", undo.text);
    }
    let undone = themes(&app, &mut facilitator, &workshop_id).await;
    let (theme, need) = need_of(&undone, &api);
    assert_eq!(theme["id"], api_theme["id"], "undo puts the note back in its theme");
    assert_eq!(need["id"], api_need["id"], "and in its need");
    assert_eq!(need["name"], api_need["name"], "with the need's name as it was");
    assert_eq!(undone, first, "both grains exactly as clustering left them");

    // A need of another workshop is not the facilitator's to touch.
    let mut other = Browser::default();
    app.round_with_workshop(&mut other).await;
    let refused = app.call(&mut other, "rename_need", &[("need_id", &need_id), ("name", "Mitt")]).await;
    assert!(matches!(refused.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", refused.status);
    let refused =
        app.call(&mut other, "move_note_to_need", &[("note_id", &api), ("need_id", &need_id)]).await;
    assert!(matches!(refused.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", refused.status);
}

#[tokio::test]
async fn every_export_lists_theme_then_need_then_notes() {
    let app = TestApp::new().await;
    let (mut facilitator, round_id, workshop_id) = clustered_workshop(&app).await;
    let cloud = note_id(&app, &mut facilitator, &workshop_id, NOTES[5]).await;
    let clustered = themes(&app, &mut facilitator, &workshop_id).await;
    let (theme, need) = need_of(&clustered, &cloud);
    let need_id = need["id"].as_str().unwrap().to_string();
    let theme_name = theme["name"].as_str().unwrap().to_string();
    let renamed = app
        .call(&mut facilitator, "rename_need", &[("need_id", &need_id), ("name", "Molnet & CLOUD Act")])
        .await;
    assert_eq!(renamed.status, StatusCode::OK);
    let base = format!("/export/workshops/{workshop_id}");

    let Download { status, bytes: md, .. } = app.download(&mut facilitator, &format!("{base}/md")).await;
    assert_eq!(status, StatusCode::OK);
    let md = String::from_utf8(md).unwrap();
    let theme_at = md.find(&format!("### {theme_name} (")).expect("the theme's heading");
    let need_at = md.find("#### Behov: Molnet & CLOUD Act (").expect("the need's heading, under it");
    let note_at = md[need_at..].find(NOTES[5]).map(|i| i + need_at).expect("the note, under the need");
    assert!(theme_at < need_at && need_at < note_at, "theme → need → note");

    let Download { bytes: csv, .. } = app.download(&mut facilitator, &format!("{base}/csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(header.starts_with("Tema-id;Tema;Behov-id;Behov;"), "{header}");
    let row = csv.lines().find(|line| line.contains(NOTES[5])).unwrap();
    assert!(row.contains(&format!(";{need_id};Molnet & CLOUD Act;")), "{row}");
    let needs_in_csv: HashSet<&str> = csv.lines().skip(1).filter_map(|line| line.split(';').nth(2)).collect();
    assert!(needs_in_csv.len() >= 5, "a need per row: {needs_in_csv:?}");

    let Download { bytes: html, .. } = app.download(&mut facilitator, &format!("{base}/html")).await;
    let html = String::from_utf8(html).unwrap();
    let section = html.split("class=\"report-need\"").find(|s| s.contains(NOTES[5])).unwrap();
    assert!(section.contains("Molnet &amp; CLOUD Act"), "the need's name heads its notes");
    assert!(html.contains(&format!("id=\"need-{need_id}\"")));

    let Download { bytes: xlsx, .. } = app.download(&mut facilitator, &format!("{base}/xlsx")).await;
    let parts = xlsx_parts(&xlsx);
    let all: String = parts.iter().map(|(_, text)| text.as_str()).collect();
    assert!(
        parts.iter().any(|(name, _)| name == "xl/worksheets/sheet3.xml"),
        "themes, needs and notes sheets"
    );
    assert!(all.contains("Molnet &amp; CLOUD Act") && all.contains(&need_id));
    assert!(all.contains(">Behov<"), "a need column");

    let Download { bytes: json, .. } = app.download(&mut facilitator, &format!("{base}/json")).await;
    let json: Value = serde_json::from_slice(&json).unwrap();
    let needs: Vec<&Value> =
        json["themes"].as_array().unwrap().iter().flat_map(|t| t["needs"].as_array().unwrap()).collect();
    assert!(needs.iter().any(|n| n["name"] == "Molnet & CLOUD Act" && n["id"] == need_id.as_str()));

    // The round's cross-workshop themes hold needs too, in the analysis and its exports.
    let run =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    let analysis = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    let round_themes = analysis["report"]["themes"].as_array().unwrap();
    let round_needs: usize = round_themes.iter().map(|t| t["needs"].as_array().unwrap().len()).sum();
    assert!(round_needs >= round_themes.len() && round_needs >= 3, "{round_themes:#?}");
    let Download { bytes: md, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{round_id}/md")).await;
    assert!(String::from_utf8(md).unwrap().contains("#### Behov: "));
}

#[tokio::test]
async fn a_purge_deletes_the_needs_with_the_notes() {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let app = TestApp::new().await;
    let (mut facilitator, round_id, _) = clustered_workshop(&app).await;
    let run =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(run.status, StatusCode::OK);
    let url = common::stored_database_url(app.dir.path()).await;
    let count = || async {
        let mut db = sqlx::AnyConnection::connect(&url).await.unwrap();
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM needs").fetch_one(&mut db).await.unwrap();
        n
    };
    assert!(count().await >= 6, "workshop and round needs are stored");
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    app.get(&mut facilitator, &format!("/archive/rounds/{round_id}")).await;
    let purged = app.call(&mut facilitator, "purge_round", &[("round_id", &round_id)]).await;
    assert_eq!(purged.status, StatusCode::OK, "{}", purged.text);
    assert_eq!(count().await, 0, "need names are drawn from notes: they go with them");
}
