//! The round's analysis page as an analyst who only reads sees it: no control or help text
//! that asks them to build, rename, merge or split (each such call would be refused), but
//! when the round's themes were last built, as the facilitator sees it.

mod common;

use axum::http::StatusCode;
use common::TestApp;

const NOTES: &[&str] = &[
    "Digital brevlåda för alla medborgare och företag",
    "Myndighetspost till digital brevlåda i stället för papper",
    "Vägledning om molntjänster och CLOUD Act",
    "Riskbedömning av molntjänster med hänsyn till CLOUD Act",
];

/// Asks the facilitator to act on the themes (the help a reader must not get).
const EDIT_HELP: &str = "Byt namn, slå ihop eller dela";
const BUILD_HELP: &str = "Bygg omgångens teman för att kunna byta namn";

#[tokio::test]
async fn an_analyst_is_told_only_what_they_may_do_and_when_the_round_was_built() {
    let app = TestApp::new().await;
    let (mut facilitator, _, round_id, _) = app.workshop_with_notes("Anna", "Region Syd", NOTES).await;
    let mut analyst = app.shared_analyst(&mut facilitator, &round_id).await;
    let path = format!("/rounds/{round_id}/analysis");

    let page = app.get(&mut analyst, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("ännu inte byggda för omgången"), "the read-only help");
    assert!(page.text.contains("Omgångens teman har inte byggts ännu"), "when it was built: never");
    for asked in [BUILD_HELP, EDIT_HELP, "Bygg omgångens teman från workshopparna"] {
        assert!(!page.text.contains(asked), "an analyst is not told to {asked:?}");
    }
    assert!(app.get(&mut facilitator, &path).await.text.contains(BUILD_HELP), "the facilitator is");

    let built =
        app.call(&mut facilitator, "cluster_round", &[("round_id", &round_id), ("granularity", "0.5")]).await;
    assert_eq!(built.status, StatusCode::OK, "{}", built.text);
    let page = app.get(&mut analyst, &path).await;
    assert!(page.text.contains("Senast klustrad: "), "when the round was last built, for the analyst too");
    assert!(page.text.contains("med facilitatorernas namn."), "the read-only help");
    assert!(!page.text.contains(EDIT_HELP));
    assert!(app.get(&mut facilitator, &path).await.text.contains(EDIT_HELP));
}

#[tokio::test]
async fn notes_written_after_the_round_was_built_are_announced_until_it_is_rebuilt() {
    let app = TestApp::new().await;
    let (mut facilitator, mut participant, round_id, workshop_id) =
        app.workshop_with_notes("Anna", "Region Syd", NOTES).await;
    let mut analyst = app.shared_analyst(&mut facilitator, &round_id).await;
    let build = [("round_id", round_id.as_str()), ("granularity", "0.5")];
    assert_eq!(app.call(&mut facilitator, "cluster_round", &build).await.status, StatusCode::OK);
    let path = format!("/rounds/{round_id}/analysis");
    assert!(!app.get(&mut facilitator, &path).await.text.contains("themes-stale"), "current: nothing to say");

    for text in ["Digital brevlåda för föreningar", "CLOUD Act i avtal med leverantörer"] {
        assert_eq!(app.add_note(&mut participant, &workshop_id, text).await.status, StatusCode::OK);
    }
    let said = "Omgångens teman är inaktuella: 2 lappar har tillkommit sedan temana byggdes";
    let page = app.get(&mut facilitator, &path).await.text;
    assert!(page.contains(said), "the facilitator is told how many notes are outside");
    assert!(page.contains("Placera de nya lapparna i temana (inget annat flyttas)"));
    let page = app.get(&mut analyst, &path).await.text;
    assert!(
        page.contains(said) && page.contains("Omgångens facilitator kan bygga om dem."),
        "the analyst too"
    );
    assert!(!page.contains("Placera de nya lapparna"), "but is offered no rebuild");

    assert_eq!(app.call(&mut facilitator, "cluster_round", &build).await.status, StatusCode::OK);
    assert!(!app.get(&mut analyst, &path).await.text.contains("themes-stale"), "rebuilt: current again");
}
