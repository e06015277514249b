//! The errors a user (or an API client) can get back, with safe messages in both languages.
//!
//! Internal detail never travels in an [`AppError`]: the server logs it and sends
//! [`AppError::Internal`]. On the wire an error is a small JSON object,
//! `{"error":"note_too_long","message":"…","max":500}`, sent with a matching HTTP status.

use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Everything that can go wrong in a request, as the user should hear it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(into = "ErrorBody", from = "ErrorBody")]
pub enum AppError {
    /// The note is empty (or only whitespace).
    #[error("the note is empty")]
    NoteEmpty,
    /// A text field is longer than allowed.
    #[error("{field} is longer than {max} characters")]
    TooLong { field: Field, max: usize },
    /// A list has more items than allowed (the prompt questions of a workshop).
    #[error("{field} has more than {max} items")]
    TooMany { field: Field, max: usize },
    /// A text field is shorter than allowed (a new password).
    #[error("{field} is shorter than {min} characters")]
    TooShort { field: Field, min: usize },
    /// A required text field is empty.
    #[error("{field} is required")]
    Required { field: Field },
    /// A field has the wrong shape (for example a date that is not YYYY-MM-DD).
    #[error("{field} is not valid")]
    Invalid { field: Field },
    /// No workshop has this join code.
    #[error("no workshop has this code")]
    UnknownCode,
    /// The round, workshop or note does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The workshop is locked: notes can no longer be added or changed.
    #[error("the workshop is locked")]
    WorkshopLocked,
    /// The caller has not joined this workshop.
    #[error("join the workshop first")]
    NotJoined,
    /// The page or action needs a signed-in account, and the caller has none.
    #[error("sign in first")]
    NotSignedIn,
    /// Sign-in failed. Deliberately one error for an unknown address, a wrong password and a
    /// disabled account, so nobody can probe which addresses have accounts.
    #[error("wrong e-mail or password")]
    WrongCredentials,
    /// The setup link is unknown, used or expired.
    #[error("the setup link is not valid")]
    SetupLinkInvalid,
    /// An account with this e-mail address already exists.
    #[error("e-mail address already in use")]
    EmailTaken,
    /// No active account has this e-mail address (when sharing a round).
    #[error("no account with this e-mail address")]
    UnknownAccount,
    /// The caller may not do this (for example edit someone else's note).
    #[error("not allowed")]
    Forbidden,
    /// A theme needs at least two notes to be split.
    #[error("too few notes to split")]
    TooFewToSplit,
    /// There is no earlier state to go back to.
    #[error("nothing to undo")]
    NothingToUndo,
    /// A participant tried to +1 their own note.
    #[error("cannot support your own note")]
    OwnNote,
    /// A participant has placed all the dots the vote gives them.
    #[error("no dots left (at most {dots})")]
    NoDotsLeft { dots: u32 },
    /// The vote is closed (or there is none open).
    #[error("the vote is closed")]
    VoteClosed,
    /// The workshop already has an open vote.
    #[error("a vote is already open")]
    VoteAlreadyOpen,
    /// A theme vote needs themes.
    #[error("no themes to vote on")]
    NoThemesToVoteOn,
    /// The round's notes changed after its last archive export (or it has none).
    #[error("export the archive first")]
    ArchiveFirst,
    /// The request could not be read.
    #[error("malformed request")]
    Malformed,
    /// A state-changing request came from a page of another site (cross-site request forgery).
    #[error("cross-site request refused")]
    CrossSite,
    /// The request body is larger than the server accepts (`max` in bytes).
    #[error("request larger than {max} bytes")]
    TooLarge { max: usize },
    /// The caller sent too many requests in a short time; `retry_after` is in seconds.
    #[error("too many requests, retry after {retry_after} s")]
    TooManyRequests { retry_after: u32 },
    /// Something failed on the server; details are in the server log.
    #[error("internal error")]
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

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

impl Field {
    /// The field's name as shown in the form.
    pub fn label(self, lang: Lang) -> &'static str {
        use Field::*;
        match (self, lang) {
            (Note, Lang::Sv) => "Lappen",
            (Note, Lang::En) => "The note",
            (Title, Lang::Sv) => "Titeln",
            (Title, Lang::En) => "The title",
            (Sector, Lang::Sv) => "Sektorn",
            (Sector, Lang::En) => "The sector",
            (Date, Lang::Sv) => "Datumet",
            (Date, Lang::En) => "The date",
            (Prompts, Lang::Sv) => "Frågorna",
            (Prompts, Lang::En) => "The prompt questions",
            (Name, Lang::Sv) => "Namnet",
            (Name, Lang::En) => "The name",
            (Organisation, Lang::Sv) => "Organisationen",
            (Organisation, Lang::En) => "The organisation",
            (Code, Lang::Sv) => "Koden",
            (Code, Lang::En) => "The code",
            (Minutes, Lang::Sv) => "Antalet minuter",
            (Minutes, Lang::En) => "The number of minutes",
            (Group, Lang::Sv) => "Gruppen",
            (Group, Lang::En) => "The group",
            (Granularity, Lang::Sv) => "Detaljnivån",
            (Granularity, Lang::En) => "The level of detail",
            (Theme, Lang::Sv) => "Temat",
            (Theme, Lang::En) => "The theme",
            (PreviousRound, Lang::Sv) => "Omgången att jämföra med",
            (PreviousRound, Lang::En) => "The round to compare with",
            (Format, Lang::Sv) => "Formatet",
            (Format, Lang::En) => "The format",
            (Dots, Lang::Sv) => "Antalet prickar",
            (Dots, Lang::En) => "The number of dots",
            (Email, Lang::Sv) => "E-postadressen",
            (Email, Lang::En) => "The e-mail address",
            (Password, Lang::Sv) => "Lösenordet",
            (Password, Lang::En) => "The password",
            (PasswordRepeat, Lang::Sv) => "Det upprepade lösenordet",
            (PasswordRepeat, Lang::En) => "The repeated password",
            (CurrentPassword, Lang::Sv) => "Det nuvarande lösenordet",
            (CurrentPassword, Lang::En) => "The current password",
            (Role, Lang::Sv) => "Rollen",
            (Role, Lang::En) => "The role",
        }
    }
}

impl AppError {
    /// The machine-readable code sent to API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NoteEmpty => "note_empty",
            AppError::TooLong { .. } => "too_long",
            AppError::TooMany { .. } => "too_many",
            AppError::TooShort { .. } => "too_short",
            AppError::Required { .. } => "required",
            AppError::Invalid { .. } => "invalid",
            AppError::UnknownCode => "unknown_code",
            AppError::NotFound => "not_found",
            AppError::WorkshopLocked => "workshop_locked",
            AppError::NotJoined => "not_joined",
            AppError::NotSignedIn => "not_signed_in",
            AppError::WrongCredentials => "wrong_credentials",
            AppError::SetupLinkInvalid => "setup_link_invalid",
            AppError::EmailTaken => "email_taken",
            AppError::UnknownAccount => "unknown_account",
            AppError::Forbidden => "forbidden",
            AppError::NothingToUndo => "nothing_to_undo",
            AppError::TooFewToSplit => "too_few_to_split",
            AppError::OwnNote => "own_note",
            AppError::NoDotsLeft { .. } => "no_dots_left",
            AppError::VoteClosed => "vote_closed",
            AppError::VoteAlreadyOpen => "vote_already_open",
            AppError::NoThemesToVoteOn => "no_themes_to_vote_on",
            AppError::ArchiveFirst => "archive_first",
            AppError::Malformed => "malformed_request",
            AppError::CrossSite => "cross_site",
            AppError::TooLarge { .. } => "too_large",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::Internal => "internal",
        }
    }

    /// The HTTP status that goes with this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NoteEmpty
            | AppError::TooLong { .. }
            | AppError::TooMany { .. }
            | AppError::TooShort { .. }
            | AppError::Required { .. }
            | AppError::Invalid { .. }
            | AppError::Malformed => 400,
            AppError::NotJoined | AppError::NotSignedIn | AppError::WrongCredentials => 401,
            AppError::Forbidden | AppError::OwnNote | AppError::CrossSite => 403,
            AppError::UnknownCode
            | AppError::NotFound
            | AppError::SetupLinkInvalid
            | AppError::UnknownAccount => 404,
            AppError::WorkshopLocked
            | AppError::NothingToUndo
            | AppError::TooFewToSplit
            | AppError::NoDotsLeft { .. }
            | AppError::VoteClosed
            | AppError::VoteAlreadyOpen
            | AppError::NoThemesToVoteOn
            | AppError::ArchiveFirst
            | AppError::EmailTaken => 409,
            AppError::TooLarge { .. } => 413,
            AppError::TooManyRequests { .. } => 429,
            AppError::Internal => 500,
        }
    }

    /// A sentence for the person in front of the page.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AppError::NoteEmpty, Lang::Sv) => "Lappen är tom. Skriv något först.".into(),
            (AppError::NoteEmpty, Lang::En) => "The note is empty. Write something first.".into(),
            (AppError::TooLong { field, max }, Lang::Sv) => {
                format!("{} får vara högst {max} tecken.", field.label(lang))
            }
            (AppError::TooLong { field, max }, Lang::En) => {
                format!("{} can be at most {max} characters.", field.label(lang))
            }
            (AppError::TooMany { field, max }, Lang::Sv) => {
                format!("{} får vara högst {max} stycken.", field.label(lang))
            }
            (AppError::TooMany { field, max }, Lang::En) => format!("{} can be at most {max}.", field.label(lang)),
            (AppError::TooShort { field, min }, Lang::Sv) => {
                format!("{} ska vara minst {min} tecken.", field.label(lang))
            }
            (AppError::TooShort { field, min }, Lang::En) => {
                format!("{} must be at least {min} characters.", field.label(lang))
            }
            (AppError::Invalid { field: Field::PasswordRepeat }, Lang::Sv) => {
                "Lösenorden är inte likadana. Skriv samma lösenord två gånger.".into()
            }
            (AppError::Invalid { field: Field::PasswordRepeat }, Lang::En) => {
                "The passwords differ. Type the same password twice.".into()
            }
            (AppError::Invalid { field: Field::CurrentPassword }, Lang::Sv) => {
                "Det nuvarande lösenordet är fel.".into()
            }
            (AppError::Invalid { field: Field::CurrentPassword }, Lang::En) => {
                "The current password is wrong.".into()
            }
            (AppError::Required { field }, Lang::Sv) => format!("{} måste fyllas i.", field.label(lang)),
            (AppError::Required { field }, Lang::En) => format!("{} is required.", field.label(lang)),
            (AppError::Invalid { field: Field::Dots }, Lang::Sv) => {
                format!("Antalet prickar ska vara 1–{}.", crate::model::vote::DOTS_MAX)
            }
            (AppError::Invalid { field: Field::Dots }, Lang::En) => {
                format!("The number of dots must be 1–{}.", crate::model::vote::DOTS_MAX)
            }
            (AppError::Invalid { field: Field::Date }, Lang::Sv) => "Datumet ska skrivas ÅÅÅÅ-MM-DD.".into(),
            (AppError::Invalid { field: Field::Date }, Lang::En) => {
                "The date must be written YYYY-MM-DD.".into()
            }
            (AppError::Invalid { field: Field::Note }, Lang::Sv) => {
                "Lappen innehåller osynliga tecken eller tecken som vänder textens riktning. Ta bort dem och försök igen.".into()
            }
            (AppError::Invalid { field: Field::Note }, Lang::En) => {
                "The note contains invisible characters or characters that reverse the text's direction. Remove them and try again.".into()
            }
            (AppError::Invalid { field }, Lang::Sv) => format!("{} är inte giltig.", field.label(lang)),
            (AppError::Invalid { field }, Lang::En) => format!("{} is not valid.", field.label(lang)),
            (AppError::UnknownCode, Lang::Sv) => {
                "Ingen workshop har den koden. Kontrollera koden och försök igen.".into()
            }
            (AppError::UnknownCode, Lang::En) => {
                "No workshop has that code. Check the code and try again.".into()
            }
            (AppError::NotFound, Lang::Sv) => "Det finns inte (längre).".into(),
            (AppError::NotFound, Lang::En) => "It does not exist (any more).".into(),
            (AppError::WorkshopLocked, Lang::Sv) => {
                "Workshoppen är låst. Lappar kan inte längre läggas till eller ändras.".into()
            }
            (AppError::WorkshopLocked, Lang::En) => {
                "The workshop is locked. Notes can no longer be added or changed.".into()
            }
            (AppError::NotJoined, Lang::Sv) => "Gå med i workshoppen först.".into(),
            (AppError::NotJoined, Lang::En) => "Join the workshop first.".into(),
            (AppError::NotSignedIn, Lang::Sv) => "Logga in först.".into(),
            (AppError::NotSignedIn, Lang::En) => "Sign in first.".into(),
            (AppError::WrongCredentials, Lang::Sv) => "Fel e-postadress eller lösenord.".into(),
            (AppError::WrongCredentials, Lang::En) => "Wrong e-mail address or password.".into(),
            (AppError::SetupLinkInvalid, Lang::Sv) => {
                "Länken för att skapa administratören gäller inte (redan använd eller för gammal).".into()
            }
            (AppError::SetupLinkInvalid, Lang::En) => {
                "The link for creating the administrator is not valid (already used or expired).".into()
            }
            (AppError::EmailTaken, Lang::Sv) => "Det finns redan ett konto med den e-postadressen.".into(),
            (AppError::EmailTaken, Lang::En) => "An account with that e-mail address already exists.".into(),
            (AppError::UnknownAccount, Lang::Sv) => "Inget aktivt konto har den e-postadressen.".into(),
            (AppError::UnknownAccount, Lang::En) => "No active account has that e-mail address.".into(),
            (AppError::Forbidden, Lang::Sv) => "Det får du inte göra.".into(),
            (AppError::Forbidden, Lang::En) => "You are not allowed to do that.".into(),
            (AppError::TooFewToSplit, Lang::Sv) => "Ett tema behöver minst två lappar för att delas.".into(),
            (AppError::TooFewToSplit, Lang::En) => "A theme needs at least two notes to be split.".into(),
            (AppError::NothingToUndo, Lang::Sv) => "Det finns inget att ångra.".into(),
            (AppError::NothingToUndo, Lang::En) => "There is nothing to undo.".into(),
            (AppError::OwnNote, Lang::Sv) => "Du kan inte ge +1 till din egen lapp.".into(),
            (AppError::OwnNote, Lang::En) => "You cannot +1 your own note.".into(),
            (AppError::NoDotsLeft { dots }, Lang::Sv) => {
                format!(
                    "Du har redan satt alla dina {dots} prickar. Ta tillbaka en prick för att flytta den."
                )
            }
            (AppError::NoDotsLeft { dots }, Lang::En) => {
                format!("You have already placed all your {dots} dots. Take one back to move it.")
            }
            (AppError::VoteClosed, Lang::Sv) => "Röstningen är stängd.".into(),
            (AppError::VoteClosed, Lang::En) => "The vote is closed.".into(),
            (AppError::VoteAlreadyOpen, Lang::Sv) => {
                "En röstning pågår redan. Avsluta den innan du startar en ny.".into()
            }
            (AppError::VoteAlreadyOpen, Lang::En) => {
                "A vote is already open. Close it before starting a new one.".into()
            }
            (AppError::NoThemesToVoteOn, Lang::Sv) => {
                "Det finns inga teman att rösta på. Klustra lapparna först.".into()
            }
            (AppError::NoThemesToVoteOn, Lang::En) => {
                "There are no themes to vote on. Cluster the notes first.".into()
            }
            (AppError::ArchiveFirst, Lang::Sv) => {
                "Exportera arkivet först: lapparna har ändrats sedan det senaste arkivet.".into()
            }
            (AppError::ArchiveFirst, Lang::En) => {
                "Export the archive first: the notes have changed since the last archive.".into()
            }
            (AppError::Malformed, Lang::Sv) => "Förfrågan kunde inte läsas.".into(),
            (AppError::Malformed, Lang::En) => "The request could not be read.".into(),
            (AppError::CrossSite, Lang::Sv) => {
                "Förfrågan kom från en annan webbplats och avvisades. Öppna Klustra direkt och försök igen."
                    .into()
            }
            (AppError::CrossSite, Lang::En) => {
                "The request came from another website and was refused. Open Klustra directly and try again."
                    .into()
            }
            (AppError::TooLarge { max }, Lang::Sv) => {
                format!("Förfrågan är för stor. Servern tar emot högst {} kB.", max / 1024)
            }
            (AppError::TooLarge { max }, Lang::En) => {
                format!("The request is too large. The server accepts at most {} KB.", max / 1024)
            }
            (AppError::TooManyRequests { retry_after }, Lang::Sv) => {
                format!("För många förfrågningar på kort tid. Vänta {retry_after} s och försök igen.")
            }
            (AppError::TooManyRequests { retry_after }, Lang::En) => {
                format!("Too many requests in a short time. Wait {retry_after} s and try again.")
            }
            (AppError::Internal, Lang::Sv) => "Något gick fel på servern. Försök igen om en stund.".into(),
            (AppError::Internal, Lang::En) => {
                "Something went wrong on the server. Try again in a moment.".into()
            }
        }
    }
}

/// The JSON shape of an error on the wire.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ErrorBody {
    error: String,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<usize>,
    /// Seconds to wait before trying again (also in the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_after: Option<u32>,
}

impl AppError {
    /// The error's JSON body with its message in `lang`, for answers the server writes itself
    /// (raw routes and refusals before a server function); the same shape as the server
    /// functions' errors, whose message is English.
    pub fn to_json(&self, lang: Lang) -> String {
        let body = ErrorBody { message: self.message(lang), ..ErrorBody::from(self.clone()) };
        serde_json::to_string(&body).unwrap_or_default()
    }
}

impl From<AppError> for ErrorBody {
    fn from(err: AppError) -> Self {
        let (field, max) = match &err {
            AppError::TooLong { field, max } | AppError::TooMany { field, max } => (Some(*field), Some(*max)),
            AppError::NoDotsLeft { dots } => (None, Some(*dots as usize)),
            AppError::TooLarge { max } => (None, Some(*max)),
            AppError::Required { field } | AppError::Invalid { field } | AppError::TooShort { field, .. } => {
                (Some(*field), None)
            }
            _ => (None, None),
        };
        let retry_after = match &err {
            AppError::TooManyRequests { retry_after } => Some(*retry_after),
            _ => None,
        };
        let min = match &err {
            AppError::TooShort { min, .. } => Some(*min),
            _ => None,
        };
        ErrorBody {
            error: err.code().to_string(),
            message: err.message(Lang::En),
            field,
            max,
            min,
            retry_after,
        }
    }
}

impl From<ErrorBody> for AppError {
    fn from(body: ErrorBody) -> Self {
        let field = body.field.unwrap_or(Field::Note);
        match body.error.as_str() {
            "note_empty" => AppError::NoteEmpty,
            "too_long" => AppError::TooLong { field, max: body.max.unwrap_or(0) },
            "too_many" => AppError::TooMany { field, max: body.max.unwrap_or(0) },
            "too_short" => AppError::TooShort { field, min: body.min.unwrap_or(0) },
            "required" => AppError::Required { field },
            "invalid" => AppError::Invalid { field },
            "unknown_code" => AppError::UnknownCode,
            "not_found" => AppError::NotFound,
            "workshop_locked" => AppError::WorkshopLocked,
            "not_joined" => AppError::NotJoined,
            "not_signed_in" => AppError::NotSignedIn,
            "wrong_credentials" => AppError::WrongCredentials,
            "setup_link_invalid" => AppError::SetupLinkInvalid,
            "email_taken" => AppError::EmailTaken,
            "unknown_account" => AppError::UnknownAccount,
            "forbidden" => AppError::Forbidden,
            "nothing_to_undo" => AppError::NothingToUndo,
            "too_few_to_split" => AppError::TooFewToSplit,
            "own_note" => AppError::OwnNote,
            "no_dots_left" => AppError::NoDotsLeft { dots: body.max.unwrap_or(0) as u32 },
            "vote_closed" => AppError::VoteClosed,
            "vote_already_open" => AppError::VoteAlreadyOpen,
            "no_themes_to_vote_on" => AppError::NoThemesToVoteOn,
            "archive_first" => AppError::ArchiveFirst,
            "malformed_request" => AppError::Malformed,
            "cross_site" => AppError::CrossSite,
            "too_large" => AppError::TooLarge { max: body.max.unwrap_or(0) },
            "too_many_requests" => AppError::TooManyRequests { retry_after: body.retry_after.unwrap_or(1) },
            _ => AppError::Internal,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(_) | E::Deserialization(_) | E::MissingArg(_) | E::UnsupportedRequestMethod(_) => {
                AppError::Malformed
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_round_trip_through_json_with_code_and_message() {
        let err = AppError::TooLong { field: Field::Note, max: 500 };
        let json = serde_json_like(&err);
        assert!(json.contains("\"error\":\"too_long\""), "{json}");
        assert!(json.contains("at most 500"), "{json}");
        let back: AppError = serde_json_from(&json);
        assert_eq!(back, err);
    }

    #[test]
    fn vote_errors_keep_their_detail_over_the_wire() {
        for err in [AppError::NoDotsLeft { dots: 5 }, AppError::OwnNote, AppError::VoteClosed] {
            assert_eq!(serde_json_from(&serde_json_like(&err)), err);
        }
        assert!(AppError::NoDotsLeft { dots: 5 }.message(Lang::Sv).contains("alla dina 5 prickar"));
        assert_eq!(AppError::NoDotsLeft { dots: 5 }.status(), 409);
    }

    #[test]
    fn protection_errors_keep_their_status_and_detail_over_the_wire() {
        let limited = AppError::TooManyRequests { retry_after: 3 };
        assert!(serde_json_like(&limited).contains("\"retry_after\":3"));
        for (err, status) in
            [(AppError::CrossSite, 403), (AppError::TooLarge { max: 65536 }, 413), (limited, 429)]
        {
            assert_eq!(err.status(), status);
            assert_eq!(serde_json_from(&serde_json_like(&err)), err);
            assert_ne!(err.message(Lang::Sv), err.message(Lang::En));
        }
        assert!(AppError::TooLarge { max: 65536 }.message(Lang::Sv).contains("64 kB"));
        assert!(AppError::TooManyRequests { retry_after: 3 }.message(Lang::En).contains("Wait 3 s"));
    }

    #[test]
    fn account_errors_keep_their_status_and_detail_over_the_wire() {
        let short = AppError::TooShort { field: Field::Password, min: 12 };
        for (err, status) in [
            (AppError::NotSignedIn, 401),
            (AppError::WrongCredentials, 401),
            (AppError::SetupLinkInvalid, 404),
            (AppError::EmailTaken, 409),
            (AppError::UnknownAccount, 404),
            (short.clone(), 400),
        ] {
            assert_eq!(err.status(), status, "{err:?}");
            assert_eq!(serde_json_from(&serde_json_like(&err)), err);
            assert_ne!(err.message(Lang::Sv), err.message(Lang::En));
        }
        assert!(short.message(Lang::Sv).contains("minst 12 tecken"));
    }

    #[test]
    fn the_json_body_speaks_the_callers_language_and_reads_back_as_the_same_error() {
        let err = AppError::TooLong { field: Field::Title, max: 200 };
        let swedish = err.to_json(Lang::Sv);
        assert!(swedish.contains("Titeln får vara högst 200 tecken."), "{swedish}");
        assert!(swedish.contains("\"error\":\"too_long\""), "{swedish}");
        assert_eq!(serde_json_from(&swedish), err);
        assert!(err.to_json(Lang::En).contains("The title can be at most 200 characters."));
    }

    #[test]
    fn statuses_follow_the_kind_of_error() {
        assert_eq!(AppError::NoteEmpty.status(), 400);
        assert_eq!(AppError::UnknownCode.status(), 404);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::WorkshopLocked.status(), 409);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn every_error_has_a_swedish_and_english_message() {
        for err in [AppError::NoteEmpty, AppError::UnknownCode, AppError::WorkshopLocked] {
            assert_ne!(err.message(Lang::Sv), err.message(Lang::En));
        }
        assert_eq!(
            AppError::Invalid { field: Field::Date }.message(Lang::Sv),
            "Datumet ska skrivas ÅÅÅÅ-MM-DD."
        );
    }

    fn serde_json_like(err: &AppError) -> String {
        use leptos::server_fn::Encodes;
        let bytes = JsonEncoding::encode(err).expect("encodes");
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    fn serde_json_from(json: &str) -> AppError {
        use leptos::server_fn::Decodes;
        JsonEncoding::decode(json.as_bytes().to_vec().into()).expect("decodes")
    }
}
