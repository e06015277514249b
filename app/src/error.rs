//! The errors a user (or an API client) can get back.
//!
//! Internal detail never travels in an [`AppError`]: the server logs it and sends
//! [`AppError::Internal`]. On the wire an error is a small JSON object,
//! `{"error":"too_long","field":"note","max":500,"message":"…"}`, sent with the HTTP status
//! of [`AppError::status`]. The sentences for people are not here: each language's texts
//! word them (`crate::texts`).

use leptos::server_fn::Bytes;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Everything that can go wrong in a request, as the user should hear it.
///
/// The enum is its own wire format: serde writes the variant's snake_case name under
/// `"error"` and its fields beside it, so every field survives the round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AppError {
    /// The note is empty (or only whitespace).
    NoteEmpty,
    /// A text field is longer than allowed.
    TooLong { field: Field, max: usize },
    /// A list has more items than allowed (the prompt questions of a workshop).
    TooMany { field: Field, max: usize },
    /// A text field is shorter than allowed (a new password).
    TooShort { field: Field, min: usize },
    /// A required text field is empty.
    Required { field: Field },
    /// A field has the wrong shape (for example a date that is not YYYY-MM-DD).
    Invalid { field: Field },
    /// A name or title holds characters that show nothing or change the text's direction
    /// (or control characters), so it could show as something else than it is.
    InvisibleCharacters { field: Field },
    /// No workshop has this join code.
    UnknownCode,
    /// The round, workshop or note does not exist (or is not visible to the caller).
    NotFound,
    /// The workshop is locked: notes can no longer be added or changed.
    WorkshopLocked,
    /// The caller has not joined this workshop.
    NotJoined,
    /// The page or action needs a signed-in account, and the caller has none.
    NotSignedIn,
    /// The request carried a session or device cookie this server never issued (made up,
    /// altered, or from before an upgrade); it is forgotten and nothing is served.
    UnknownCookie,
    /// Sign-in failed. Deliberately one error for an unknown address, a wrong password and a
    /// disabled account, so nobody can probe which addresses have accounts.
    WrongCredentials,
    /// The setup link is unknown, used or expired.
    SetupLinkInvalid,
    /// An account with this e-mail address already exists.
    EmailTaken,
    /// No active account has this e-mail address (when sharing a round).
    UnknownAccount,
    /// The caller may not do this (for example edit someone else's note).
    Forbidden,
    /// A theme needs at least two notes to be split.
    TooFewToSplit,
    /// There is no earlier state to go back to.
    NothingToUndo,
    /// The themes kept changing while clustering ran on them (someone edited the board):
    /// the run was not stored, so their changes stand.
    ThemesChanged,
    /// A participant tried to +1 their own note.
    OwnNote,
    /// A participant has placed all the dots the vote gives them.
    NoDotsLeft { dots: u32 },
    /// The vote is closed (or there is none open).
    VoteClosed,
    /// The workshop already has an open vote.
    VoteAlreadyOpen,
    /// A theme vote needs themes.
    NoThemesToVoteOn,
    /// The round's notes changed after its last archive export (or it has none).
    ArchiveFirst,
    /// The request could not be read.
    #[serde(rename = "malformed_request")]
    Malformed,
    /// A state-changing request came from a page of another site (cross-site request forgery).
    CrossSite,
    /// The request body is larger than the server accepts (`max` in bytes).
    TooLarge { max: usize },
    /// The caller sent too many requests in a short time; `retry_after` is in seconds.
    TooManyRequests { retry_after: u32 },
    /// Something failed on the server; details are in the server log.
    Internal,
}

/// Which input a validation error is about; named so the UI can point at the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Note,
    Title,
    Sector,
    Date,
    Prompts,
    Name,
    Organisation,
    Code,
    Minutes,
    Group,
    Granularity,
    Theme,
    PreviousRound,
    Format,
    Dots,
    Email,
    Password,
    PasswordRepeat,
    CurrentPassword,
    Role,
}

impl AppError {
    /// The HTTP status that goes with this error.
    pub fn status(&self) -> u16 {
        use AppError::*;
        match self {
            NoteEmpty
            | TooLong { .. }
            | TooMany { .. }
            | TooShort { .. }
            | Required { .. }
            | Invalid { .. }
            | InvisibleCharacters { .. }
            | Malformed => 400,
            NotJoined | NotSignedIn | UnknownCookie | WrongCredentials => 401,
            Forbidden | OwnNote | CrossSite => 403,
            UnknownCode | NotFound | SetupLinkInvalid | UnknownAccount => 404,
            WorkshopLocked
            | NothingToUndo
            | ThemesChanged
            | TooFewToSplit
            | NoDotsLeft { .. }
            | VoteClosed
            | VoteAlreadyOpen
            | NoThemesToVoteOn
            | ArchiveFirst
            | EmailTaken => 409,
            TooLarge { .. } => 413,
            TooManyRequests { .. } => 429,
            Internal => 500,
        }
    }

    /// A sentence for the person in front of the page, worded by `lang`'s texts.
    pub fn message(&self, lang: Lang) -> String {
        (lang.texts().error)(self)
    }

    /// The error's JSON body with its message in `lang`: the error's own fields and
    /// `"message"` beside them. A reader that knows [`AppError`] ignores the message.
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(flatten)]
            error: &'a AppError,
            message: String,
        }
        serde_json::to_string(&Body { error: self, message: self.message(lang) }).unwrap_or_default()
    }
}

/// English, for logs and `anyhow` chains; people get [`AppError::message`] in their language.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        use ServerFnErrorErr as E;
        match value {
            E::Args(_) | E::Deserialization(_) | E::MissingArg(_) | E::UnsupportedRequestMethod(_) => {
                AppError::Malformed
            }
            _ => AppError::Internal,
        }
    }

    /// The body of a failed server function: the error with an English message for API
    /// clients (the request's language is not known here). Decoding is the default
    /// [`JsonEncoding`] of the enum, which skips the message.
    fn ser(&self) -> Bytes {
        Bytes::from(self.to_json(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each variant. [`every_variant_is_covered`] fails when a new variant is missing.
    fn one_of_each() -> Vec<AppError> {
        use AppError::*;
        vec![
            NoteEmpty,
            TooLong { field: Field::Title, max: 200 },
            TooMany { field: Field::Prompts, max: 10 },
            TooShort { field: Field::Password, min: 12 },
            Required { field: Field::Sector },
            Invalid { field: Field::Date },
            InvisibleCharacters { field: Field::Name },
            UnknownCode,
            NotFound,
            WorkshopLocked,
            NotJoined,
            NotSignedIn,
            UnknownCookie,
            WrongCredentials,
            SetupLinkInvalid,
            EmailTaken,
            UnknownAccount,
            Forbidden,
            TooFewToSplit,
            NothingToUndo,
            ThemesChanged,
            OwnNote,
            NoDotsLeft { dots: 5 },
            VoteClosed,
            VoteAlreadyOpen,
            NoThemesToVoteOn,
            ArchiveFirst,
            Malformed,
            CrossSite,
            TooLarge { max: 65536 },
            TooManyRequests { retry_after: 3 },
            Internal,
        ]
    }

    fn code(err: &AppError) -> String {
        serde_json::to_value(err).unwrap()["error"].as_str().unwrap().to_string()
    }

    #[test]
    fn every_variant_is_covered() {
        // serde lists every code it knows when it meets an unknown one.
        let refusal = serde_json::from_str::<AppError>(r#"{"error":"?"}"#).unwrap_err().to_string();
        let known = refusal.split("expected one of ").nth(1).expect("serde lists the codes");
        let mut known: Vec<String> =
            known.split(", ").map(|code| code.split('`').nth(1).unwrap().to_string()).collect();
        let mut covered: Vec<String> = one_of_each().iter().map(code).collect();
        known.sort();
        covered.sort();
        assert_eq!(covered, known, "one example of each variant");
    }

    #[test]
    fn every_error_survives_the_round_trip_of_a_server_function_and_of_a_raw_route() {
        for err in one_of_each() {
            assert_eq!(AppError::de(err.ser()), err, "server function body {:?}", err.ser());
            for lang in [Lang::Sv, Lang::En] {
                assert_eq!(serde_json::from_str::<AppError>(&err.to_json(lang)).unwrap(), err);
            }
        }
    }

    #[test]
    fn the_body_carries_code_fields_and_message() {
        let json: serde_json::Value =
            serde_json::from_slice(&AppError::TooLong { field: Field::Note, max: 500 }.ser()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "error": "too_long", "field": "note", "max": 500,
                "message": "The note can be at most 500 characters."
            })
        );
        let limited: serde_json::Value =
            serde_json::from_str(&AppError::TooManyRequests { retry_after: 3 }.to_json(Lang::Sv)).unwrap();
        assert_eq!(limited["retry_after"], 3);
        assert_eq!(code(&AppError::Malformed), "malformed_request");
    }

    #[test]
    fn the_json_body_speaks_the_callers_language() {
        let err = AppError::TooLong { field: Field::Title, max: 200 };
        assert!(err.to_json(Lang::Sv).contains("Titeln får vara högst 200 tecken."));
        assert!(err.to_json(Lang::En).contains("The title can be at most 200 characters."));
    }

    #[test]
    fn every_error_has_a_message_in_each_language_and_a_status_of_its_kind() {
        for err in one_of_each() {
            let (sv, en) = (err.message(Lang::Sv), err.message(Lang::En));
            assert!(!sv.is_empty() && sv != en, "{err:?}: {sv} / {en}");
            assert!((400..=500).contains(&err.status()), "{err:?}");
        }
        let statuses = [
            (AppError::NoteEmpty, 400),
            (AppError::NotSignedIn, 401),
            (AppError::UnknownCookie, 401),
            (AppError::WrongCredentials, 401),
            (AppError::Forbidden, 403),
            (AppError::CrossSite, 403),
            (AppError::UnknownCode, 404),
            (AppError::SetupLinkInvalid, 404),
            (AppError::WorkshopLocked, 409),
            (AppError::NoDotsLeft { dots: 5 }, 409),
            (AppError::EmailTaken, 409),
            (AppError::TooLarge { max: 65536 }, 413),
            (AppError::TooManyRequests { retry_after: 3 }, 429),
            (AppError::Internal, 500),
        ];
        for (err, status) in statuses {
            assert_eq!(err.status(), status, "{err:?}");
        }
    }

    #[test]
    fn messages_carry_the_errors_numbers() {
        assert!(AppError::NoDotsLeft { dots: 5 }.message(Lang::Sv).contains("alla dina 5 prickar"));
        assert!(AppError::TooLarge { max: 65536 }.message(Lang::Sv).contains("64 kB"));
        assert!(AppError::TooManyRequests { retry_after: 3 }.message(Lang::En).contains("Wait 3 s"));
        assert!(
            AppError::TooShort { field: Field::Password, min: 12 }
                .message(Lang::Sv)
                .contains("minst 12 tecken")
        );
        assert_eq!(
            AppError::Invalid { field: Field::Date }.message(Lang::Sv),
            "Datumet ska skrivas ÅÅÅÅ-MM-DD."
        );
    }
}
