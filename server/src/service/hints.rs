//! Similar-note hints while a participant types: the notes on their board that say much the
//! same as the draft, so they can +1 one instead of writing it again.
//!
//! The candidates are exactly the participant's board as [`Notes::board`] builds it, so the
//! rule of who may see what (private writing, hidden and deleted notes) is the board's own.
//! With the sentence model, notes are ranked by the cosine of their stored vectors with the
//! draft's; the browser's lexical matcher ([`app::ui::similar`]) still runs beside it, so a note
//! with the same words is never missed, nor one too new to have its vector yet.

use std::collections::{HashMap, HashSet};

use app::api::ports::{Device, Notes};
use app::error::AppError;
use app::model::Note;
use app::model::ids::{NoteId, WorkshopId};
use app::ui::similar::{MAX_SUGGESTIONS, similar_notes};

use crate::embedding::cosine;
use crate::service::Service;
use crate::store::ReportSource;

/// Cosine similarity of sentence vectors from which a note is suggested. The model puts
/// any two short notes at 0.75 or more ("E-legitimation för medarbetare" and "Arkivering av
/// e-post": 0.87). Measured on swefaq_sv (219 questions in 20 categories): of the pairs at
/// 0.90 or more, 78 % share a category (64 % at 0.88, 92 % at 0.92), and 76 % of the
/// questions have at least one such neighbour.
pub const HINT_MIN_COSINE: f32 = 0.90;

impl Service {
    /// The notes of the participant's board most like `draft`, best first.
    pub(crate) async fn similar_on_board(
        &self,
        device: &Device,
        workshop_id: WorkshopId,
        draft: &str,
    ) -> Result<Vec<Note>, AppError> {
        let code = self.store().workshop(workshop_id).await?.workshop.join_code;
        let board = self.board(Some(device), &code).await?;
        if board.me.is_none() {
            return Err(AppError::NotJoined);
        }
        let by_words = similar_notes(draft, &board.notes, None);
        let source = ReportSource::Workshop(workshop_id);
        let Some(mut vectors) = self.embeddings().stored_vectors(self.store(), source).await? else {
            return Ok(by_words);
        };
        let visible: HashSet<NoteId> =
            board.notes.iter().filter(|note| !note.hidden).map(|note| note.id).collect();
        vectors.retain(|id, _| visible.contains(id));
        // Nothing to compare the draft with: spare the model the work.
        if vectors.is_empty() {
            return Ok(by_words);
        }
        match self.embeddings().draft_vector(draft).await {
            Some(draft) => Ok(rank(&board.notes, &by_words, &vectors, &draft)),
            None => Ok(by_words),
        }
    }
}

/// The notes like the draft, best first: those whose vector is close to the draft's, and
/// those the lexical matcher found (`by_words`). A note is ranked by its cosine; a lexical
/// match without a vector yet counts as a certain one.
fn rank(notes: &[Note], by_words: &[Note], vectors: &HashMap<NoteId, Vec<f32>>, draft: &[f32]) -> Vec<Note> {
    let mut scored: Vec<(f32, &Note)> = notes
        .iter()
        .filter(|note| !note.hidden)
        .filter_map(|note| {
            let same_words = by_words.iter().any(|found| found.id == note.id);
            match vectors.get(&note.id).map(|vector| cosine(vector, draft)) {
                Some(score) if score >= HINT_MIN_COSINE || same_words => Some((score, note)),
                None if same_words => Some((1.0, note)),
                _ => None,
            }
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.seq.cmp(&b.1.seq)));
    scored.into_iter().take(MAX_SUGGESTIONS).map(|(_, note)| note.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(seq: i64, text: &str) -> Note {
        Note::sample(seq, text)
    }

    #[test]
    fn close_vectors_and_same_words_are_suggested_closest_first() {
        let notes = vec![note(1, "molntjänster"), note(2, "arkiv"), note(3, "e-legitimation"), note(4, "ny")];
        let vectors: HashMap<NoteId, Vec<f32>> = [
            (notes[0].id, vec![0.95, 0.312_25]),
            (notes[1].id, vec![0.0, 1.0]),
            (notes[2].id, vec![0.6, 0.8]),
        ]
        .into();
        // Note 3 is far in meaning but shares words; note 4 shares words and has no vector yet.
        let by_words = vec![notes[2].clone(), notes[3].clone()];
        let found = rank(&notes, &by_words, &vectors, &[1.0, 0.0]);
        let ids: Vec<i64> = found.iter().map(|n| n.seq).collect();
        assert_eq!(ids, vec![4, 1, 3]);
    }

    #[test]
    fn hidden_notes_are_never_suggested() {
        let mut hidden = note(1, "molntjänster");
        hidden.hidden = true;
        let vectors: HashMap<NoteId, Vec<f32>> = [(hidden.id, vec![1.0, 0.0])].into();
        assert!(rank(&[hidden.clone()], &[hidden], &vectors, &[1.0, 0.0]).is_empty());
    }
}
