//! Sentence vectors of notes (`note_vectors`): one per note, tagged with the model that made
//! it and the SHA-256 of the text it was made from, so an edited note's vector reads as
//! stale and a vector of another model as missing. Rows go with their notes (cascade).

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use sqlx::AssertSqlSafe;

use super::ids::BindId;
use super::{ReportSource, Store, StoreError, now_rfc3339, uuid_column};
use app::model::ids::NoteId;

/// A note's text as the vector worker reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteText {
    pub id: NoteId,
    pub text: String,
}

impl From<&app::model::Note> for NoteText {
    fn from(note: &app::model::Note) -> Self {
        NoteText { id: note.id, text: note.text.clone() }
    }
}

impl From<&app::model::report::ReportNote> for NoteText {
    fn from(note: &app::model::report::ReportNote) -> Self {
        NoteText { id: note.id, text: note.text.clone() }
    }
}

/// The hex SHA-256 of a note's text: what ties a vector to the text it was made from.
fn text_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A vector as stored: its values as little-endian `f32`.
fn to_bytes(vector: &[f32]) -> Vec<u8> {
    vector.iter().flat_map(|value| value.to_le_bytes()).collect()
}

fn from_bytes(bytes: &[u8]) -> Result<Vec<f32>, StoreError> {
    if !bytes.len().is_multiple_of(4) {
        return Err(StoreError::Corrupt("note_vectors.vector"));
    }
    Ok(bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
}

impl Store {
    /// Every note (merged duplicates too: an unmerge brings them back) without a current
    /// vector of `model`: none yet, one of another model, or one made from an older text.
    /// Oldest first, so a back-fill follows the order the notes were written in.
    pub async fn notes_without_vectors(&self, model: &str) -> Result<Vec<NoteId>, StoreError> {
        let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT n.id, n.text, v.model, v.text_sha256
             FROM notes n LEFT JOIN note_vectors v ON v.note_id = n.id
             ORDER BY n.created_at, n.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .filter(|(_, text, made_by, sha)| {
                made_by.as_deref() != Some(model) || sha.as_deref() != Some(text_sha256(text).as_str())
            })
            .map(|(id, ..)| uuid_column(&id, "notes.id"))
            .collect()
    }

    /// The current texts of those of `ids` that still exist (deleted notes are left out).
    pub async fn note_texts(&self, ids: &[NoteId]) -> Result<Vec<NoteText>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        // Only numbered placeholders are spliced in; the ids themselves are bound.
        let sql =
            format!("SELECT id, text FROM notes WHERE id IN ({}) ORDER BY seq", placeholders.join(", "));
        let mut query = sqlx::query_as::<_, (String, String)>(AssertSqlSafe(sql));
        for id in ids {
            query = query.bind_id(*id);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.into_iter().map(|(id, text)| Ok(NoteText { id: uuid_column(&id, "notes.id")?, text })).collect()
    }

    /// Stores the vectors `model` made from these texts, replacing each note's earlier
    /// vector, in one transaction. A note deleted in the meantime is skipped.
    pub async fn put_vectors(&self, model: &str, made: &[(NoteText, Vec<f32>)]) -> Result<(), StoreError> {
        if made.is_empty() {
            return Ok(());
        }
        let now = now_rfc3339();
        let mut tx = self.write.begin().await?;
        for (note, vector) in made {
            // INSERT … SELECT … WHERE EXISTS: a vector never outlives (or precedes) its note.
            sqlx::query(
                "INSERT INTO note_vectors (note_id, model, text_sha256, vector, created_at, updated_at)
                 SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM notes WHERE id = $7)
                 ON CONFLICT (note_id) DO UPDATE SET model = excluded.model,
                     text_sha256 = excluded.text_sha256, vector = excluded.vector,
                     updated_at = excluded.updated_at",
            )
            .bind_id(note.id)
            .bind(model)
            .bind(text_sha256(&note.text))
            .bind(to_bytes(vector))
            .bind(&now)
            .bind(&now)
            .bind_id(note.id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The current vectors of `model` of the notes in `source`, by note id. Notes without
    /// one (not made yet, or made from an older text) are absent.
    pub async fn note_vectors(
        &self,
        source: ReportSource,
        model: &str,
    ) -> Result<HashMap<NoteId, Vec<f32>>, StoreError> {
        let (condition, key) = source.condition();
        let rows: Vec<(String, String, String, Vec<u8>)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT n.id, n.text, v.text_sha256, v.vector
             FROM note_vectors v JOIN notes n ON n.id = v.note_id JOIN workshops w ON w.id = n.workshop_id
             WHERE {condition} AND v.model = $2"
        )))
        .bind_id(key)
        .bind(model)
        .fetch_all(&self.pool)
        .await?;
        let mut vectors = HashMap::with_capacity(rows.len());
        for (id, text, sha, bytes) in rows {
            if sha == text_sha256(&text) {
                vectors.insert(uuid_column(&id, "note_vectors.note_id")?, from_bytes(&bytes)?);
            }
        }
        Ok(vectors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_survive_the_round_trip_through_bytes() {
        let vector = vec![0.25, -1.5, f32::MIN_POSITIVE, 3.0e-8];
        assert_eq!(from_bytes(&to_bytes(&vector)).unwrap(), vector);
        assert!(from_bytes(&[0, 1, 2]).is_err(), "a length that is no multiple of 4 is corrupt");
    }

    #[test]
    fn an_edited_text_no_longer_matches_its_hash() {
        assert_eq!(text_sha256("Gemensam e-legitimation"), text_sha256("Gemensam e-legitimation"));
        assert_ne!(text_sha256("Gemensam e-legitimation"), text_sha256("Gemensam e-legitimation!"));
    }
}
