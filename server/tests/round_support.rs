//! Support reaches the round: +1s, note dots and theme votes of two workshops add up on the
//! round's themes and needs, and every export carries each figure once, on the row it
//! belongs to (issue 33, item 2).

mod common;

use axum::http::StatusCode;
use common::{Browser, Download, NEEDS_INVENTORY, TestApp, TwoSectorRound, xlsx_parts};
use serde_json::Value;

/// A workshop's facilitator view of a vote: opens one on `target` and returns its id.
async fn open_vote(app: &TestApp, facilitator: &mut Browser, workshop_id: &str, target: &str) -> String {
    let form = [("workshop_id", workshop_id), ("target", target), ("dots", "5")];
    let opened = app.call(facilitator, "open_vote", &form).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text);
    opened.json["id"].as_str().unwrap().to_string()
}

/// Gives `dots` dots, one at a time, as `voter`.
async fn give(app: &TestApp, voter: &mut Browser, vote_id: &str, target_id: &str, dots: usize) {
    for _ in 0..dots {
        let given = app.call(voter, "give_dot", &[("vote_id", vote_id), ("target_id", target_id)]).await;
        assert_eq!(given.status, StatusCode::OK, "{}", given.text);
    }
}

/// The workshop's theme holding the note with `text`: (its id, its notes' ids).
async fn theme_of(
    app: &TestApp,
    facilitator: &mut Browser,
    workshop_id: &str,
    note_id: &str,
) -> (String, Vec<String>) {
    let themes = app.call(facilitator, "get_themes", &[("workshop_id", workshop_id)]).await.json;
    let theme = themes
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["note_ids"].as_array().unwrap().iter().any(|id| id == note_id))
        .expect("the note is in a theme");
    let notes =
        theme["note_ids"].as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_string()).collect();
    (theme["id"].as_str().unwrap().to_string(), notes)
}

/// The id of the note with `text` on the board with `code`.
async fn note_id(app: &TestApp, viewer: &mut Browser, code: &str, text: &str) -> String {
    let notes = app.notes(viewer, code).await;
    notes.iter().find(|n| n["text"] == text).unwrap()["id"].as_str().unwrap().to_string()
}

/// The figures of a theme or need as the JSON has them.
fn figures(item: &Value) -> [i64; 5] {
    let support = &item["support"];
    ["notes", "sectors", "supporters", "note_dots", "theme_dots"].map(|key| support[key].as_i64().unwrap())
}

/// A CSV column's values (`;`-separated, no quoted separators in these notes' texts).
fn column(csv: &str, name: &str) -> Vec<String> {
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let at = header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    lines.map(|line| line.split(';').nth(at).unwrap_or_default().to_string()).collect()
}

fn sum(values: &[String]) -> i64 {
    values.iter().filter(|v| !v.is_empty()).map(|v| v.parse::<i64>().unwrap()).sum()
}

#[tokio::test]
async fn theme_votes_plus_ones_and_dots_add_up_on_the_rounds_themes_and_once_per_export_row() {
    let app = TestApp::new().await;
    // Health: e-legitimation, CLOUD Act and API catalogue; school: e-legitimation and mail.
    let TwoSectorRound { mut facilitator, round_id, health, school, school_code } =
        app.two_sector_round().await;
    let health_code =
        app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &health)]).await.json["board"]
            ["workshop"]["join_code"]
            .as_str()
            .unwrap()
            .to_string();

    // In health: Bo +1s an e-legitimation note and gives it 2 dots, then 3 dots to its theme.
    let mut bo = Browser::default();
    app.join(&mut bo, &health_code, "Bo", "Skatteverket").await;
    let eleg = note_id(&app, &mut bo, &health_code, NEEDS_INVENTORY[0]).await;
    let plus = app.call(&mut bo, "support_note", &[("note_id", &eleg), ("supported", "true")]).await;
    assert_eq!(plus.status, StatusCode::OK, "{}", plus.text);
    let notes_vote = open_vote(&app, &mut facilitator, &health, "notes").await;
    give(&app, &mut bo, &notes_vote, &eleg, 2).await;
    assert_eq!(
        app.call(&mut facilitator, "close_vote", &[("vote_id", &notes_vote)]).await.status,
        StatusCode::OK
    );
    let (health_theme, health_theme_notes) = theme_of(&app, &mut facilitator, &health, &eleg).await;
    let themes_vote = open_vote(&app, &mut facilitator, &health, "themes").await;
    give(&app, &mut bo, &themes_vote, &health_theme, 3).await;
    // In school: Dag gives 2 dots to the theme of the mail notes.
    let mut dag = Browser::default();
    app.join(&mut dag, &school_code, "Dag", "Skolverket").await;
    let mail = note_id(&app, &mut dag, &school_code, NEEDS_INVENTORY[16]).await;
    let (school_theme, school_theme_notes) = theme_of(&app, &mut facilitator, &school, &mail).await;
    let school_vote = open_vote(&app, &mut facilitator, &school, "themes").await;
    give(&app, &mut dag, &school_vote, &school_theme, 2).await;

    let analysis = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await;
    assert_eq!(analysis.status, StatusCode::OK, "{}", analysis.text);
    let report = &analysis.json["report"];
    let themes = report["themes"].as_array().unwrap();
    let total = |i: usize| themes.iter().map(|t| figures(t)[i]).sum::<i64>();
    assert_eq!(total(2), 1, "the one +1");
    assert_eq!(total(3), 2, "the two note dots");
    assert_eq!(total(4), 5, "both theme votes, each counted once");
    assert_eq!(total(0), 20, "every note once");
    // Each vote's dots are on the round theme holding most of the voted theme's notes.
    let holder = |notes: &[String]| {
        themes
            .iter()
            .max_by_key(|t| {
                let ids = t["note_ids"].as_array().unwrap();
                ids.iter().filter(|id| notes.iter().any(|n| *id == n.as_str())).count()
            })
            .unwrap()
    };
    let voted = |theme: &Value, workshop_theme: &str| {
        theme["theme_votes"].as_array().unwrap().iter().any(|v| v["theme_id"] == workshop_theme)
    };
    assert!(voted(holder(&health_theme_notes), &health_theme), "{:#}", report["themes"]);
    assert!(voted(holder(&school_theme_notes), &school_theme), "{:#}", report["themes"]);
    let eleg_theme =
        themes.iter().find(|t| t["note_ids"].as_array().unwrap().iter().any(|id| *id == eleg)).unwrap();
    let [_, _, supporters, note_dots, _] = figures(eleg_theme);
    assert_eq!((supporters, note_dots), (1, 2), "the note's +1 and dots are its round theme's");
    // A need's figures are within its theme's.
    for theme in themes {
        for need in theme["needs"].as_array().unwrap() {
            let (need, theme) = (figures(need), figures(theme));
            assert!((0..5).all(|i| need[i] <= theme[i]), "{need:?} within {theme:?}");
        }
    }

    // The round's CSV: theme-vote dots once per theme (and per need), so the columns add up.
    let Download { bytes, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{round_id}/csv")).await;
    let csv = String::from_utf8(bytes).unwrap();
    assert_eq!(sum(&column(&csv, "Temats röstprickar")), 5, "{csv}");
    assert!(sum(&column(&csv, "Behovets röstprickar")) <= 5, "{csv}");
    assert_eq!(sum(&column(&csv, "Stöd (+1)")), 1);
    assert_eq!(sum(&column(&csv, "Prickar")), 2);
    // The workshop's own CSV: its 3 theme dots once, not on every note of the theme.
    let Download { bytes, .. } =
        app.download(&mut facilitator, &format!("/export/workshops/{health}/csv")).await;
    let csv = String::from_utf8(bytes).unwrap();
    let theme_dots = column(&csv, "Temats röstprickar");
    assert_eq!(sum(&theme_dots), 3, "{csv}");
    assert_eq!(theme_dots.iter().filter(|v| *v == "3").count(), 1, "{csv}");

    // The workbook: sheets named in the reader's language, the Themes sheet's theme-vote
    // dots adding up to the votes.
    let Download { bytes, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{round_id}/xlsx")).await;
    let parts = xlsx_parts(&bytes);
    let part = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, text)| text.as_str()).unwrap();
    let workbook = part("xl/workbook.xml");
    for sheet in ["Teman", "Behov", "Lappar"] {
        assert!(workbook.contains(&format!(r#"name="{sheet}""#)), "{workbook}");
    }
    // Columns: theme, status, keywords, then notes, sectors, +1, note dots, theme-vote dots (H).
    assert_eq!(sheet_column_sum(part("xl/worksheets/sheet1.xml"), "H"), 5);
    assert_eq!(sheet_column_sum(part("xl/worksheets/sheet1.xml"), "F"), 1);
    assert_eq!(sheet_column_sum(part("xl/worksheets/sheet1.xml"), "G"), 2);
    // The language cookie rides along with the session's in the one Cookie header.
    let mut english = facilitator.clone();
    english.session = english.session.map(|session| format!("{session}; klustra_lang=en"));
    let Download { bytes, .. } = app.download(&mut english, &format!("/export/rounds/{round_id}/xlsx")).await;
    let parts = xlsx_parts(&bytes);
    let workbook = &parts.iter().find(|(n, _)| n == "xl/workbook.xml").unwrap().1;
    for sheet in ["Themes", "Needs", "Notes"] {
        assert!(workbook.contains(&format!(r#"name="{sheet}""#)), "{workbook}");
    }
}

/// The sum of the numbers in column `letter` below the header row of a worksheet's XML.
fn sheet_column_sum(xml: &str, letter: &str) -> i64 {
    xml.split("<c r=\"")
        .skip(1)
        .filter(|cell| {
            let reference: String = cell.chars().take_while(|c| *c != '"').collect();
            let column: String = reference.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            column == letter && reference[column.len()..] != *"1"
        })
        .filter_map(|cell| {
            let value = cell.split_once("<v>")?.1.split_once("</v>")?.0;
            // Numbers only: a text cell's value is an index into the shared strings.
            (!cell.split_once('>')?.0.contains("t=\"s\"")).then(|| value.parse::<i64>().ok()).flatten()
        })
        .sum()
}
