//! Dot votes: at most one open per workshop, each participant's dots per target, and the
//! tallies. Every rule that counts dots is checked inside the write transaction (the write
//! pool has one connection), so two quick clicks cannot overspend.

use std::collections::{BTreeMap, HashMap};

use app::model::ids::{ParticipantId, VoteId, VoteTargetId, WorkshopId};
use app::model::live::Change;
use app::model::vote::{MyDots, Vote, VoteOption, VoteTarget};
use sqlx::AnyConnection;

use super::events::{lock_workshop, privacy, record_next};
use super::ids::BindId;
use super::{Refusal, Store, StoreError, StoredEvent, Viewer, now_rfc3339, uuid_column};
use crate::access::visibility::Audience;

#[derive(sqlx::FromRow)]
struct VoteRow {
    id: String,
    workshop_id: String,
    target_kind: String,
    dots_per_participant: i64,
    state: String,
    options: String,
    workshop_state: String,
}

/// A vote as stored, with its workshop's state.
struct VoteRecord {
    vote: Vote,
    workshop_id: WorkshopId,
    workshop_open: bool,
}

impl TryFrom<VoteRow> for VoteRecord {
    type Error = StoreError;

    fn try_from(row: VoteRow) -> Result<Self, StoreError> {
        Ok(VoteRecord {
            vote: Vote {
                id: uuid_column(&row.id, "votes.id")?,
                target: VoteTarget::from_stored(&row.target_kind)
                    .ok_or(StoreError::Corrupt("votes.target_kind"))?,
                dots_per_participant: u32::try_from(row.dots_per_participant)
                    .map_err(|_| StoreError::Corrupt("votes.dots_per_participant"))?,
                open: row.state == "open",
                options: serde_json::from_str(&row.options)
                    .map_err(|_| StoreError::Corrupt("votes.options"))?,
                tallies: BTreeMap::new(),
                my_dots: BTreeMap::new(),
            },
            workshop_id: uuid_column(&row.workshop_id, "votes.workshop_id")?,
            workshop_open: row.workshop_state == "open",
        })
    }
}

/// The vote query with a `WHERE` clause appended at compile time.
macro_rules! select_vote {
    ($condition:literal) => {
        concat!(
            "SELECT v.id, v.workshop_id, v.target_kind, v.dots_per_participant, v.state, v.options,
                    w.state AS workshop_state
             FROM votes v JOIN workshops w ON w.id = v.workshop_id WHERE ",
            $condition
        )
    };
}

/// Takes the row lock of the vote's workshop until the transaction ends, before the vote
/// or the workshop is read: one participant's simultaneous dots are counted one after
/// another, and a vote closed or a workshop locked meanwhile is seen (on PostgreSQL;
/// SQLite runs every write alone).
async fn lock_vote(conn: &mut AnyConnection, vote_id: VoteId) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE workshops SET last_seq = last_seq WHERE id = (SELECT workshop_id FROM votes WHERE id = $1)",
    )
    .bind_id(vote_id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

async fn fetch_vote(conn: &mut AnyConnection, vote_id: VoteId) -> Result<VoteRecord, StoreError> {
    let row: VoteRow = sqlx::query_as(select_vote!("v.id = $1")).bind_id(vote_id).fetch_one(conn).await?;
    row.try_into()
}

/// The participant's dots in a vote, per target.
async fn dots_of(
    conn: &mut AnyConnection,
    vote_id: VoteId,
    participant_id: ParticipantId,
) -> Result<BTreeMap<VoteTargetId, i64>, StoreError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT target_id, dots FROM vote_dots WHERE vote_id = $1 AND participant_id = $2")
            .bind_id(vote_id)
            .bind_id(participant_id)
            .fetch_all(conn)
            .await?;
    rows.iter().map(|(id, dots)| Ok((uuid_column(id, "vote_dots.target_id")?, *dots))).collect()
}

/// Every participant's dots together per target of a vote.
async fn tallies_of(
    conn: &mut AnyConnection,
    vote_id: VoteId,
) -> Result<BTreeMap<VoteTargetId, i64>, StoreError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT target_id, CAST(SUM(dots) AS BIGINT) FROM vote_dots WHERE vote_id = $1 GROUP BY target_id",
    )
    .bind_id(vote_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|(id, dots)| Ok((uuid_column(id, "vote_dots.target_id")?, *dots))).collect()
}

/// Records a target's new total as a board event.
async fn record_tally(
    conn: &mut AnyConnection,
    record: &VoteRecord,
    target_id: VoteTargetId,
) -> Result<StoredEvent, StoreError> {
    let (dots,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(dots), 0) AS BIGINT) FROM vote_dots WHERE vote_id = $1 AND target_id = $2",
    )
    .bind_id(record.vote.id)
    .bind_id(target_id)
    .fetch_one(&mut *conn)
    .await?;
    let change = Change::VoteTally { vote_id: record.vote.id, target_id, dots };
    // While writing is private, tallies would tell participants which notes others wrote.
    let private = privacy(&mut *conn, record.workshop_id).await?.private_mode;
    let audience = if private { Audience::Staff } else { Audience::Everyone };
    record_next(conn, record.workshop_id, change, audience, None).await
}

/// Dots can move only while both the vote and its workshop are open.
fn ensure_open(record: &VoteRecord) -> Result<(), StoreError> {
    if !record.vote.open {
        return Err(StoreError::Refused(Refusal::VoteClosed));
    }
    if !record.workshop_open {
        return Err(StoreError::Refused(Refusal::Locked));
    }
    Ok(())
}

impl Store {
    /// Opens a vote in a workshop that has none open, and records it as a board event.
    pub async fn open_vote(
        &self,
        workshop_id: WorkshopId,
        target: VoteTarget,
        dots_per_participant: u32,
        options: &[VoteOption],
    ) -> Result<(Vote, StoredEvent), StoreError> {
        let mut tx = self.write.begin().await?;
        // Two facilitators opening a vote at once: the second sees the first's.
        lock_workshop(&mut tx, workshop_id).await?;
        let open: Option<(String,)> =
            sqlx::query_as("SELECT id FROM votes WHERE workshop_id = $1 AND state = 'open'")
                .bind_id(workshop_id)
                .fetch_optional(&mut *tx)
                .await?;
        if open.is_some() {
            return Err(StoreError::Refused(Refusal::VoteAlreadyOpen));
        }
        let vote = Vote {
            id: VoteId::random(),
            target,
            dots_per_participant,
            open: true,
            options: options.to_vec(),
            tallies: BTreeMap::new(),
            my_dots: BTreeMap::new(),
        };
        let now = now_rfc3339();
        let options = serde_json::to_string(options).map_err(|_| StoreError::Corrupt("votes.options"))?;
        sqlx::query(
            "INSERT INTO votes (id, workshop_id, target_kind, dots_per_participant, state, options, opened_at,
                                created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8)",
        )
        .bind_id(vote.id)
        .bind_id(workshop_id)
        .bind(target.as_str())
        .bind(i64::from(dots_per_participant))
        .bind(options)
        .bind(&now)
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let event = record_next(
            &mut tx,
            workshop_id,
            Change::VoteOpened { vote: vote.clone() },
            Audience::Everyone,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok((vote, event))
    }

    /// The workshop a vote belongs to.
    pub async fn vote_workshop(&self, vote_id: VoteId) -> Result<WorkshopId, StoreError> {
        let (workshop_id,): (String,) = sqlx::query_as("SELECT workshop_id FROM votes WHERE id = $1")
            .bind_id(vote_id)
            .fetch_one(&self.pool)
            .await?;
        uuid_column(&workshop_id, "votes.workshop_id")
    }

    /// Closes an open vote; refused when it is already closed.
    pub async fn close_vote(&self, vote_id: VoteId) -> Result<StoredEvent, StoreError> {
        let mut tx = self.write.begin().await?;
        lock_vote(&mut tx, vote_id).await?;
        let record = fetch_vote(&mut tx, vote_id).await?;
        if !record.vote.open {
            return Err(StoreError::Refused(Refusal::VoteClosed));
        }
        let now = now_rfc3339();
        sqlx::query("UPDATE votes SET state = 'closed', closed_at = $1, updated_at = $2 WHERE id = $3")
            .bind(&now)
            .bind(&now)
            .bind_id(vote_id)
            .execute(&mut *tx)
            .await?;
        let event = record_next(
            &mut tx,
            record.workshop_id,
            Change::VoteClosed { vote_id },
            Audience::Everyone,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(event)
    }

    /// Places one of `participant`'s dots on `target_id` and records the target's new
    /// total. Refused when the vote or workshop is closed or every dot is placed;
    /// [`StoreError::NotFound`] when the target is not part of the vote (a note of another
    /// workshop, a hidden or merged note, a theme the vote does not offer).
    pub async fn give_dot(
        &self,
        vote_id: VoteId,
        participant_id: ParticipantId,
        target_id: VoteTargetId,
    ) -> Result<(MyDots, StoredEvent), StoreError> {
        let mut tx = self.write.begin().await?;
        lock_vote(&mut tx, vote_id).await?;
        let record = fetch_vote(&mut tx, vote_id).await?;
        ensure_open(&record)?;
        let valid_target = match record.vote.target {
            VoteTarget::Themes => {
                record.vote.options.iter().any(|option| VoteTargetId::from(option.id) == target_id)
            }
            VoteTarget::Notes => {
                let author: Option<(Option<String>,)> = sqlx::query_as(
                    "SELECT author_id FROM notes
                     WHERE id = $1 AND workshop_id = $2 AND merged_into IS NULL AND hidden = 0",
                )
                .bind_id(target_id)
                .bind_id(record.workshop_id)
                .fetch_optional(&mut *tx)
                .await?;
                let privacy = privacy(&mut tx, record.workshop_id).await?;
                // Only a note the participant may see: not another's during private writing.
                match author {
                    Some((author,)) => {
                        let author = author.map(|id| uuid_column(&id, "notes.author_id")).transpose()?;
                        Audience::of_note(privacy, author, false).admits(Viewer::Participant(participant_id))
                    }
                    None => false,
                }
            }
        };
        if !valid_target {
            return Err(StoreError::NotFound);
        }
        let used: i64 = dots_of(&mut tx, vote_id, participant_id).await?.values().sum();
        if used >= i64::from(record.vote.dots_per_participant) {
            return Err(StoreError::Refused(Refusal::NoDotsLeft(record.vote.dots_per_participant)));
        }
        let now = now_rfc3339();
        sqlx::query(
            "INSERT INTO vote_dots (vote_id, participant_id, target_id, dots, created_at, updated_at)
             VALUES ($1, $2, $3, 1, $4, $5)
             ON CONFLICT (vote_id, participant_id, target_id)
             DO UPDATE SET dots = vote_dots.dots + 1, updated_at = excluded.updated_at",
        )
        .bind_id(vote_id)
        .bind_id(participant_id)
        .bind_id(target_id)
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let event = record_tally(&mut tx, &record, target_id).await?;
        let dots = dots_of(&mut tx, vote_id, participant_id).await?;
        tx.commit().await?;
        Ok((MyDots { vote_id, dots }, event))
    }

    /// Takes one of `participant`'s dots back from `target_id` while the vote is open. The
    /// event is `None` when there was no dot to take back.
    pub async fn take_back_dot(
        &self,
        vote_id: VoteId,
        participant_id: ParticipantId,
        target_id: VoteTargetId,
    ) -> Result<(MyDots, Option<StoredEvent>), StoreError> {
        let mut tx = self.write.begin().await?;
        lock_vote(&mut tx, vote_id).await?;
        let record = fetch_vote(&mut tx, vote_id).await?;
        ensure_open(&record)?;
        let placed: Option<(i64,)> = sqlx::query_as(
            "SELECT dots FROM vote_dots WHERE vote_id = $1 AND participant_id = $2 AND target_id = $3",
        )
        .bind_id(vote_id)
        .bind_id(participant_id)
        .bind_id(target_id)
        .fetch_optional(&mut *tx)
        .await?;
        let event = match placed {
            None => None,
            Some((dots,)) => {
                // A row holds at least one dot: the last one goes with its row.
                let change = if dots > 1 {
                    sqlx::query(
                        "UPDATE vote_dots SET dots = dots - 1, updated_at = $1
                         WHERE vote_id = $2 AND participant_id = $3 AND target_id = $4",
                    )
                    .bind(now_rfc3339())
                } else {
                    sqlx::query(
                        "DELETE FROM vote_dots WHERE vote_id = $1 AND participant_id = $2 AND target_id = $3",
                    )
                };
                change.bind_id(vote_id).bind_id(participant_id).bind_id(target_id).execute(&mut *tx).await?;
                Some(record_tally(&mut tx, &record, target_id).await?)
            }
        };
        let dots = dots_of(&mut tx, vote_id, participant_id).await?;
        tx.commit().await?;
        Ok((MyDots { vote_id, dots }, event))
    }

    /// The workshop's open vote, or else its last closed one, with the tallies and (for a
    /// participant) the viewer's own dots: what a board needs when it is (re)loaded.
    pub async fn latest_vote(
        &self,
        workshop_id: WorkshopId,
        viewer: Viewer,
    ) -> Result<Option<Vote>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row: Option<VoteRow> = sqlx::query_as(select_vote!(
            "v.workshop_id = $1 ORDER BY v.state = 'open' DESC, v.opened_at DESC, v.id DESC LIMIT 1"
        ))
        .bind_id(workshop_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut vote = VoteRecord::try_from(row)?.vote;
        vote.tallies = tallies_of(&mut conn, vote.id).await?;
        if let Viewer::Participant(me) = viewer {
            vote.my_dots = dots_of(&mut conn, vote.id, me).await?;
        }
        Ok(Some(vote))
    }

    /// Every dot given in the workshop's votes (open and closed), per target id (a note or
    /// a theme), for reports and exports.
    pub async fn dot_totals(
        &self,
        workshop_id: WorkshopId,
    ) -> Result<HashMap<VoteTargetId, i64>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT d.target_id, CAST(SUM(d.dots) AS BIGINT) FROM vote_dots d JOIN votes v ON v.id = d.vote_id
             WHERE v.workshop_id = $1 GROUP BY d.target_id",
        )
        .bind_id(workshop_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|(id, dots)| Ok((uuid_column(id, "vote_dots.target_id")?, *dots))).collect()
    }
}
