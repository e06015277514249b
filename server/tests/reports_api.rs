//! Revision reports: every export format of a workshop and of a round, anonymity in all of
//! them, the analyst's round view with filters, and the comparison with the previous round.

mod common;

use axum::http::StatusCode;
use common::{Browser, Download, TestApp, xlsx_text};
use serde_json::Value;

const ELEG: &[&str] = &[
    "Gemensam e-legitimation för medarbetare",
    "E-legitimation för personal utan personnummer",
    "Enklare e-legitimation för alla medarbetare",
    "E-legitimation för medarbetare i kommunen",
];
const ARCHIVE: &[&str] = &[
    "Digitalt arkiv för allmänna handlingar",
    "Långsiktig arkivering av digitala handlingar",
    "E-arkiv för handlingar från flera system",
    "Arkivering av handlingar i ett gemensamt e-arkiv",
];
const AI: &[&str] = &[
    "AI-stöd för handläggare i ärenden",
    "Stöd av AI vid handläggning av ärenden",
    "Riktlinjer för AI i handläggningen",
    "AI som stöd i ärendehandläggning",
];

/// A note that would be markup if a report pasted it into HTML unescaped.
const MARKUP_NOTE: &str = r#"<script>alert(1)</script> & "citat" behövs inte"#;

/// [`MARKUP_NOTE`] as the report shows it: text, escaped once.
const MARKUP_NOTE_ESCAPED: &str =
    r#"<p class="note-text">&lt;script&gt;alert(1)&lt;/script&gt; &amp; "citat" behövs inte"#;

/// A workshop with a named participant's notes, clustered; returns (facilitator,
/// participant, round id, workshop id).
async fn clustered_workshop(app: &TestApp) -> (Browser, Browser, String, String) {
    let mut notes: Vec<&str> = ELEG.iter().chain(ARCHIVE).copied().collect();
    notes.extend([MARKUP_NOTE, "=HYPERLINK(\"http://evil\")"]);
    let (mut facilitator, participant, round_id, workshop_id) =
        app.workshop_with_notes("Anna Andersson", "Region Syd", &notes).await;
    let run = app.cluster(&mut facilitator, &workshop_id, "0.5", None).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    (facilitator, participant, round_id, workshop_id)
}

/// The analyst's page and the HTML export render the same report component: a note with
/// markup in it is text in both. The page keeps each need's notes behind a click (rendered
/// in the browser when opened, where Leptos escapes them too), so it is read for the raw
/// markup only; the export holds every note.
#[tokio::test]
async fn markup_in_a_note_is_text_on_the_analysis_page_and_in_the_html_export() {
    let app = TestApp::new().await;
    let (mut facilitator, _, round_id, _) = clustered_workshop(&app).await;
    let page = app.get(&mut facilitator, &format!("/rounds/{round_id}/analysis")).await;
    assert_eq!(page.status, StatusCode::OK);
    let Download { bytes: export, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{round_id}/html")).await;
    let export = String::from_utf8(export).unwrap();
    let report = export.split_once(r#"<article class="report">"#).map(|(_, report)| report);
    assert!(
        report.is_some_and(|r| r.contains(MARKUP_NOTE_ESCAPED)),
        "the export shows the note as text: {export}"
    );
    for (what, html) in [("the page", &page.text), ("the export", &export)] {
        assert!(html.contains(r#"<article class="report">"#), "{what} holds the report");
        assert!(!html.contains("<script>alert("), "{what}: the note never becomes markup");
    }
}

#[tokio::test]
async fn a_workshop_report_downloads_in_every_format_with_themes_and_provenance() {
    let app = TestApp::new().await;
    let (mut facilitator, _, _, workshop_id) = clustered_workshop(&app).await;
    let themes = app.call(&mut facilitator, "get_themes", &[("workshop_id", &workshop_id)]).await.json;
    let theme = themes.as_array().unwrap().iter().find(|t| t["unsorted"] == false).unwrap().clone();
    let theme_id = theme["id"].as_str().unwrap();
    let renamed = app
        .call(&mut facilitator, "rename_theme", &[("theme_id", theme_id), ("name", "Våra behov & mål")])
        .await;
    assert_eq!(renamed.status, StatusCode::OK);

    let base = format!("/export/workshops/{workshop_id}");
    let Download { status, content_type, disposition, bytes: html } =
        app.download(&mut facilitator, &format!("{base}/html")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    assert_eq!(disposition, "attachment; filename=\"klustra-vard-och-omsorg.html\"");
    let html = String::from_utf8(html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@media print"), "printable document");
    assert!(html.contains("Våra behov &amp; mål"));
    assert!(html.contains("Vård och omsorg · Hälsa · Region Syd · Anna Andersson"));
    assert!(html.contains(&format!("{MARKUP_NOTE_ESCAPED}</p>")), "the note is text, escaped once: {html}");
    assert!(!html.contains("<script>"), "no note becomes markup");
    assert!(html.contains("<svg"), "the bar chart is in the report");

    let Download { bytes: md, .. } = app.download(&mut facilitator, &format!("{base}/md")).await;
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("### Våra behov & mål ("), "{md}");
    assert!(md.contains("- Gemensam e-legitimation för medarbetare"));
    assert!(md.contains("\\<script\\>"), "markup in notes is escaped");
    assert!(md.contains(" CET") || md.contains(" CEST"), "times on a Swedish clock, the zone named");

    let Download { content_type, bytes: csv, .. } =
        app.download(&mut facilitator, &format!("{base}/csv")).await;
    assert!(content_type.starts_with("text/csv"));
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').trim_end().split("\r\n").collect();
    assert!(
        lines[0].starts_with("Tema-id;Tema;Behov-id;Behov;Temastatus;Tidigare tema;Lapp-id;Lapp;Workshop-id"),
        "column names in the interface's language: {}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + ELEG.len() + ARCHIVE.len() + 2, "one row per note");
    assert!(csv.contains(&format!("{theme_id};Våra behov & mål;")), "semicolons: the page is in Swedish");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "formulas are defused");
    let swedish_offset = |row: &&str| row.contains("+01:00;") || row.contains("+02:00;");
    assert!(lines[1..].iter().all(swedish_offset), "times in Swedish time with the offset: {}", lines[1]);

    let Download { bytes: json, .. } = app.download(&mut facilitator, &format!("{base}/json")).await;
    let json: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["format_version"], 3);
    assert_eq!(json["scope"]["kind"], "workshop");
    let exported: Vec<&str> =
        json["themes"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert!(exported.contains(&theme_id), "stable theme ids");
    let note = &json["notes"][0];
    assert_eq!(note["workshop_id"], workshop_id.as_str());
    assert_eq!(note["organisation"], "Region Syd");
    assert_eq!(note["author"], "Anna Andersson");
    assert!(note["created_at"].as_str().unwrap().starts_with("20"));

    let Download { status, content_type, bytes: xlsx, .. } =
        app.download(&mut facilitator, &format!("{base}/xlsx")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.contains("spreadsheetml"));
    let text = xlsx_text(&xlsx);
    assert!(text.contains("Våra behov &amp; mål"));
    assert!(text.contains("Anna Andersson") && text.contains("Region Syd"));
    assert!(!text.contains("<f>"), "no formulas in the workbook");
    let zoned = |zone: &str| format!(r#"formatCode="yyyy-mm-dd hh:mm &quot;{zone}&quot;""#);
    assert!(
        text.contains(&zoned("CET")) || text.contains(&zoned("CEST")),
        "times are dates a spreadsheet can sort, on a Swedish clock with the zone named"
    );
}

#[tokio::test]
async fn only_the_facilitator_may_export_and_unknown_formats_are_refused() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, round_id, workshop_id) = clustered_workshop(&app).await;
    let Download { status, bytes: body, .. } =
        app.download(&mut participant, &format!("/export/workshops/{workshop_id}/csv")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!String::from_utf8(body).unwrap().contains("Anna"));
    let Download { status, .. } =
        app.download(&mut Browser::default(), &format!("/export/rounds/{round_id}/json")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let Download { status, .. } =
        app.download(&mut participant, &format!("/export/rounds/{round_id}/json")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let Download { status, bytes: body, .. } =
        app.download(&mut facilitator, &format!("/export/workshops/{workshop_id}/pdf")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let refusal: serde_json::Value = serde_json::from_slice(&body).expect("refusals are JSON");
    assert_eq!(refusal["error"], "invalid");
    assert_eq!(refusal["message"], "Formatet är inte giltigt.", "in the interface's language");
    let unknown = uuid::Uuid::new_v4();
    let Download { status, .. } =
        app.download(&mut facilitator, &format!("/export/workshops/{unknown}/csv")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_anonymous_workshop_has_no_names_in_any_export() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, round_id, workshop_id) = clustered_workshop(&app).await;
    let refused =
        app.call(&mut participant, "set_anonymous", &[("workshop_id", &workshop_id), ("on", "true")]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let set =
        app.call(&mut facilitator, "set_anonymous", &[("workshop_id", &workshop_id), ("on", "true")]).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;

    for path in [format!("/export/workshops/{workshop_id}"), format!("/export/rounds/{round_id}")] {
        for format in ["html", "md", "csv", "json", "xlsx"] {
            let Download { status, bytes, .. } =
                app.download(&mut facilitator, &format!("{path}/{format}")).await;
            assert_eq!(status, StatusCode::OK, "{path}/{format}");
            let text = if format == "xlsx" { xlsx_text(&bytes) } else { String::from_utf8(bytes).unwrap() };
            assert!(!text.contains("Anna"), "{path}/{format} names the participant");
            assert!(text.contains("Region Syd"), "{path}/{format} keeps the organisation");
        }
    }
    let analysis = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await;
    assert!(!analysis.text.contains("Anna"), "nor the analyst's page");
}

/// Adds a workshop to a round as `facilitator`, joins it and writes `notes`; returns its id.
async fn workshop_in(
    app: &TestApp,
    facilitator: &mut Browser,
    round_id: &str,
    title: &str,
    sector: &str,
    notes: &[&str],
) -> String {
    let created = app
        .call(
            facilitator,
            "create_workshop",
            &[("round_id", round_id), ("title", title), ("sector", sector), ("held_on", ""), ("prompts", "")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    let workshop_id = created.json["id"].as_str().unwrap().to_string();
    let mut participant = Browser::default();
    app.join(&mut participant, created.json["join_code"].as_str().unwrap(), "", sector).await;
    for text in notes {
        assert_eq!(app.add_note(&mut participant, &workshop_id, text).await.status, StatusCode::OK);
    }
    workshop_id
}

/// A round "Hösten 2026" with two workshops: health (two e-legitimation and two archive
/// notes) and school (the other two of each, and `more`); returns (round, health, school).
async fn health_and_school(
    app: &TestApp,
    facilitator: &mut Browser,
    more: &[&str],
) -> (String, String, String) {
    let round_id = new_round(app, facilitator, "Hösten 2026").await;
    let health = workshop_in(
        app,
        facilitator,
        &round_id,
        "Vård",
        "Hälsa",
        &[ELEG[0], ELEG[1], ARCHIVE[0], ARCHIVE[1]],
    )
    .await;
    let school_notes: Vec<&str> =
        [ELEG[2], ELEG[3], ARCHIVE[2], ARCHIVE[3]].into_iter().chain(more.iter().copied()).collect();
    let school = workshop_in(app, facilitator, &round_id, "Skola", "Utbildning", &school_notes).await;
    (round_id, health, school)
}

async fn new_round(app: &TestApp, facilitator: &mut Browser, title: &str) -> String {
    app.ensure_signed_in(facilitator).await;
    let round = app.call(facilitator, "create_round", &[("title", title)]).await;
    round.json["id"].as_str().unwrap().to_string()
}

/// The round theme holding the note with `text`.
fn round_theme_of<'a>(analysis: &'a Value, text: &str) -> &'a Value {
    let note = analysis["report"]["notes"].as_array().unwrap().iter().find(|n| n["text"] == text).unwrap();
    analysis["report"]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["note_ids"].as_array().unwrap().contains(&note["id"]))
        .expect("every note is in a round theme")
}

#[tokio::test]
async fn the_round_builds_on_the_workshops_curated_themes_and_the_analyst_renames_merges_and_splits() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, health, school) = health_and_school(&app, &mut facilitator, &[AI[0], AI[1]]).await;
    // The health workshop's facilitator clusters and names a theme; the school's never clusters.
    let run = app
        .call(&mut facilitator, "run_clustering", &[("workshop_id", &health), ("granularity", "0.5")])
        .await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    let eleg_id = run
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"].as_str().unwrap().to_lowercase().contains("legitimation"))
        .expect("an e-legitimation theme in the workshop")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let named = app
        .call(
            &mut facilitator,
            "rename_theme",
            &[("theme_id", &eleg_id), ("name", "Inloggning för personal")],
        )
        .await;
    assert_eq!(named.status, StatusCode::OK, "{}", named.text);

    let seen = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_eq!(seen["provisional"], true);
    let eleg = round_theme_of(&seen, ELEG[3]);
    assert_eq!(eleg["name"], "Inloggning för personal", "the facilitator's name leads the round theme");
    assert_eq!(eleg["note_ids"].as_array().unwrap().len(), 4, "joined across both workshops: {seen:#}");
    let sectors: Vec<&str> = seen["report"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| eleg["note_ids"].as_array().unwrap().contains(&n["id"]))
        .map(|n| {
            if n["workshop_id"] == health.as_str() {
                "Hälsa"
            } else if n["workshop_id"] == school.as_str() {
                "Utbildning"
            } else {
                "?"
            }
        })
        .collect();
    assert!(sectors.contains(&"Hälsa") && sectors.contains(&"Utbildning"), "recurs in both sectors");

    let mut stranger = Browser::default();
    let theme_id = eleg["id"].as_str().unwrap().to_string();
    let refused = app
        .call(
            &mut stranger,
            "rename_round_theme",
            &[("round_id", &round_id), ("theme_id", &theme_id), ("name", "X")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let run =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    let stored = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_eq!(stored["provisional"], false);

    // The analyst names the archive theme, merges the e-legitimation theme into it, then
    // splits it again.
    let archive_id = round_theme_of(&stored, ARCHIVE[0])["id"].as_str().unwrap().to_string();
    let eleg_id = round_theme_of(&stored, ELEG[0])["id"].as_str().unwrap().to_string();
    assert_ne!(archive_id, eleg_id, "{:#}", stored["report"]["themes"]);
    let empty = app
        .call(
            &mut facilitator,
            "rename_round_theme",
            &[("round_id", &round_id), ("theme_id", &archive_id), ("name", " ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let renamed = app
        .call(
            &mut facilitator,
            "rename_round_theme",
            &[("round_id", &round_id), ("theme_id", &archive_id), ("name", "E-arkiv")],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    let merged = app
        .call(
            &mut facilitator,
            "merge_round_themes",
            &[("round_id", &round_id), ("kept", &archive_id), ("other", &eleg_id)],
        )
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.text);
    let after = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_eq!(
        round_theme_of(&after, ELEG[3])["id"],
        archive_id.as_str(),
        "the e-legitimation notes joined the archive theme"
    );
    assert_eq!(round_theme_of(&after, ELEG[3])["name"], "E-arkiv");
    // A re-run keeps what the analyst merged.
    let rerun =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(rerun.status, StatusCode::OK, "{}", rerun.text);
    let after = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_eq!(
        round_theme_of(&after, ELEG[0])["id"],
        round_theme_of(&after, ARCHIVE[0])["id"],
        "the merge outlives a re-run: {:#}",
        after["report"]["themes"]
    );
    assert_eq!(round_theme_of(&after, ELEG[3])["name"], "E-arkiv");
    let archive_id = round_theme_of(&after, ARCHIVE[0])["id"].as_str().unwrap().to_string();
    let split = app
        .call(&mut facilitator, "split_round_theme", &[("round_id", &round_id), ("theme_id", &archive_id)])
        .await;
    assert_eq!(split.status, StatusCode::OK, "{}", split.text);
    let after = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_ne!(
        round_theme_of(&after, ELEG[0])["id"],
        round_theme_of(&after, ARCHIVE[0])["id"],
        "split by content"
    );
    assert_eq!(round_theme_of(&after, ARCHIVE[0])["name"], "E-arkiv", "the name the analyst gave stays");
    let unknown = app
        .call(&mut facilitator, "split_round_theme", &[("round_id", &round_id), ("theme_id", &health)])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // A re-run, even at the coarsest level, keeps the split halves apart, the analyst's name
    // and the facilitator's.
    let rerun =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.0")]).await;
    assert_eq!(rerun.status, StatusCode::OK, "{}", rerun.text);
    let again = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert_ne!(round_theme_of(&again, ELEG[0])["id"], round_theme_of(&again, ARCHIVE[0])["id"], "{again:#}");
    assert_eq!(round_theme_of(&again, ARCHIVE[2])["name"], "E-arkiv", "{again:#}");
    assert_eq!(round_theme_of(&again, ELEG[0])["name"], "Inloggning för personal");
}

#[tokio::test]
async fn a_round_is_clustered_across_workshops_with_counts_and_filters() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let (round_id, health, school) = health_and_school(&app, &mut facilitator, &[]).await;

    let before = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.text);
    assert!(before.json["clustered_at"].is_null());
    assert_eq!(before.json["provisional"], true, "never clustered: themes joined just now, not stored");
    assert!(!before.json["report"]["themes"].as_array().unwrap().is_empty());

    let mut stranger = Browser::default();
    let refused =
        app.call(&mut stranger, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let run =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);

    let analysis = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &round_id)]).await.json;
    assert!(analysis["clustered_at"].is_string());
    let themes = analysis["report"]["themes"].as_array().unwrap();
    let eleg = themes
        .iter()
        .find(|t| t["name"].as_str().unwrap().to_lowercase().contains("legitimation"))
        .expect("an e-legitimation theme");
    assert_eq!(eleg["note_ids"].as_array().unwrap().len(), 4, "{themes:#?}");
    let notes = analysis["report"]["notes"].as_array().unwrap();
    let from = |workshop: &str| {
        eleg["note_ids"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|id| notes.iter().any(|n| &n["id"] == *id && n["workshop_id"] == workshop))
            .count()
    };
    assert_eq!((from(&health), from(&school)), (2, 2), "the theme spans both workshops");

    let Download { bytes: html, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{round_id}/html")).await;
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("class=\"chart heatmap\"") && html.contains("class=\"chart bar-chart\""));
    assert!(html.contains("Per sektor") && html.contains("Hälsa 2"));

    let Download { bytes: csv, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{round_id}/csv?sector=Utbildning")).await;
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.trim_end().split("\r\n").count(), 1 + 4, "only the school's notes");
    assert!(!csv.contains(";Hälsa;"));
    let Download { bytes: json, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{round_id}/json?workshop={health}")).await;
    let json: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["workshops"].as_array().unwrap().len(), 1);
    assert_eq!(json["notes"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn themes_are_compared_with_the_previous_round_and_keep_their_ids() {
    let app = TestApp::new().await;
    let mut facilitator = Browser::default();
    let spring = new_round(&app, &mut facilitator, "Våren 2026").await;
    workshop_in(&app, &mut facilitator, &spring, "Vår", "Hälsa", &[ELEG, ARCHIVE].concat()).await;
    app.call(&mut facilitator, "cluster_round", &[("round_id", &spring), ("granularity", "0.5")]).await;
    let spring_report = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &spring)]).await.json
        ["report"]
        .clone();
    // Found by their notes: a theme's name is the engine's choice of phrase.
    let id_of = |report: &Value, word: &str| -> String {
        let about: Vec<&str> = report["notes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["text"].as_str().unwrap().to_lowercase().contains(word))
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        let holds = |t: &Value| {
            t["note_ids"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|id| about.contains(&id.as_str().unwrap()))
                .count()
        };
        report["themes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["unsorted"] == false && holds(t) > 0)
            .max_by_key(|t| holds(t))
            .unwrap_or_else(|| panic!("a theme about {word} in {report:#?}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let spring_eleg = id_of(&spring_report, "legitimation");

    let autumn = new_round(&app, &mut facilitator, "Hösten 2026").await;
    workshop_in(&app, &mut facilitator, &autumn, "Höst", "Hälsa", &[ELEG, AI].concat()).await;
    let to_itself = app
        .call(&mut facilitator, "set_previous_round", &[("round_id", &autumn), ("previous", &autumn)])
        .await;
    assert_eq!(to_itself.status, StatusCode::BAD_REQUEST);
    let set = app
        .call(&mut facilitator, "set_previous_round", &[("round_id", &autumn), ("previous", &spring)])
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    app.call(&mut facilitator, "cluster_round", &[("round_id", &autumn), ("granularity", "0.5")]).await;

    let analysis = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &autumn)]).await.json;
    let report = &analysis["report"];
    assert_eq!(report["previous_round"]["title"], "Våren 2026");
    let themes = &report["themes"];
    let eleg = themes
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == spring_eleg.as_str())
        .expect("e-legitimation keeps its id");
    assert_eq!(eleg["continuity"]["status"], "recurring");
    let ai = id_of(report, "ai-");
    let ai = themes.as_array().unwrap().iter().find(|t| t["id"] == ai.as_str()).unwrap();
    assert_eq!(ai["continuity"]["status"], "new");
    let gone = report["no_longer_mentioned"].as_array().unwrap();
    assert_eq!(gone.len(), 1, "{gone:#?}");
    assert_eq!(gone[0]["id"], id_of(&spring_report, "arkiv").as_str());

    // A re-run keeps the ids too.
    app.call(&mut facilitator, "cluster_round", &[("round_id", &autumn), ("granularity", "0.6")]).await;
    let again = app.call(&mut facilitator, "get_round_analysis", &[("round_id", &autumn)]).await.json;
    let ids = |v: &Value| -> Vec<String> {
        let mut ids: Vec<String> = v["report"]["themes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["unsorted"] == false)
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&again), ids(&analysis));

    let Download { bytes: md, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{autumn}/md")).await;
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("Återkommande")
            && md.contains("Nytt")
            && md.contains("Teman från förra omgången som inte nämns längre"),
        "{md}"
    );
    // Every format holds the theme no longer mentioned: the CSV a row of its own, the
    // workbook a sheet.
    let gone_name = gone[0]["name"].as_str().unwrap();
    let Download { bytes: csv, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{autumn}/csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    let row = csv.lines().find(|line| line.contains("Nämns inte längre")).unwrap_or_else(|| panic!("{csv}"));
    assert!(row.contains(gone_name) && row.contains(gone[0]["id"].as_str().unwrap()), "{row}");
    let Download { bytes: xlsx, .. } =
        app.download(&mut facilitator, &format!("/export/rounds/{autumn}/xlsx")).await;
    let workbook = xlsx_text(&xlsx);
    assert!(workbook.contains(r#"name="Nämns inte längre""#) && workbook.contains(gone_name), "{workbook}");
}

#[tokio::test]
async fn plus_ones_and_dots_are_in_the_exports() {
    let app = TestApp::new().await;
    let (mut facilitator, _, _, workshop_id) = clustered_workshop(&app).await;
    let code = app
        .call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)])
        .await
        .json["board"]["workshop"]["join_code"]
        .as_str()
        .unwrap()
        .to_string();
    let mut other = Browser::default();
    app.join(&mut other, &code, "Bo", "Skolverket").await;
    let notes = app.notes(&mut other, &code).await;
    let note_id = notes.iter().find(|n| n["text"] == ELEG[0]).unwrap()["id"].as_str().unwrap().to_string();
    let supported =
        app.call(&mut other, "support_note", &[("note_id", &note_id), ("supported", "true")]).await;
    assert_eq!(supported.status, StatusCode::OK, "{}", supported.text);
    let vote = app
        .call(
            &mut facilitator,
            "open_vote",
            &[("workshop_id", &workshop_id), ("target", "notes"), ("dots", "3")],
        )
        .await;
    assert_eq!(vote.status, StatusCode::OK, "{}", vote.text);
    let vote_id = vote.json["id"].as_str().unwrap().to_string();
    for _ in 0..2 {
        let dot = app.call(&mut other, "give_dot", &[("vote_id", &vote_id), ("target_id", &note_id)]).await;
        assert_eq!(dot.status, StatusCode::OK, "{}", dot.text);
    }

    let Download { bytes: json, .. } =
        app.download(&mut facilitator, &format!("/export/workshops/{workshop_id}/json")).await;
    let json: Value = serde_json::from_slice(&json).unwrap();
    let note = json["notes"].as_array().unwrap().iter().find(|n| n["id"] == note_id.as_str()).unwrap();
    assert_eq!((note["supporters"].as_i64(), note["dots"].as_i64()), (Some(1), Some(2)));
    let Download { bytes: csv, .. } =
        app.download(&mut facilitator, &format!("/export/workshops/{workshop_id}/csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    let row = csv.lines().find(|l| l.contains(ELEG[0])).unwrap();
    // +1s and dots (columns 16 and 17); a theme's vote dots are on its first row only.
    let cells: Vec<&str> = row.split(';').collect();
    assert_eq!(cells[15..17], ["1", "2"], "{row}");
    let Download { bytes: html, .. } =
        app.download(&mut facilitator, &format!("/export/workshops/{workshop_id}/html")).await;
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("+1 1 · Prickar: 2"));
    assert!(html.contains(" CET") || html.contains(" CEST"), "times on a Swedish clock, the zone named");
    assert!(!html.contains(" UTC"));
}
