//! Every decision a facilitator makes on a workshop's themes survives re-runs of the
//! clustering (both sliders) with notes added, edited, hidden and deleted in between, and
//! a server restart: a note moved to a need or a theme, a note moved out of every theme,
//! merged and split themes, renamed themes and needs, locked themes. A decision that can
//! no longer hold is dropped visibly, in the round's audit log.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use axum::http::StatusCode;
use common::{Browser, Reply, TestApp};
use serde_json::Value;

/// The needs inventory of [`common::NEEDS_INVENTORY`], and one note that says nothing a
/// theme could be made of.
const NOTES: [&str; 21] = {
    let mut notes = [""; 21];
    let mut i = 0;
    while i < common::NEEDS_INVENTORY.len() {
        notes[i] = common::NEEDS_INVENTORY[i];
        i += 1;
    }
    notes[20] = "Ja, precis.";
    notes
};

/// Notes arriving after the first run: each close to a theme the decisions touch.
const LATER: &[&str] = &[
    "Digital brevlåda även för företag utan e-legitimation",
    "Molntjänster och e-legitimation hänger ihop vid upphandling",
    "En API-katalog för grunddata om fastigheter",
];

/// One edit to the workshop's notes between two runs, on notes no decision is about (the
/// grunddata notes), or notes arriving.
#[derive(Debug, Clone, Copy)]
enum Churn {
    Add,
    Edit,
    Hide,
    Delete,
}

const CHURN: [Churn; 4] = [Churn::Add, Churn::Edit, Churn::Hide, Churn::Delete];

/// A clustered workshop, its facilitator and the participant who wrote its notes.
struct Workshop {
    app: TestApp,
    facilitator: Browser,
    participant: Browser,
    round_id: String,
    workshop_id: String,
    /// Note ids by their first text.
    ids: HashMap<&'static str, String>,
}

impl Workshop {
    /// [`NOTES`] written and clustered at the middle of both sliders.
    async fn clustered() -> Self {
        let app = TestApp::new().await;
        let (mut facilitator, participant, round_id, workshop_id) =
            app.workshop_with_notes("Anna", "Region Syd", &NOTES).await;
        let run = app.cluster(&mut facilitator, &workshop_id, "0.5", Some("0.5")).await;
        assert_eq!(run.status, StatusCode::OK, "{}", run.text);
        let board =
            app.call(&mut facilitator, "get_facilitator_board", &[("workshop_id", &workshop_id)]).await;
        let notes = board.json["board"]["notes"].as_array().unwrap().clone();
        let ids = NOTES
            .iter()
            .map(|text| {
                let note = notes.iter().find(|n| n["text"] == *text).unwrap();
                (*text, note["id"].as_str().unwrap().to_string())
            })
            .collect();
        Workshop { app, facilitator, participant, round_id, workshop_id, ids }
    }

    fn id(&self, text: &str) -> String {
        self.ids[text].clone()
    }

    /// Calls `function` as the facilitator (or the participant); when the server asks to
    /// slow down (clustering is budgeted per client), waits as told and tries again.
    async fn call(&mut self, as_participant: bool, function: &str, form: &[(&str, &str)]) -> Reply {
        for _ in 0..10 {
            let browser = if as_participant { &mut self.participant } else { &mut self.facilitator };
            let reply = self.app.call(browser, function, form).await;
            if reply.status != StatusCode::TOO_MANY_REQUESTS {
                return reply;
            }
            let wait = reply.json["retry_after"].as_u64().unwrap_or(1);
            tokio::time::sleep(Duration::from_secs(wait)).await;
        }
        panic!("{function} still refused as too many requests");
    }

    async fn themes(&mut self) -> Vec<Value> {
        let workshop_id = self.workshop_id.clone();
        let reply = self.call(false, "get_themes", &[("workshop_id", &workshop_id)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json.as_array().unwrap().clone()
    }

    /// Calls `function` as the facilitator and expects it to succeed.
    async fn act(&mut self, function: &str, form: &[(&str, &str)]) {
        let reply = self.call(false, function, form).await;
        assert_eq!(reply.status, StatusCode::OK, "{function}: {}", reply.text);
    }

    async fn moderate(&mut self, text: &str, action: &str) {
        let note = self.id(text);
        self.act("moderate_note", &[("note_id", &note), ("action", action)]).await;
    }

    async fn edit(&mut self, text: &str, new_text: &str) {
        let note = self.id(text);
        let edit = self
            .app
            .call(&mut self.participant, "edit_note", &[("note_id", &note), ("text", new_text)])
            .await;
        assert_eq!(edit.status, StatusCode::OK, "{}", edit.text);
    }

    /// Makes one `churn` edit to the notes.
    async fn churn(&mut self, churn: Churn) {
        match churn {
            Churn::Add => {
                for text in LATER {
                    let added = self.app.add_note(&mut self.participant, &self.workshop_id, text).await;
                    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
                }
            }
            Churn::Edit => self.edit(NOTES[12], "Tillgång till grunddata om personer och adresser").await,
            Churn::Hide => self.moderate(NOTES[13], "hide").await,
            Churn::Delete => self.moderate(NOTES[14], "delete").await,
        }
    }

    /// Re-runs the clustering with both sliders at `grain`; the themes it stored.
    async fn rerun(&mut self, grain: &str) -> Vec<Value> {
        let workshop_id = self.workshop_id.clone();
        let form =
            [("workshop_id", workshop_id.as_str()), ("granularity", grain), ("need_granularity", grain)];
        let run = self.call(false, "run_clustering", &form).await;
        assert_eq!(run.status, StatusCode::OK, "{}", run.text);
        self.themes().await
    }

    /// Each [`Churn`] in turn, each followed by re-runs at both ends of the sliders; `check`
    /// is given the themes after every run.
    async fn churn_and_rerun(&mut self, mut check: impl FnMut(&[Value], &str)) {
        for churn in CHURN {
            self.churn(churn).await;
            for grain in ["0.1", "0.9", "0.5"] {
                let themes = self.rerun(grain).await;
                check(&themes, &format!("after {churn:?}, grain {grain}"));
            }
        }
    }

    /// The round's audit log.
    async fn audit_log(&mut self) -> Vec<Value> {
        let round_id = self.round_id.clone();
        let reply = self.call(false, "get_retention", &[("round_id", &round_id)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json["log"].as_array().unwrap().clone()
    }
}

fn ids(value: &Value) -> Vec<&str> {
    value.as_array().unwrap().iter().map(|id| id.as_str().unwrap()).collect()
}

fn str_of(value: &Value) -> String {
    value.as_str().unwrap().to_string()
}

/// The theme and need holding `note`, if any.
fn place_of<'a>(themes: &'a [Value], note: &str) -> Option<(&'a Value, &'a Value)> {
    themes.iter().find_map(|theme| {
        let needs = theme["needs"].as_array()?;
        needs.iter().find(|need| ids(&need["note_ids"]).contains(&note)).map(|need| (theme, need))
    })
}

fn theme_with<'a>(themes: &'a [Value], id: &str) -> Option<&'a Value> {
    themes.iter().find(|theme| theme["id"] == id)
}

/// Two themes of the first run other than the one holding `note`, largest first.
fn other_themes(themes: &[Value], note: &str) -> Vec<Value> {
    let (home, _) = place_of(themes, note).unwrap();
    let mut others: Vec<Value> =
        themes.iter().filter(|t| t["unsorted"] == false && t["id"] != home["id"]).cloned().collect();
    others.sort_by_key(|t| std::cmp::Reverse(t["note_ids"].as_array().unwrap().len()));
    others
}

#[tokio::test]
async fn a_note_moved_to_another_need_stays_there_whatever_happens_to_the_notes() {
    let mut ws = Workshop::clustered().await;
    let cloud = ws.id(NOTES[4]);
    let mailbox = ws.id(NOTES[19]);
    let first = ws.themes().await;
    let (_, cloud_need) = place_of(&first, &cloud).unwrap();
    let need_id = str_of(&cloud_need["id"]);
    let cloud_notes: Vec<String> = ids(&cloud_need["note_ids"]).into_iter().map(str::to_string).collect();
    ws.act("move_note_to_need", &[("note_id", &mailbox), ("need_id", &need_id)]).await;

    ws.churn_and_rerun(|themes, when| {
        let (_, need) =
            place_of(themes, &mailbox).unwrap_or_else(|| panic!("the moved note is placed {when}"));
        assert_eq!(need["id"], need_id.as_str(), "the moved note stays in the need it was moved to {when}");
        // The need it was put in, not just its id: it is still with the notes it was put with.
        let with = ids(&need["note_ids"]);
        assert!(
            cloud_notes.iter().any(|n| with.contains(&n.as_str())),
            "with the cloud notes {when}: {need:#}"
        );
    })
    .await;

    // The moved note itself is edited, then hidden over a run and shown again.
    ws.edit(NOTES[19], "Digital brevlåda, men också molnfrågan").await;
    let themes = ws.rerun("0.9").await;
    assert_eq!(place_of(&themes, &mailbox).unwrap().1["id"], need_id.as_str(), "edited, it stays");
    ws.moderate(NOTES[19], "hide").await;
    let themes = ws.rerun("0.1").await;
    let (_, need) = place_of(&themes, &mailbox).expect("a placed hidden note keeps its place");
    assert_eq!(need["id"], need_id.as_str());
    ws.moderate(NOTES[19], "show").await;
    for grain in ["0.9", "0.5"] {
        let themes = ws.rerun(grain).await;
        let (_, need) = place_of(&themes, &mailbox).unwrap();
        assert_eq!(need["id"], need_id.as_str(), "hidden and shown again, it stays (grain {grain})");
    }
}

#[tokio::test]
async fn a_note_moved_to_another_theme_stays_there_and_a_hidden_one_comes_back_to_it() {
    let mut ws = Workshop::clustered().await;
    let api = ws.id(NOTES[8]);
    let first = ws.themes().await;
    let target = str_of(&other_themes(&first, &api)[0]["id"]);
    ws.act("move_note", &[("note_id", &api), ("theme_id", &target)]).await;
    let moved = ws.themes().await;
    let own_need = str_of(&place_of(&moved, &api).unwrap().1["id"]);

    let target_notes: Vec<String> =
        ids(&theme_with(&first, &target).unwrap()["note_ids"]).into_iter().map(str::to_string).collect();
    ws.churn_and_rerun(|themes, when| {
        let (theme, _) = place_of(themes, &api).unwrap_or_else(|| panic!("the moved note is placed {when}"));
        assert_eq!(theme["id"], target.as_str(), "the moved note stays in the theme it was moved to {when}");
        let with = ids(&theme["note_ids"]);
        assert!(target_notes.iter().any(|n| with.contains(&n.as_str())), "with that theme's notes {when}");
    })
    .await;

    ws.moderate(NOTES[8], "hide").await;
    // Every other note of its need is elsewhere: the run dissolves the need, and the hidden
    // note comes back to the theme in a need of its own, named as before.
    let themes = ws.rerun("0.5").await;
    let (theme, need) = place_of(&themes, &api).expect("the hidden placed note keeps its place");
    assert_eq!(theme["id"], target.as_str());
    assert!(need["id"] == own_need.as_str() || need["note_ids"].as_array().unwrap().len() > 1, "{need:#}");
    ws.moderate(NOTES[8], "show").await;
    let themes = ws.rerun("0.1").await;
    assert_eq!(place_of(&themes, &api).unwrap().0["id"], target.as_str(), "shown again, it stays");
}

#[tokio::test]
async fn a_note_moved_out_of_every_theme_stays_among_the_unsorted_notes() {
    let mut ws = Workshop::clustered().await;
    let first = ws.themes().await;
    let unsorted = first.iter().find(|t| t["unsorted"] == true).expect("'Ja, precis.' is unsorted");
    let unsorted_id = str_of(&unsorted["id"]);
    let grunddata = ws.id(NOTES[15]);
    ws.act("move_note", &[("note_id", &grunddata), ("theme_id", &unsorted_id)]).await;

    ws.churn_and_rerun(|themes, when| {
        let (theme, _) = place_of(themes, &grunddata).unwrap_or_else(|| panic!("the note is placed {when}"));
        assert_eq!(theme["unsorted"], true, "the note moved out of every theme stays out {when}");
        assert!(ids(&theme["pinned_note_ids"]).contains(&grunddata.as_str()), "and stays placed {when}");
    })
    .await;
}

#[tokio::test]
async fn merged_themes_stay_one_theme_through_reruns() {
    let mut ws = Workshop::clustered().await;
    let first = ws.themes().await;
    let mailbox = ws.id(NOTES[16]);
    let cloud = ws.id(NOTES[4]);
    let (kept, _) = place_of(&first, &mailbox).unwrap();
    let (other, _) = place_of(&first, &cloud).unwrap();
    assert_ne!(kept["id"], other["id"], "mail box and cloud start apart");
    let kept_id = str_of(&kept["id"]);
    let other_id = str_of(&other["id"]);
    let together: Vec<String> =
        ids(&kept["note_ids"]).into_iter().chain(ids(&other["note_ids"])).map(str::to_string).collect();
    ws.act("merge_themes", &[("kept", &kept_id), ("other", &other_id)]).await;

    ws.churn_and_rerun(|themes, when| {
        assert!(theme_with(themes, &other_id).is_none(), "the merged-in theme does not come back {when}");
        let merged = theme_with(themes, &kept_id).unwrap_or_else(|| panic!("the merged theme stays {when}"));
        let holds = ids(&merged["note_ids"]);
        for note in &together {
            if place_of(themes, note).is_some() {
                assert!(holds.contains(&note.as_str()), "note {note} of the merge stays in it {when}");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn the_halves_of_a_split_theme_stay_apart_and_whole() {
    let mut ws = Workshop::clustered().await;
    let mailbox = ws.id(NOTES[16]);
    let cloud = ws.id(NOTES[4]);
    let first = ws.themes().await;
    let (kept, _) = place_of(&first, &mailbox).unwrap();
    let (other, _) = place_of(&first, &cloud).unwrap();
    let kept_id = str_of(&kept["id"]);
    let other_id = str_of(&other["id"]);
    ws.act("merge_themes", &[("kept", &kept_id), ("other", &other_id)]).await;
    ws.act("split_theme", &[("theme_id", &kept_id)]).await;
    let split = ws.themes().await;
    let staying: Vec<String> =
        ids(&theme_with(&split, &kept_id).unwrap()["note_ids"]).into_iter().map(str::to_string).collect();
    let left = split
        .iter()
        .find(|t| t["unsorted"] == false && theme_with(&first, t["id"].as_str().unwrap()).is_none())
        .expect("the half that left is a new theme");
    let left_id = str_of(&left["id"]);
    let leaving: Vec<String> = ids(&left["note_ids"]).into_iter().map(str::to_string).collect();
    assert!(staying.len() >= 2 && leaving.len() >= 2, "{staying:?} / {leaving:?}");

    ws.churn_and_rerun(|themes, when| {
        for (half, notes) in [(&kept_id, &staying), (&left_id, &leaving)] {
            let theme = theme_with(themes, half).unwrap_or_else(|| panic!("half {half} stays {when}"));
            for note in notes.iter().filter(|note| place_of(themes, note).is_some()) {
                assert!(ids(&theme["note_ids"]).contains(&note.as_str()), "{note} stays in its half {when}");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn renamed_themes_renamed_needs_and_locked_themes_keep_their_names() {
    let mut ws = Workshop::clustered().await;
    let first = ws.themes().await;
    let (api_theme, _) = place_of(&first, &ws.id(NOTES[9])).unwrap();
    let api_theme_id = str_of(&api_theme["id"]);
    let (_, cloud_need) = place_of(&first, &ws.id(NOTES[5])).unwrap();
    let cloud_need_id = str_of(&cloud_need["id"]);
    let (eid_theme, _) = place_of(&first, &ws.id(NOTES[1])).unwrap();
    let eid_theme_id = str_of(&eid_theme["id"]);
    let eid_name = str_of(&eid_theme["name"]);
    let eid_notes: Vec<String> = ids(&eid_theme["note_ids"]).into_iter().map(str::to_string).collect();
    ws.act("rename_theme", &[("theme_id", &api_theme_id), ("name", "Hitta och dela API:er")]).await;
    ws.act("rename_need", &[("need_id", &cloud_need_id), ("name", "Molnet och amerikansk lag")]).await;
    ws.act("lock_theme", &[("theme_id", &eid_theme_id), ("locked", "true")]).await;
    let api_notes: Vec<String> = ids(&api_theme["note_ids"]).into_iter().map(str::to_string).collect();
    let cloud_note = ws.id(NOTES[5]);

    ws.churn_and_rerun(|themes, when| {
        // The name follows the theme's notes: it stays on the theme holding most of them.
        let renamed =
            theme_with(themes, &api_theme_id).unwrap_or_else(|| panic!("the renamed theme stays {when}"));
        assert_eq!(renamed["name"], "Hitta och dela API:er", "the renamed theme keeps its name {when}");
        let share = |theme: &Value| {
            ids(&theme["note_ids"]).iter().filter(|n| api_notes.contains(&n.to_string())).count()
        };
        assert!(
            share(renamed) > 0 && themes.iter().all(|t| share(t) <= share(renamed)),
            "{when}: {themes:#?}"
        );
        let (_, need) = place_of(themes, &cloud_note).unwrap();
        assert_eq!(
            (&need["id"], &need["name"]),
            (&Value::from(cloud_need_id.as_str()), &Value::from("Molnet och amerikansk lag")),
            "the renamed need keeps its id and name {when}"
        );
        let locked =
            theme_with(themes, &eid_theme_id).unwrap_or_else(|| panic!("the locked theme stays {when}"));
        assert_eq!(locked["name"], eid_name.as_str());
        for note in eid_notes.iter().filter(|note| place_of(themes, note).is_some()) {
            assert!(
                ids(&locked["note_ids"]).contains(&note.as_str()),
                "the locked theme keeps {note} {when}"
            );
        }
        for note in ids(&locked["note_ids"]) {
            assert!(
                eid_notes.iter().any(|n| n == note),
                "no other note joins the locked theme {when}: {note}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_named_need_whose_notes_are_all_deleted_is_dropped_in_the_audit_log() {
    let mut ws = Workshop::clustered().await;
    let first = ws.themes().await;
    let (_, need) = place_of(&first, &ws.id(NOTES[17])).unwrap();
    let need_id = str_of(&need["id"]);
    let members: Vec<String> = ids(&need["note_ids"]).into_iter().map(str::to_string).collect();
    ws.act("rename_need", &[("need_id", &need_id), ("name", "Mindre papperspost")]).await;
    ws.rerun("0.5").await;
    assert!(
        !ws.audit_log().await.iter().any(|entry| entry["detail"]["action"] == "decisions_dropped"),
        "a run that keeps every decision logs nothing"
    );

    for note in &members {
        ws.act("moderate_note", &[("note_id", note), ("action", "delete")]).await;
    }
    let themes = ws.rerun("0.5").await;
    assert!(themes.iter().flat_map(|t| t["needs"].as_array().unwrap()).all(|n| n["id"] != need_id.as_str()));
    let log = ws.audit_log().await;
    let dropped = log
        .iter()
        .find(|entry| entry["detail"]["action"] == "decisions_dropped")
        .unwrap_or_else(|| panic!("the dropped name is logged: {log:#?}"));
    assert_eq!(dropped["detail"]["names"], serde_json::json!(["Mindre papperspost"]));
    assert_eq!(dropped["detail"]["workshop"], "Vård och omsorg");
    assert!(dropped["actor"].as_str().unwrap().contains('@'), "who ran it: {dropped}");
}

#[tokio::test]
async fn decisions_survive_a_server_restart() {
    let mut ws = Workshop::clustered().await;
    let mailbox = ws.id(NOTES[19]);
    let first = ws.themes().await;
    let (_, cloud_need) = place_of(&first, &ws.id(NOTES[4])).unwrap();
    let need_id = str_of(&cloud_need["id"]);
    ws.act("move_note_to_need", &[("note_id", &mailbox), ("need_id", &need_id)]).await;
    ws.act("rename_need", &[("need_id", &need_id), ("name", "Molntjänster och brevlådor")]).await;

    let Workshop { app, facilitator, participant, round_id, workshop_id, ids } = ws;
    let TestApp { dir, state, .. } = app;
    state.service.store().close().await;
    let app = TestApp::with_dir(dir, false).await;
    let mut ws = Workshop { app, facilitator, participant, round_id, workshop_id, ids };
    ws.churn(Churn::Add).await;
    for grain in ["0.1", "0.9"] {
        let themes = ws.rerun(grain).await;
        let (_, need) = place_of(&themes, &mailbox).unwrap();
        assert_eq!(
            (&need["id"], &need["name"]),
            (&Value::from(need_id.as_str()), &Value::from("Molntjänster och brevlådor")),
            "after a restart, grain {grain}"
        );
    }
}

/// Texts of notes arriving during a random sequence of edits.
const ARRIVING: &[&str] = &[
    "Inloggning med e-legitimation för konsulter",
    "Molntjänster kräver en juridisk bedömning",
    "Öppna API:er för kollektivtrafikdata",
    "Adressdata ska vara lika i alla register",
    "Digital brevlåda för dödsbon",
    "Säker e-post mellan kommuner",
    "Grunddata om byggnader saknas",
    "CLOUD Act och lagring utomlands",
];

/// Every note the room sees (present, not hidden) is in exactly one need of `themes`.
fn assert_each_in_one_need(
    themes: &[Value],
    present: &[String],
    hidden: &[String],
    context: &dyn Fn() -> String,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for theme in themes {
        for need in theme["needs"].as_array().unwrap() {
            for id in ids(&need["note_ids"]) {
                *seen.entry(id).or_default() += 1;
            }
        }
    }
    for id in present.iter().filter(|id| !hidden.contains(id)) {
        assert_eq!(seen.get(id.as_str()), Some(&1), "note {id} in exactly one need; {}", context());
    }
}

impl Workshop {
    /// Hides `note` if the room sees it, else shows it again; logged in `log`.
    async fn toggle_hidden(&mut self, note: String, hidden: &mut Vec<String>, log: &mut Vec<String>) {
        let action = if hidden.contains(&note) { "show" } else { "hide" };
        self.act("moderate_note", &[("note_id", &note), ("action", action)]).await;
        log.push(format!("{action} {note}"));
        if action == "hide" {
            hidden.push(note);
        } else {
            hidden.retain(|id| *id != note);
        }
    }

    /// A participant adds one of the [`ARRIVING`] notes, picked by `dice`; it joins `present`.
    async fn add_arriving(&mut self, dice: &mut Dice, present: &mut Vec<String>, log: &mut Vec<String>) {
        let text = ARRIVING[dice.below(ARRIVING.len())];
        let id = uuid::Uuid::new_v4().to_string();
        let workshop_id = self.workshop_id.clone();
        let form = [("workshop_id", workshop_id.as_str()), ("note_id", &id), ("text", text)];
        let added = self.call(true, "add_note", &form).await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.text);
        log.push(format!("add {id}"));
        present.push(id);
    }

    /// Deletes `note`, which leaves `present` and `hidden`; logged in `log`.
    async fn delete(
        &mut self,
        note: &str,
        present: &mut Vec<String>,
        hidden: &mut Vec<String>,
        log: &mut Vec<String>,
    ) {
        self.act("moderate_note", &[("note_id", note), ("action", "delete")]).await;
        log.push(format!("delete {note}"));
        present.retain(|id| id != note);
        hidden.retain(|id| id != note);
    }
}

/// A small deterministic generator (xorshift), so a failing sequence can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Random sequences of edits and re-runs: notes moved to needs and to themes, notes added,
/// edited, hidden, shown and deleted, re-runs at random grains. After every run, each note
/// still there is in exactly one need, and in the need its last move put it in.
#[tokio::test]
async fn random_sequences_of_edits_and_reruns_keep_every_move() {
    for seed in [0x5eed_u64, 0xc0ffee, 0xbadcafe] {
        let mut dice = Dice(seed);
        let mut ws = Workshop::clustered().await;
        let mut present: Vec<String> = NOTES.iter().map(|text| ws.id(text)).collect();
        let mut hidden: Vec<String> = Vec::new();
        // The need each moved note was last put in.
        let mut moved: HashMap<String, String> = HashMap::new();
        let mut log: Vec<String> = Vec::new();
        for step in 0..24 {
            let themes = ws.themes().await;
            let needs: Vec<String> = themes
                .iter()
                .filter(|t| t["unsorted"] == false)
                .flat_map(|t| t["needs"].as_array().unwrap().iter().map(|n| str_of(&n["id"])))
                .collect();
            let note = present[dice.below(present.len())].clone();
            match dice.below(8) {
                0 if place_of(&themes, &note).is_some() && !needs.is_empty() => {
                    let need = needs[dice.below(needs.len())].clone();
                    ws.act("move_note_to_need", &[("note_id", &note), ("need_id", &need)]).await;
                    log.push(format!("move {note} to need {need}"));
                    moved.insert(note, need);
                }
                1 if place_of(&themes, &note).is_some() => {
                    let sorted: Vec<&Value> = themes.iter().filter(|t| t["unsorted"] == false).collect();
                    let theme = str_of(&sorted[dice.below(sorted.len())]["id"]);
                    ws.act("move_note", &[("note_id", &note), ("theme_id", &theme)]).await;
                    let after = ws.themes().await;
                    let need = str_of(&place_of(&after, &note).unwrap().1["id"]);
                    log.push(format!("move {note} to theme {theme} (need {need})"));
                    moved.insert(note, need);
                }
                2 => ws.add_arriving(&mut dice, &mut present, &mut log).await,
                3 => {
                    let edited = ws
                        .call(
                            true,
                            "edit_note",
                            &[("note_id", &note), ("text", "Behovet gäller fler verksamheter")],
                        )
                        .await;
                    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
                    log.push(format!("edit {note}"));
                }
                4 => ws.toggle_hidden(note, &mut hidden, &mut log).await,
                5 if present.len() > 8 => {
                    ws.delete(&note, &mut present, &mut hidden, &mut log).await;
                    moved.remove(&note);
                }
                _ => {
                    let grain = ["0", "0.3", "0.5", "0.7", "1"][dice.below(5)];
                    let themes = ws.rerun(grain).await;
                    log.push(format!("re-run at {grain}"));
                    let context = || format!("seed {seed:#x}, step {step}: {log:#?}");
                    assert_each_in_one_need(&themes, &present, &hidden, &context);
                    // A move holds, or (its theme gone with every note the room sees) is
                    // dropped visibly: the run says so in the audit log.
                    let mut dropped = Vec::new();
                    for (note, need) in &moved {
                        match place_of(&themes, note) {
                            Some((_, holding)) => {
                                assert_eq!(
                                    holding["id"],
                                    need.as_str(),
                                    "moved note {note} stays; {}",
                                    context()
                                )
                            }
                            None => dropped.push(note.clone()),
                        }
                    }
                    if !dropped.is_empty() {
                        let log = ws.audit_log().await;
                        let entry = &log[0]["detail"];
                        assert_eq!(
                            entry["action"],
                            "decisions_dropped",
                            "{dropped:?} unplaced; {}",
                            context()
                        );
                        assert!(
                            entry["placed_notes"].as_u64() >= Some(dropped.len() as u64),
                            "{}",
                            context()
                        );
                        assert!(dropped.iter().all(|note| hidden.contains(note)), "{}", context());
                        moved.retain(|note, _| !dropped.contains(note));
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn a_need_split_by_choosing_its_notes_stays_split_through_reruns() {
    let mut ws = Workshop::clustered().await;
    let first = ws.themes().await;
    let (_, need) = place_of(&first, &ws.id(NOTES[8])).unwrap();
    let need_id = str_of(&need["id"]);
    let members: Vec<String> = ids(&need["note_ids"]).into_iter().map(str::to_string).collect();
    assert!(members.len() >= 2, "{need:#}");
    let leaving = members[1..].to_vec();
    let all = members.join(",");
    let whole = ws.call(false, "split_need", &[("need_id", &need_id), ("note_ids", &all)]).await;
    assert_eq!(whole.status, StatusCode::CONFLICT, "all of its notes is no split: {}", whole.text);
    ws.act("split_need", &[("need_id", &need_id), ("note_ids", &leaving.join(","))]).await;
    let split = ws.themes().await;
    let new_need = str_of(&place_of(&split, &leaving[0]).unwrap().1["id"]);
    assert_ne!(new_need, need_id);

    ws.churn_and_rerun(|themes, when| {
        let (_, staying) = place_of(themes, &members[0]).unwrap();
        assert_eq!(staying["id"], need_id.as_str(), "the staying part keeps the need {when}");
        for note in leaving.iter().filter(|note| place_of(themes, note).is_some()) {
            assert_eq!(
                place_of(themes, note).unwrap().1["id"],
                new_need.as_str(),
                "{note} stays split off {when}"
            );
        }
    })
    .await;
}

/// What a person last decided about a note, as the themes must show it after every run.
#[derive(Debug, Clone, PartialEq)]
enum Decided {
    /// Moved into this need (by itself, or to a theme, landing in this need).
    Need(String),
    /// In this theme, by a merge.
    Theme(String),
}

/// Property: random sequences of every kind of edit (a note moved to a need or a theme,
/// themes merged, themes and needs renamed, notes added, hidden, shown and deleted) with
/// re-runs at random grains in between. After every run each note the room sees is in
/// exactly one need; every note a person placed is where they last placed it; every name a
/// person gave is still on its theme or need. A decision that can no longer hold (a hidden
/// placed note whose theme is gone, a name whose theme or need is gone with its notes) is
/// in the run's audit-log entry. Bounded (10 sequences of 14 steps, about half a minute); a
/// failure prints its seed and steps, and `KLUSTRA_PROPERTY_SEED` replays one sequence.
#[tokio::test]
async fn property_random_edits_of_every_kind_keep_every_decision() {
    let seeds: Vec<u64> = match std::env::var("KLUSTRA_PROPERTY_SEED") {
        Ok(seed) => vec![seed.parse().expect("a seed is a number")],
        Err(_) => (1..=10).map(|n| 0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(n)).collect(),
    };
    for seed in seeds {
        property_case(seed, 14).await;
    }
}

/// A move of `note` that leaves its need (or theme) without notes takes that need (or theme)
/// away, the person's own doing: its name is no decision a run must keep.
fn forget_emptied(
    themes: &[Value],
    note: &str,
    theme_names: &mut HashMap<String, String>,
    need_names: &mut HashMap<String, String>,
) {
    if let Some((theme, need)) = place_of(themes, note) {
        if ids(&need["note_ids"]) == [note] {
            need_names.remove(&str_of(&need["id"]));
        }
        if ids(&theme["note_ids"]) == [note] {
            theme_names.remove(&str_of(&theme["id"]));
        }
    }
}

/// One sequence of the property above.
async fn property_case(seed: u64, steps: usize) {
    let mut dice = Dice(seed | 1);
    let mut ws = Workshop::clustered().await;
    let mut present: Vec<String> = NOTES.iter().map(|text| ws.id(text)).collect();
    let mut hidden: Vec<String> = Vec::new();
    let mut decided: HashMap<String, Decided> = HashMap::new();
    let mut theme_names: HashMap<String, String> = HashMap::new();
    let mut need_names: HashMap<String, String> = HashMap::new();
    let mut log: Vec<String> = Vec::new();
    let mut names_given = 0;
    for step in 0..steps {
        let themes = ws.themes().await;
        let sorted: Vec<&Value> = themes.iter().filter(|t| t["unsorted"] == false).collect();
        let needs: Vec<String> = sorted
            .iter()
            .flat_map(|t| t["needs"].as_array().unwrap().iter().map(|n| str_of(&n["id"])))
            .collect();
        let note = present[dice.below(present.len())].clone();
        let placed = place_of(&themes, &note).is_some();
        // Every other step re-runs, so each edit is followed by a run before the next.
        let action = if step % 2 == 1 { 99 } else { dice.below(9) };
        match action {
            0 if placed && !needs.is_empty() => {
                // Any need, the one the note is in too (which only places it there).
                let need = needs[dice.below(needs.len())].clone();
                let from =
                    place_of(&themes, &note).map(|(theme, need)| (str_of(&theme["id"]), str_of(&need["id"])));
                let into = sorted.iter().find_map(|t| {
                    let n = t["needs"].as_array().unwrap().iter().find(|n| n["id"] == need.as_str())?;
                    Some((str_of(&t["id"]), ids(&n["note_ids"]).len()))
                });
                ws.act("move_note_to_need", &[("note_id", &note), ("need_id", &need)]).await;
                log.push(format!("move {note} from {from:?} to need {need} (theme, size: {into:?})"));
                if from.as_ref().is_none_or(|(_, own)| *own != need) {
                    forget_emptied(&themes, &note, &mut theme_names, &mut need_names);
                }
                decided.insert(note, Decided::Need(need));
            }
            1 if placed && !sorted.is_empty() => {
                let theme = str_of(&sorted[dice.below(sorted.len())]["id"]);
                let from = place_of(&themes, &note)
                    .map(|(_, need)| (str_of(&need["id"]), ids(&need["note_ids"]).len()));
                ws.act("move_note", &[("note_id", &note), ("theme_id", &theme)]).await;
                let after = ws.themes().await;
                let need = str_of(&place_of(&after, &note).unwrap().1["id"]);
                log.push(format!("move {note} from {from:?} to theme {theme} (need {need})"));
                forget_emptied(&themes, &note, &mut theme_names, &mut need_names);
                decided.insert(note, Decided::Need(need));
            }
            2 if sorted.len() >= 2 => {
                let kept = dice.below(sorted.len());
                let other = (kept + 1 + dice.below(sorted.len() - 1)) % sorted.len();
                let (kept, other) = (str_of(&sorted[kept]["id"]), str_of(&sorted[other]["id"]));
                let members: Vec<String> = ids(&theme_with(&themes, &other).unwrap()["note_ids"])
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                let own: Vec<String> = ids(&theme_with(&themes, &kept).unwrap()["note_ids"])
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                ws.act("merge_themes", &[("kept", &kept), ("other", &other)]).await;
                log.push(format!("merge {other} into {kept}"));
                // Every note of both is placed in the kept theme; a need a note was moved
                // into comes along, so that decision still says where it is.
                for id in members.iter().chain(&own) {
                    if !matches!(decided.get(id), Some(Decided::Need(_))) {
                        decided.insert(id.clone(), Decided::Theme(kept.clone()));
                    }
                }
                for decision in decided.values_mut() {
                    if *decision == Decided::Theme(other.clone()) {
                        *decision = Decided::Theme(kept.clone());
                    }
                }
                theme_names.remove(&other);
            }
            3 if !sorted.is_empty() => {
                let theme = str_of(&sorted[dice.below(sorted.len())]["id"]);
                names_given += 1;
                let name = format!("Tema vi namngav {names_given}");
                ws.act("rename_theme", &[("theme_id", &theme), ("name", &name)]).await;
                log.push(format!("rename theme {theme} {name:?}"));
                theme_names.insert(theme, name);
            }
            4 if !needs.is_empty() => {
                let need = needs[dice.below(needs.len())].clone();
                names_given += 1;
                let name = format!("Behov vi namngav {names_given}");
                ws.act("rename_need", &[("need_id", &need), ("name", &name)]).await;
                log.push(format!("rename need {need} {name:?}"));
                need_names.insert(need, name);
            }
            5 => ws.add_arriving(&mut dice, &mut present, &mut log).await,
            6 => ws.toggle_hidden(note, &mut hidden, &mut log).await,
            7 if present.len() > 10 => {
                ws.delete(&note, &mut present, &mut hidden, &mut log).await;
                decided.remove(&note);
            }
            _ => {
                let grain = ["0", "0.3", "0.5", "0.7", "1"][dice.below(5)];
                let themes = ws.rerun(grain).await;
                log.push(format!("re-run at {grain}"));
                let context = || format!("seed {seed}, step {step}: {log:#?}\n{themes:#?}");
                assert_each_in_one_need(&themes, &present, &hidden, &context);
                // What this run dropped visibly, if anything.
                let audit = ws.audit_log().await;
                let this_run = audit
                    .first()
                    .map(|entry| &entry["detail"])
                    .filter(|detail| detail["action"] == "decisions_dropped")
                    .cloned();
                let dropped_names: Vec<String> = this_run
                    .as_ref()
                    .map(|detail| detail["names"].as_array().unwrap().iter().map(str_of).collect())
                    .unwrap_or_default();
                let mut unplaced = 0;
                decided.retain(|note, decision| {
                    let Some((theme, need)) = place_of(&themes, note) else {
                        assert!(hidden.contains(note), "{note} the room sees is placed; {}", context());
                        unplaced += 1;
                        return false;
                    };
                    match decision {
                        Decided::Need(id) => {
                            let need_now = themes
                                .iter()
                                .find(|t| t["needs"].as_array().unwrap().iter().any(|n| n["id"] == id.as_str()))
                                .map(|t| str_of(&t["id"]));
                            assert_eq!(
                                need["id"],
                                id.as_str(),
                                "{note} (hidden: {}) stays in its need, now in theme {need_now:?}, the note in theme {}; {}",
                                hidden.contains(note),
                                theme["id"],
                                context()
                            )
                        }
                        Decided::Theme(id) => {
                            assert_eq!(theme["id"], id.as_str(), "{note} stays merged; {}", context())
                        }
                    }
                    true
                });
                if unplaced > 0 {
                    let counted =
                        this_run.as_ref().and_then(|detail| detail["placed_notes"].as_u64()).unwrap_or(0);
                    assert!(
                        counted >= unplaced,
                        "{unplaced} placed hidden notes dropped visibly; {}",
                        context()
                    );
                }
                for (names, kind) in [(&mut theme_names, "theme"), (&mut need_names, "need")] {
                    names.retain(|id, name| {
                        let holder = if kind == "theme" {
                            theme_with(&themes, id).cloned()
                        } else {
                            themes
                                .iter()
                                .flat_map(|t| t["needs"].as_array().unwrap())
                                .find(|n| n["id"] == id.as_str())
                                .cloned()
                        };
                        match holder {
                            Some(holder) => {
                                assert_eq!(
                                    holder["name"],
                                    name.as_str(),
                                    "the {kind} keeps its name; {}",
                                    context()
                                );
                                true
                            }
                            None => {
                                assert!(
                                    dropped_names.contains(name),
                                    "the {kind} {name:?} gone visibly; {}",
                                    context()
                                );
                                false
                            }
                        }
                    });
                }
            }
        }
    }
}
