//! Splitting a theme in two by content, the facilitator's "split" on a workshop theme and the
//! analyst's on a round theme.

use std::collections::HashMap;

use app::error::AppError;
use app::model::Theme;
use app::model::ids::{NoteId, ThemeId};

use super::{ids, needs_from};
use crate::clustering::{self, Constraints, NoteInput, Settings};

/// A theme split in two by content.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    /// The part that leaves, a new theme whose notes are placed there.
    pub part: Theme,
    /// The name for the part that stays, from its own notes; `None` when a person named the
    /// theme (their name stays).
    pub staying_name: Option<String>,
}

/// `theme` split in two by content: its notes (`inputs`) clustered in two, the part without
/// the theme's example note leaving as a new theme, both parts named apart. CPU work: run it off the threads serving
/// requests.
pub(crate) fn split_off(theme: &Theme, inputs: &[NoteInput]) -> Result<Split, AppError> {
    if inputs.len() < 2 {
        return Err(AppError::TooFewToSplit);
    }
    // Two themes asked for, every note placed: the smaller part becomes the new theme.
    let settings = Settings { target_themes: Some(2), min_theme_size: 1, ..Settings::default() };
    let result = clustering::cluster(inputs, &settings, &Constraints::default());
    let mut parts: Vec<clustering::Theme> =
        result.themes.into_iter().filter(|t| !t.note_ids.is_empty()).collect();
    parts.sort_by_key(|t| std::cmp::Reverse(t.note_ids.len()));
    // A name a person gave stays on the part that holds most of the theme's notes (on a tie,
    // the part its words describe best): it named what the theme mostly held. An engine
    // name stays with the example note (and so with what the name says).
    let example = theme.example_note_id.map(|id| id.to_string());
    if parts.len() == 2 {
        let text_of: HashMap<&str, &str> = inputs.iter().map(|n| (n.id.as_str(), n.text.as_str())).collect();
        let fit = |part: &clustering::Theme| {
            let texts: Vec<&str> =
                part.note_ids.iter().filter_map(|id| text_of.get(id.as_str()).copied()).collect();
            name_fit(&theme.name, &texts)
        };
        let swap = if theme.name_locked {
            parts[0].note_ids.len() == parts[1].note_ids.len() && fit(&parts[1]) > fit(&parts[0])
        } else {
            example.as_ref().is_some_and(|id| parts[1].note_ids.contains(id))
        };
        if swap {
            parts.swap(0, 1);
        }
    }
    let staying_name = match (theme.name_locked, parts.len()) {
        (false, 2..) => Some(parts[0].name.clone()),
        _ => None,
    };
    let mut part = match parts.get(1) {
        Some(part) => part.clone(),
        // Clustering saw one topic: split off the half furthest from the example.
        None => {
            let ids = &theme.note_ids;
            let half: Vec<String> = ids[ids.len() / 2..].iter().map(NoteId::to_string).collect();
            clustering::Theme { note_ids: half, ..parts.first().cloned().ok_or(AppError::TooFewToSplit)? }
        }
    };
    // Two halves never share a name, whoever gave the staying one.
    if Some(&part.name) == staying_name.as_ref().or(Some(&theme.name)) {
        part.name = format!("{} (2)", part.name);
    }
    let note_ids = ids::read_all(&part.note_ids, "a split part's note");
    // In the fallback the part's needs are the whole theme's: keep what is in the part.
    let needs = needs_from(part.needs, &[])
        .into_iter()
        .map(|mut need| {
            need.note_ids.retain(|id| note_ids.contains(id));
            need
        })
        .filter(|need| !need.note_ids.is_empty())
        .collect();
    let part = Theme {
        id: ThemeId::random(),
        lineage_id: None,
        name: part.name,
        name_locked: false,
        unsorted: false,
        terms: part.terms,
        example_note_id: ids::read(&part.example_note_id, "a split part's example")
            .filter(|id| note_ids.contains(id)),
        pinned_note_ids: note_ids.clone(),
        note_ids,
        needs,
    };
    Ok(Split { part, staying_name })
}

/// The share of `texts` that use a word of `name` (folded, and for Swedish compounds also
/// inside a longer word: "arkiv" is in "journalarkivet").
fn name_fit(name: &str, texts: &[&str]) -> f32 {
    let words = |text: &str| -> Vec<String> {
        app::text::tokenize(&app::text::fold(text))
            .into_iter()
            .filter(|word| word.chars().count() >= 4 && !app::text::is_folded_filler(word))
            .map(str::to_owned)
            .collect()
    };
    // The first five letters of each word, so "arkivering" and "e-arkiv" meet.
    let stems: Vec<String> = words(name).into_iter().map(|word| word.chars().take(5).collect()).collect();
    if stems.is_empty() || texts.is_empty() {
        return 0.0;
    }
    let using = texts
        .iter()
        .filter(|text| words(text).iter().any(|w| stems.iter().any(|s| w.contains(s.as_str()))))
        .count();
    using as f32 / texts.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn a_split_keeps_the_given_name_on_the_part_holding_most_notes() {
        let texts = [
            "Digital brevlåda för alla medborgare",
            "Myndighetspost till digital brevlåda",
            "Fler ska ansluta sig till en digital brevlåda",
            "Vägledning om molntjänster och CLOUD Act",
            "Riskbedömning av molntjänster och CLOUD Act",
        ];
        let inputs: Vec<NoteInput> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| NoteInput {
                id: Uuid::from_u128(i as u128 + 1).to_string(),
                text: (*text).into(),
                vector: None,
            })
            .collect();
        let note_ids: Vec<NoteId> = (1..=5).map(NoteId::from_u128).collect();
        // The name's words fit the two cloud notes best, but the theme mostly holds mail.
        let theme = Theme {
            id: ThemeId::from_u128(100),
            lineage_id: None,
            name: "Molntjänster".into(),
            name_locked: true,
            unsorted: false,
            terms: vec![],
            example_note_id: Some(note_ids[3]),
            pinned_note_ids: vec![],
            note_ids,
            needs: vec![],
        };
        let split = split_off(&theme, &inputs).unwrap();
        assert_eq!(split.staying_name, None, "the given name stays");
        let mut leaving = split.part.note_ids.clone();
        leaving.sort();
        assert_eq!(leaving, vec![NoteId::from_u128(4), NoteId::from_u128(5)], "the smaller part leaves");
        assert_ne!(split.part.name, "Molntjänster");
    }

    #[test]
    fn a_name_fits_the_notes_that_use_its_words_also_inside_compounds() {
        let archive = ["Arkivering av journaler", "Digitalt journalarkiv", "E-legitimation för personal"];
        assert!((name_fit("E-arkiv", &archive) - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(name_fit("E-arkiv", &["Inloggning för lärare"]), 0.0);
        assert_eq!(name_fit("Övrigt", &[]), 0.0, "no notes, no fit");
    }
}
