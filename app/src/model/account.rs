//! Accounts of the people who run rounds (admins, facilitators, analysts), and the rules
//! for their input. Participants have no account: their browser's device cookie is enough.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Field};
use crate::i18n::Lang;
use crate::model::ids::AccountId;

/// Fewest characters a password may have: long passphrases beat complexity rules.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Most characters a password may have (hashing cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 256;
/// Most characters an e-mail address may have (RFC 5321's limit).
pub const EMAIL_MAX_CHARS: usize = 254;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts and may open every round.
    Admin,
    /// Creates rounds and runs their workshops.
    Facilitator,
    /// Reads the rounds shared with them: analysis and exports, no changes.
    Analyst,
}

impl Role {
    /// The stored (and form) value.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Facilitator => "facilitator",
            Role::Analyst => "analyst",
        }
    }

    /// Reads a stored or submitted value.
    pub fn parse(value: &str) -> Result<Role, AppError> {
        match value.trim() {
            "admin" => Ok(Role::Admin),
            "facilitator" => Ok(Role::Facilitator),
            "analyst" => Ok(Role::Analyst),
            _ => Err(AppError::Invalid { field: Field::Role }),
        }
    }

    /// The role's name in the interface.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.account_texts();
        match self {
            Role::Admin => t.role_admin,
            Role::Facilitator => t.role_facilitator,
            Role::Analyst => t.role_analyst,
        }
    }
}

/// The signed-in person behind a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: AccountId,
    pub email: String,
    pub role: Role,
}

impl User {
    /// Whether this person may manage accounts and open every round.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// Who a request comes from, found by the server from the session cookie before the page
/// renders (a request extension), so pages know it without waiting for anything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignedIn(pub Option<User>);

/// An account as the admin's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: Timestamp,
}

/// What a grant lets its holder do with a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantAccess {
    /// Co-facilitate: everything the owner may do except sharing.
    Facilitate,
    /// Read: the round, its analysis and exports.
    Read,
}

impl GrantAccess {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantAccess::Facilitate => "facilitate",
            GrantAccess::Read => "read",
        }
    }

    /// The access an account of `role` gets when a round is shared with it: facilitators
    /// co-facilitate, analysts read. (Admins open every round anyway.)
    pub fn for_role(role: Role) -> GrantAccess {
        match role {
            Role::Facilitator | Role::Admin => GrantAccess::Facilitate,
            Role::Analyst => GrantAccess::Read,
        }
    }
}

/// Someone a round is shared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub user_id: AccountId,
    pub email: String,
    pub access: GrantAccess,
}

/// A new account, as the admin entered it.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub role: Role,
    pub password: String,
}

/// Trims and lower-cases an e-mail address and checks its shape (something@domain).
pub fn parse_email(email: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::Required { field: Field::Email });
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(AppError::TooLong { field: Field::Email, max: EMAIL_MAX_CHARS });
    }
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    }) && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid { Ok(email) } else { Err(AppError::Invalid { field: Field::Email }) }
}

/// Checks a new password's length, and that it was typed the same way twice.
pub fn parse_new_password(password: &str, repeated: &str) -> Result<String, AppError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(AppError::TooShort { field: Field::Password, min: PASSWORD_MIN_CHARS });
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(AppError::TooLong { field: Field::Password, max: PASSWORD_MAX_CHARS });
    }
    if password != repeated {
        return Err(AppError::Invalid { field: Field::PasswordRepeat });
    }
    Ok(password.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lower_cased_and_need_a_domain() {
        assert_eq!(parse_email("  Anna.Berg@Region.SE ").unwrap(), "anna.berg@region.se");
        assert_eq!(parse_email("").unwrap_err(), AppError::Required { field: Field::Email });
        for bad in ["anna", "anna@region", "@region.se", "anna@.se", "an na@region.se"] {
            assert_eq!(parse_email(bad).unwrap_err(), AppError::Invalid { field: Field::Email }, "{bad}");
        }
    }

    #[test]
    fn new_passwords_need_twelve_characters_typed_twice_alike() {
        assert!(parse_new_password("kort lösen", "kort lösen").is_err());
        assert_eq!(
            parse_new_password("långt lösenord", "långt lösenorD").unwrap_err(),
            AppError::Invalid { field: Field::PasswordRepeat }
        );
        // Twelve characters, counted as characters and not bytes.
        assert_eq!(parse_new_password("åäöåäöåäöåäö", "åäöåäöåäöåäö").unwrap(), "åäöåäöåäöåäö");
    }
}
