//! Names that lie: every name, title and label a person types is refused, with one clear
//! error, when it holds direction controls or zero-width characters that would make it show
//! as something else; nothing of it is stored. Clean names are stored NFC-normalised.
//! Against a real server on 127.0.0.1, over HTTP.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::net::{HttpReply, RunningServer, join, post_form, signed_in_cookie};
use serde_json::Value;

/// Names that show as something else: a right-to-left override ("Anna Berg" shown with the
/// surname reversed), an isolate, a zero-width space, a byte-order mark, a right-to-left
/// mark, the Arabic letter mark and a word joiner.
const LYING: [&str; 7] = [
    "Anna \u{202E}greB",
    "\u{2067}Region Syd\u{2069}",
    "Skatte\u{200B}verket",
    "\u{FEFF}Grupp 1",
    "Vård\u{200F}",
    "\u{061C}Hälsa",
    "Tema\u{2060}1",
];

/// POSTs a form as `cookie`; when the server asks to slow down (the per-device budget), waits
/// as told and tries again, at most three times.
async fn post(addr: SocketAddr, function: &str, form: &[(&str, &str)], cookie: Option<&str>) -> HttpReply {
    for _ in 0..3 {
        let reply = post_form(addr, &format!("/api/{function}"), form, cookie).await.expect("server answers");
        if reply.status != 429 {
            return reply;
        }
        let wait = reply.json["retry_after"].as_u64().unwrap_or(1);
        tokio::time::sleep(Duration::from_secs(wait)).await;
    }
    panic!("{function} still refused as too many requests");
}

/// Asserts the reply is the clear refusal of `field`: 400, `invisible_characters`, and a
/// sentence saying what is not allowed (server functions word it in English for API
/// clients; the page words the same error in its own language).
fn assert_refused(reply: &HttpReply, field: &str, sent: &str) {
    assert_eq!(reply.status, 400, "{field} {sent:?}: {:?}", reply.json);
    assert_eq!(reply.json["error"], "invisible_characters", "{field} {sent:?}: {:?}", reply.json);
    assert_eq!(reply.json["field"], field, "{sent:?}");
    let message = reply.json["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("Invisible or direction-changing characters are not allowed in"),
        "{message}"
    );
}

/// A facilitator signed in on a fresh server, with one round and one workshop; returns
/// (facilitator cookie, round id, workshop id, join code).
async fn round_with_workshop(server: &RunningServer) -> (String, String, String, String) {
    let facilitator = signed_in_cookie(server.addr, server.dir.path(), "facilitator").await;
    let round = post(server.addr, "create_round", &[("title", "Våren 2026")], Some(&facilitator)).await;
    assert_eq!(round.status, 200, "{:?}", round.json);
    let round_id = round.json["id"].as_str().unwrap().to_string();
    let form = [
        ("round_id", round_id.as_str()),
        ("title", "Vård och omsorg"),
        ("sector", "Hälsa"),
        ("held_on", ""),
        ("prompts", "Vilka behov har ni?"),
    ];
    let workshop = post(server.addr, "create_workshop", &form, Some(&facilitator)).await;
    assert_eq!(workshop.status, 200, "{:?}", workshop.json);
    let id = workshop.json["id"].as_str().unwrap().to_string();
    let code = workshop.json["join_code"].as_str().unwrap().to_string();
    (facilitator, round_id, id, code)
}

/// What the facilitator's pages show of the round and the workshop: every round, the round's
/// workshops (titles, sectors), and the workshop's board (its prompts, participant count,
/// notes and their authors). A refused request must leave all of it as it was.
async fn everything_shown(addr: SocketAddr, facilitator: &str, round_id: &str, workshop_id: &str) -> Value {
    let rounds = post(addr, "list_rounds", &[], Some(facilitator)).await.json;
    let round = post(addr, "get_round", &[("round_id", round_id)], Some(facilitator)).await.json;
    let board =
        post(addr, "get_facilitator_board", &[("workshop_id", workshop_id)], Some(facilitator)).await.json;
    serde_json::json!({ "rounds": rounds, "round": round, "board": board })
}

#[tokio::test]
async fn names_titles_sectors_prompts_and_groups_that_hide_characters_are_refused_and_not_stored() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let (facilitator, round_id, workshop_id, code) = round_with_workshop(&server).await;
    let before = everything_shown(addr, &facilitator, &round_id, &workshop_id).await;
    assert_eq!(before["rounds"].as_array().unwrap().len(), 1, "{before:#}");

    for lying in LYING {
        let round = post(addr, "create_round", &[("title", lying)], Some(&facilitator)).await;
        assert_refused(&round, "title", lying);
        for (field, form_field) in [("title", "title"), ("sector", "sector"), ("prompts", "prompts")] {
            let mut form = vec![
                ("round_id", round_id.as_str()),
                ("title", "Skola"),
                ("sector", "Utbildning"),
                ("held_on", ""),
                ("prompts", "Vad saknas?"),
            ];
            form.iter_mut().find(|(name, _)| *name == form_field).unwrap().1 = lying;
            let workshop = post(addr, "create_workshop", &form, Some(&facilitator)).await;
            assert_refused(&workshop, field, lying);
        }
        let named = [("code", code.as_str()), ("display_name", lying), ("organisation", "")];
        assert_refused(&post(addr, "join_workshop", &named, None).await, "name", lying);
        let from = [("code", code.as_str()), ("display_name", "Kim"), ("organisation", lying)];
        assert_refused(&post(addr, "join_workshop", &from, None).await, "organisation", lying);
        let note_id = uuid::Uuid::new_v4().to_string();
        let paper = [
            ("workshop_id", workshop_id.as_str()),
            ("note_id", &note_id),
            ("group", lying),
            ("text", "Fler datorer"),
        ];
        assert_refused(&post(addr, "add_paper_note", &paper, Some(&facilitator)).await, "group", lying);
    }

    let after = everything_shown(addr, &facilitator, &round_id, &workshop_id).await;
    assert_eq!(after, before, "no round, workshop, participant or note was stored");
    server.stop().await;
}

/// Notes enough for clustering to make themes with needs.
const NOTES: [&str; 8] = [
    "E-legitimation för alla medarbetare",
    "Medarbetare behöver e-legitimation i tjänsten",
    "Gemensam e-legitimation för personal",
    "Arkivet måste bli digitalt",
    "Digitalt arkiv för gamla akter",
    "Digitalisera arkivet och akterna",
    "Bättre wifi i mötesrummen",
    "Stabilt wifi i alla mötesrum",
];

#[tokio::test]
async fn theme_need_and_round_theme_names_that_hide_characters_are_refused_and_the_names_stay() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let (facilitator, round_id, workshop_id, code) = round_with_workshop(&server).await;
    let participant = join(addr, &code, "Anna", "Region Syd").await;
    for text in NOTES {
        let id = uuid::Uuid::new_v4().to_string();
        let added = post(
            addr,
            "add_note",
            &[("workshop_id", &workshop_id), ("note_id", &id), ("text", text)],
            Some(&participant),
        )
        .await;
        assert_eq!(added.status, 200, "{:?}", added.json);
    }
    let run = post(
        addr,
        "run_clustering",
        &[("workshop_id", &workshop_id), ("granularity", "0.5")],
        Some(&facilitator),
    )
    .await;
    assert_eq!(run.status, 200, "{:?}", run.json);
    let ran =
        post(addr, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")], Some(&facilitator))
            .await;
    assert_eq!(ran.status, 200, "{:?}", ran.json);

    let themes =
        async || post(addr, "get_themes", &[("workshop_id", &workshop_id)], Some(&facilitator)).await.json;
    let round_themes = async || {
        let analysis = post(addr, "get_round_analysis", &[("round_id", &round_id)], Some(&facilitator)).await;
        analysis.json["report"]["themes"].clone()
    };
    let (themes_before, round_before) = (themes().await, round_themes().await);
    let theme = themes_before.as_array().unwrap().iter().find(|t| !t["needs"].as_array().unwrap().is_empty());
    let theme = theme.expect("a theme with needs");
    let theme_id = theme["id"].as_str().unwrap();
    let need_id = theme["needs"][0]["id"].as_str().unwrap();
    let round_theme_id = round_before[0]["id"].as_str().expect("a round theme");

    for lying in LYING {
        let theme =
            post(addr, "rename_theme", &[("theme_id", theme_id), ("name", lying)], Some(&facilitator)).await;
        assert_refused(&theme, "title", lying);
        let need =
            post(addr, "rename_need", &[("need_id", need_id), ("name", lying)], Some(&facilitator)).await;
        assert_refused(&need, "title", lying);
        let form = [("round_id", round_id.as_str()), ("theme_id", round_theme_id), ("name", lying)];
        assert_refused(&post(addr, "rename_round_theme", &form, Some(&facilitator)).await, "title", lying);
    }

    assert_eq!(themes().await, themes_before, "the workshop's theme and need names stay");
    assert_eq!(round_themes().await, round_before, "the round's theme names stay");
    server.stop().await;
}

#[tokio::test]
async fn clean_names_are_stored_nfc_normalised_and_emoji_joiners_pass() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    let (facilitator, _, _, code) = round_with_workshop(&server).await;

    // "Åsa" and "Västra Götaland" typed with combining marks, as some keyboards send them.
    let decomposed = "Va\u{0308}stra Go\u{0308}taland";
    let form = [("code", code.as_str()), ("display_name", "A\u{030A}sa"), ("organisation", decomposed)];
    let joined = post(addr, "join_workshop", &form, None).await;
    assert_eq!(joined.status, 200, "{:?}", joined.json);
    assert_eq!(joined.json["display_name"], "\u{00C5}sa");
    assert_eq!(joined.json["organisation"], "V\u{00E4}stra G\u{00F6}taland");
    // A family emoji's joiners are part of one visible picture, not hidden characters.
    let family = "Familjen 👨\u{200D}👩\u{200D}👧";
    let round = post(addr, "create_round", &[("title", family)], Some(&facilitator)).await;
    assert_eq!(round.status, 200, "{:?}", round.json);
    assert_eq!(round.json["title"], family);
    server.stop().await;
}
