//! This year's round against last year's, as an analyst must be able to sign it (issue 33,
//! item 1): two pairs of rounds written for the project (testdata/rounds/) with known
//! recurring, new and dropped need areas, built through the service as the app builds them
//! (each workshop clustered, some themes named by their facilitator, then the round) with
//! the real sentence model. On the first pair (last year 2 workshops and 80 notes, this year
//! 3 sectors and 146 notes), on which the comparison was tuned: at least 90 % of the
//! recurring pairs shown are right, every dropped area is listed as no longer mentioned, no
//! recurring area is, no theme of an area that existed last year is called new; last year's
//! facilitator-named broadband and cloud themes are not fused, and a round theme spanning
//! several workshops is not named after one workshop's theme. The second pair ("b", 101 and
//! 158 notes) was written afterwards, blind to the code, and never tuned on: its figures are
//! the held-out ones, held here so that they get no worse (BENCHMARKS.md, "This year against
//! last year").

mod common;

use std::collections::{BTreeMap, HashMap};

use axum::http::StatusCode;
use common::{Browser, TestApp};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Data {
    truth: Truth,
    last: RoundData,
    this: RoundData,
}

/// Last year's areas and this year's areas continuing each; areas dropped; areas new.
#[derive(Deserialize)]
struct Truth {
    recurring: BTreeMap<String, Vec<String>>,
    dropped: Vec<String>,
    new: Vec<String>,
}

#[derive(Deserialize)]
struct RoundData {
    title: String,
    workshops: Vec<WorkshopData>,
}

#[derive(Deserialize)]
struct WorkshopData {
    title: String,
    sector: String,
    held_on: String,
    /// Area -> the name its facilitator gave the workshop theme holding most of its notes.
    named: BTreeMap<String, String>,
    notes: Vec<NoteData>,
}

#[derive(Deserialize)]
struct NoteData {
    text: String,
    area: String,
}

/// A pair of rounds from testdata/rounds/.
fn data(file: &str) -> Data {
    let path = format!("{}/../testdata/rounds/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Builds `round` as its facilitator would: workshops, notes, each workshop clustered and
/// its named themes named, the previous round set, the round's themes built. Records each
/// note's area in `area_of`; returns the round's id.
async fn build_round(
    app: &TestApp,
    facilitator: &mut Browser,
    round: &RoundData,
    previous: Option<&str>,
    area_of: &mut HashMap<String, String>,
) -> String {
    let created = app.call(facilitator, "create_round", &[("title", &round.title)]).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    let round_id = created.json["id"].as_str().unwrap().to_string();
    for (n, workshop) in round.workshops.iter().enumerate() {
        let created = app
            .call(
                facilitator,
                "create_workshop",
                &[
                    ("round_id", &round_id),
                    ("title", &workshop.title),
                    ("sector", &workshop.sector),
                    ("held_on", &workshop.held_on),
                    ("prompts", "Vilka behov har ni?"),
                ],
            )
            .await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.text);
        let workshop_id = created.json["id"].as_str().unwrap().to_string();
        let code = created.json["join_code"].as_str().unwrap();
        // A handful of notes each, as people write them in a workshop.
        for (k, notes) in workshop.notes.chunks(NOTES_EACH).enumerate() {
            let mut participant = Browser::default();
            app.join(&mut participant, code, &format!("Deltagare {n}.{k}"), &workshop.sector).await;
            add_notes(app, &mut participant, &workshop_id, notes, area_of).await;
        }
        let clustered = app.cluster(facilitator, &workshop_id, "0.5", None).await;
        assert_eq!(clustered.status, StatusCode::OK, "{}", clustered.text);
        let themes = clustered.json.as_array().unwrap();
        for (area, name) in &workshop.named {
            let holds = |theme: &Value| ids(&theme["note_ids"]).filter(|id| area_of[id] == *area).count();
            let theme = themes.iter().filter(|t| t["unsorted"] == false).max_by_key(|t| holds(t)).unwrap();
            let theme_id = theme["id"].as_str().unwrap();
            let renamed =
                app.call(facilitator, "rename_theme", &[("theme_id", theme_id), ("name", name)]).await;
            assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
        }
    }
    if let Some(previous) = previous {
        let set = app
            .call(facilitator, "set_previous_round", &[("round_id", &round_id), ("previous", previous)])
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    }
    let built =
        app.call(facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(built.status, StatusCode::OK, "{}", built.text);
    round_id
}

/// Notes a participant writes.
const NOTES_EACH: usize = 6;

/// `participant` writes `notes` in workshop `workshop_id`; records each note's area.
async fn add_notes(
    app: &TestApp,
    participant: &mut Browser,
    workshop_id: &str,
    notes: &[NoteData],
    area_of: &mut HashMap<String, String>,
) {
    for note in notes {
        let id = note_id(&note.text).to_string();
        let form = [("workshop_id", workshop_id), ("note_id", &id), ("text", &note.text)];
        let added = app.call(participant, "add_note", &form).await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.text);
        area_of.insert(id, note.area.clone());
    }
}

/// A note's id, fixed by its text: clustering breaks ties by note id, so the figures are
/// the same on every run.
fn note_id(text: &str) -> uuid::Uuid {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for byte in text.bytes() {
        hash = (hash ^ u128::from(byte)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    uuid::Builder::from_random_bytes(hash.to_le_bytes()).into_uuid()
}

fn ids(list: &Value) -> impl Iterator<Item = String> + '_ {
    list.as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_string())
}

/// A theme's notes per area, most first.
fn areas(theme: &Value, area_of: &HashMap<String, String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for id in ids(&theme["note_ids"]) {
        *counts.entry(area_of[&id].clone()).or_default() += 1;
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// The area most of a theme's notes are about.
fn area(theme: &Value, area_of: &HashMap<String, String>) -> String {
    areas(theme, area_of)[0].0.clone()
}

/// The themes of a report, without the unsorted group.
fn sorted_themes(report: &Value) -> Vec<&Value> {
    report["themes"].as_array().unwrap().iter().filter(|t| t["unsorted"] == false).collect()
}

/// Both rounds of a pair built, this year's compared with last year's, and what the
/// comparison got right and wrong against the pair's truth (printed theme by theme).
struct Compared {
    app: TestApp,
    facilitator: Browser,
    area_of: HashMap<String, String>,
    /// This year's round and both reports.
    this: String,
    before: Value,
    now: Value,
    /// Recurring pairs shown, and those whose areas truly continue.
    pairs: usize,
    right: usize,
    /// Dropped areas listed as no longer mentioned, and those not listed.
    dropped_listed: usize,
    dropped_missing: Vec<String>,
    recurring_as_dropped: Vec<String>,
    new_that_existed: Vec<String>,
    /// New areas that this year's new themes are about (each once).
    new_areas: Vec<String>,
}

impl Compared {
    fn share_right(&self) -> f64 {
        self.right as f64 / self.pairs.max(1) as f64
    }
}

async fn compare(data: &Data) -> Compared {
    let app = TestApp::with_model().await;
    let mut facilitator = app.signed_in("facilitator").await;
    let mut area_of = HashMap::new();
    let last = build_round(&app, &mut facilitator, &data.last, None, &mut area_of).await;
    let this = build_round(&app, &mut facilitator, &data.this, Some(&last), &mut area_of).await;
    let report_of = async |round: &str, facilitator: &mut Browser| {
        let analysis = app.call(facilitator, "get_round_analysis", &[("round_id", round)]).await;
        assert_eq!(analysis.status, StatusCode::OK, "{}", analysis.text);
        analysis.json["report"].clone()
    };
    let before = report_of(&last, &mut facilitator).await;
    let now = report_of(&this, &mut facilitator).await;

    let before_themes: HashMap<String, &Value> =
        sorted_themes(&before).into_iter().map(|t| (t["id"].as_str().unwrap().to_string(), t)).collect();
    eprintln!("Last year's round themes:");
    for theme in sorted_themes(&before) {
        eprintln!("  {:45} {:?}", theme["name"].as_str().unwrap(), areas(theme, &area_of));
    }
    let existed: Vec<&String> = data.truth.recurring.values().flatten().collect();
    let (mut pairs, mut right) = (0, 0);
    let mut new_that_existed = Vec::new();
    eprintln!("This year's round themes:");
    for theme in sorted_themes(&now) {
        let own = area(theme, &area_of);
        let continuity = &theme["continuity"];
        let mut shown = Vec::new();
        match continuity["status"].as_str().unwrap() {
            "recurring" => {
                for counterpart in continuity["previous"].as_array().unwrap() {
                    let previous = before_themes[counterpart["id"].as_str().unwrap()];
                    let previous_area = area(previous, &area_of);
                    let is_right =
                        data.truth.recurring.get(&previous_area).is_some_and(|next| next.contains(&own));
                    pairs += 1;
                    right += usize::from(is_right);
                    shown.push(format!(
                        "{}«{}» {:.2} ({} of {})",
                        if is_right { "" } else { "WRONG " },
                        counterpart["name"].as_str().unwrap(),
                        counterpart["similarity"].as_f64().unwrap(),
                        counterpart["notes_here"],
                        counterpart["notes"]
                    ));
                }
            }
            "new" if existed.contains(&&own) => {
                new_that_existed.push(theme["name"].as_str().unwrap().to_string())
            }
            _ => {}
        }
        eprintln!(
            "  {:45} {:9} {:?} {}",
            theme["name"].as_str().unwrap(),
            continuity["status"].as_str().unwrap(),
            areas(theme, &area_of),
            shown.join(", ")
        );
    }
    let gone: Vec<String> = ids(&Value::Array(
        now["no_longer_mentioned"].as_array().unwrap().iter().map(|t| t["id"].clone()).collect(),
    ))
    .collect();
    let gone_areas: Vec<String> = gone.iter().map(|id| area(before_themes[id], &area_of)).collect();
    let dropped_missing: Vec<String> =
        data.truth.dropped.iter().filter(|d| !gone_areas.contains(d)).cloned().collect();
    let recurring_as_dropped: Vec<String> =
        gone_areas.iter().filter(|a| data.truth.recurring.contains_key(*a)).cloned().collect();
    let mut new_areas: Vec<String> = sorted_themes(&now)
        .into_iter()
        .filter(|t| t["continuity"]["status"] == "new")
        .filter_map(|t| data.truth.new.iter().find(|a| **a == area(t, &area_of)).cloned())
        .collect();
    new_areas.sort_unstable();
    new_areas.dedup();
    eprintln!("No longer mentioned: {gone_areas:?}");
    let compared = Compared {
        app,
        facilitator,
        area_of,
        this,
        before,
        now,
        pairs,
        right,
        dropped_listed: data.truth.dropped.len() - dropped_missing.len(),
        dropped_missing,
        recurring_as_dropped,
        new_that_existed,
        new_areas,
    };
    eprintln!(
        "FIGURES: recurring pairs right {right}/{pairs} ({:.0} %); dropped areas listed {}/{}; \
         recurring areas listed as dropped {}; themes marked new that existed last year {}",
        compared.share_right() * 100.0,
        compared.dropped_listed,
        data.truth.dropped.len(),
        compared.recurring_as_dropped.len(),
        compared.new_that_existed.len()
    );
    compared
}

#[tokio::test]
async fn this_year_is_compared_with_last_year_on_meaning() {
    let compared = compare(&data("rounds.json")).await;
    let (right, pairs) = (compared.right, compared.pairs);
    assert!(pairs > 0 && compared.share_right() >= 0.9, "recurring pairs right: {right} of {pairs}");
    assert!(compared.dropped_missing.is_empty(), "dropped areas not listed: {:?}", compared.dropped_missing);
    assert!(
        compared.recurring_as_dropped.is_empty(),
        "recurring areas listed as dropped: {:?}",
        compared.recurring_as_dropped
    );
    assert!(!compared.new_areas.is_empty(), "this year's new areas are new");
    // Not yet the item's 0 (1 now): three training notes ("Önskar utbildning i digitalisering
    // för rektorer") form a theme of their own this year, and last year's one training note
    // lies in a theme of another subject, so nothing close points back. Held here so that it
    // gets no worse (BENCHMARKS.md, "This year against last year").
    let new_that_existed = &compared.new_that_existed;
    assert!(new_that_existed.len() <= 1, "marked new though they existed last year: {new_that_existed:?}");
    let Compared { app, mut facilitator, area_of, this, before, now, .. } = compared;

    // Every export says a recurring theme's counterparts with their similarity and how many
    // of their notes continue here, as the page.
    let counterpart = sorted_themes(&now)
        .into_iter()
        .filter(|t| t["continuity"]["status"] == "recurring")
        .map(|t| &t["continuity"]["previous"][0])
        .find(|c| c["notes_here"].as_u64().unwrap() > 1)
        .unwrap();
    let said = format!(
        "«{}» {} ({} av {} lappar matchar)",
        counterpart["name"].as_str().unwrap(),
        format!("{:.2}", counterpart["similarity"].as_f64().unwrap()).replace('.', ","),
        counterpart["notes_here"],
        counterpart["notes"]
    );
    for format in ["html", "md", "csv", "xlsx"] {
        let file = app.download(&mut facilitator, &format!("/export/rounds/{this}/{format}")).await;
        assert_eq!(file.status, StatusCode::OK);
        let text = if format == "xlsx" {
            common::xlsx_text(&file.bytes)
        } else {
            String::from_utf8(file.bytes).unwrap()
        };
        assert!(text.contains(&said), "{format} says {said}");
    }

    // Last year's facilitators named a broadband theme and a cloud theme in two workshops:
    // they stay apart in the round.
    let holding_most = |area: &str| {
        sorted_themes(&before)
            .into_iter()
            .max_by_key(|t| ids(&t["note_ids"]).filter(|id| area_of[id] == area).count())
            .unwrap()["id"]
            .clone()
    };
    assert_ne!(holding_most("bredband"), holding_most("moln"), "broadband and cloud fused");
    // This year the cloud theme spans every sector: not named after the school's theme.
    let cloud = sorted_themes(&now)
        .into_iter()
        .max_by_key(|t| ids(&t["note_ids"]).filter(|id| area_of[id] == "moln").count())
        .unwrap();
    assert_ne!(cloud["name"], "Molntjänster och CLOUD Act i skolan", "{cloud:#}");
}

/// The pair written after the comparison was made, and never tuned on. Its figures are held
/// as they are (the item's 90 % is not reached here: both rounds' themes are mixed, see
/// BENCHMARKS.md), so that they get no worse.
#[tokio::test]
async fn a_pair_never_tuned_on_keeps_its_figures() {
    let compared = compare(&data("rounds_b.json")).await;
    let (right, pairs) = (compared.right, compared.pairs);
    assert!(
        pairs > 0 && compared.share_right() >= FLOOR_B_SHARE_RIGHT,
        "recurring pairs right: {right} of {pairs}"
    );
    assert!(
        compared.dropped_listed >= FLOOR_B_DROPPED_LISTED,
        "dropped areas listed: {} (missing {:?})",
        compared.dropped_listed,
        compared.dropped_missing
    );
    assert!(
        compared.recurring_as_dropped.is_empty(),
        "recurring areas listed as dropped: {:?}",
        compared.recurring_as_dropped
    );
    assert!(
        compared.new_that_existed.is_empty(),
        "marked new though they existed last year: {:?}",
        compared.new_that_existed
    );
    assert!(compared.new_areas.len() >= 3, "this year's new areas are new: {:?}", compared.new_areas);
}

/// The held-out pair's figures when it was first measured (2026-12-07): 5 of 7 recurring
/// pairs right (71 %), 1 of its 3 dropped areas listed.
const FLOOR_B_SHARE_RIGHT: f64 = 0.7;
const FLOOR_B_DROPPED_LISTED: usize = 1;
