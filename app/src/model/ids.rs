//! One id type per kind of thing, so a workshop's id cannot be passed where a note's is
//! meant. Each wraps a Uuid and travels as the same text (the wire format and the stored
//! text are unchanged); the store reads and binds them in one place (`store::ids`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Id number `n` as whichever id type the place wants: fixed, readable ids for tests and
/// samples where the type follows from where the id goes.
pub fn fixed_id<Id: From<Uuid>>(n: u128) -> Id {
    Uuid::from_u128(n).into()
}

/// Declares an id type over Uuid with the conversions every id shares.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A new random id.
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }

            /// The id made from a number: fixed ids for tests and samples.
            pub const fn from_u128(value: u128) -> Self {
                Self(Uuid::from_u128(value))
            }

            /// The all-zero id, for samples that belong nowhere.
            pub const fn nil() -> Self {
                Self(Uuid::nil())
            }

            /// The Uuid it wraps.
            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(text).map(Self)
            }
        }
    };
}

id_type!(
    /// A revision round.
    RoundId
);
id_type!(
    /// A workshop of a round.
    WorkshopId
);
id_type!(
    /// A sticky note, made by the browser that wrote it (so a resend is recognised).
    NoteId
);
id_type!(
    /// A theme, of a workshop or of a round.
    ThemeId
);
id_type!(
    /// A need within a theme.
    NeedId
);
id_type!(
    /// Someone who joined a workshop without an account.
    ParticipantId
);
id_type!(
    /// An account: a facilitator, analyst or admin.
    AccountId
);
id_type!(
    /// A dot vote in a workshop.
    VoteId
);

id_type!(
    /// What a dot is put on: a note in a note vote, a theme in a theme vote.
    VoteTargetId
);
id_type!(
    /// What a priority mark is put on: a need, or a theme as reports show it (its lineage).
    PriorityTargetId
);

/// Lets a narrower id stand where a wider one is asked for (a note's id as a vote's target).
macro_rules! widens_to {
    ($narrow:ident => $wide:ident) => {
        impl From<$narrow> for $wide {
            fn from(id: $narrow) -> Self {
                Self(id.0)
            }
        }
    };
}

widens_to!(NoteId => VoteTargetId);
widens_to!(ThemeId => VoteTargetId);
widens_to!(NeedId => PriorityTargetId);
widens_to!(ThemeId => PriorityTargetId);

impl VoteTargetId {
    /// The note this target is, in a note vote (in a theme vote it names no note).
    pub const fn as_note(self) -> NoteId {
        NoteId(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_travels_and_parses_as_the_uuid_text_it_wraps() {
        let uuid = Uuid::new_v4();
        let id = NoteId::from(uuid);
        assert_eq!(serde_json::to_string(&id).unwrap(), serde_json::to_string(&uuid).unwrap());
        assert_eq!(id.to_string(), uuid.to_string());
        assert_eq!(id.to_string().parse::<NoteId>().unwrap(), id);
        assert!("n17".parse::<NoteId>().is_err());
    }
}
