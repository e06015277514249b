//! Who may do what with a round: one pure rule, applied by every service method that
//! touches a round or anything in it (workshops, notes, themes, votes, reports).

use app::error::AppError;
use app::model::account::{GrantAccess, Role, User};
use app::model::ids::AccountId;

/// What decides one account's access to one round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundOwnership {
    /// The owning account, if the round has one.
    pub owner_user: Option<AccountId>,
    /// Whether a device made the round before accounts existed (admins only, then).
    pub legacy_device_owner: bool,
    /// What the round is shared with the account for, if it is.
    pub grant: Option<GrantAccess>,
}

impl RoundOwnership {
    /// A demo round: no owner of either kind, open to everyone signed in.
    pub fn is_demo(&self) -> bool {
        self.owner_user.is_none() && !self.legacy_device_owner
    }
}

/// What an account may do with one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// Not even see it.
    None,
    /// See it, its analysis and exports; change nothing.
    Read,
    /// Run it: workshops, notes, themes, votes, retention.
    Manage,
    /// Run it and decide who else may (its owner, and admins).
    Share,
}

impl Access {
    /// `Ok` when this access reaches `needed`; otherwise [`AppError::Forbidden`].
    pub fn require(self, needed: Access) -> Result<(), AppError> {
        if self >= needed { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

/// The access `user` has to a round with this ownership.
pub fn access(user: &User, round: &RoundOwnership) -> Access {
    if user.role == Role::Admin || round.owner_user == Some(user.id) {
        return Access::Share;
    }
    // A grant is checked against the role too: an analyst never writes, whatever a grant says.
    let granted = match (round.grant, user.role) {
        (Some(GrantAccess::Facilitate), Role::Facilitator) => Access::Manage,
        (Some(_), _) => Access::Read,
        (None, _) => Access::None,
    };
    let demo = match (round.is_demo(), user.role) {
        (true, Role::Analyst) => Access::Read,
        (true, _) => Access::Manage,
        (false, _) => Access::None,
    };
    granted.max(demo)
}

/// Whether `user` may change how long a round's data is kept, export its archive or purge
/// it: whoever runs it, except that a demo round, which every account may run, is only an
/// admin's to dispose of (one facilitator could otherwise wreck it for everyone).
pub fn require_disposal(user: &User, round: &RoundOwnership) -> Result<(), AppError> {
    access(user, round).require(Access::Manage)?;
    if round.is_demo() && user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> User {
        User { id: app::model::ids::AccountId::random(), email: "a@b.se".into(), role }
    }

    fn owned_by(owner: &User, grant: Option<GrantAccess>) -> RoundOwnership {
        RoundOwnership { owner_user: Some(owner.id), legacy_device_owner: false, grant }
    }

    #[test]
    fn owners_and_admins_share_others_need_a_grant() {
        let owner = user(Role::Facilitator);
        let round = owned_by(&owner, None);
        assert_eq!(access(&owner, &round), Access::Share);
        assert_eq!(access(&user(Role::Admin), &round), Access::Share);
        assert_eq!(access(&user(Role::Facilitator), &round), Access::None);
        assert_eq!(access(&user(Role::Analyst), &round), Access::None);
    }

    #[test]
    fn grants_give_co_facilitators_management_and_analysts_reading() {
        let owner = user(Role::Facilitator);
        assert_eq!(
            access(&user(Role::Facilitator), &owned_by(&owner, Some(GrantAccess::Facilitate))),
            Access::Manage
        );
        assert_eq!(access(&user(Role::Analyst), &owned_by(&owner, Some(GrantAccess::Read))), Access::Read);
        assert_eq!(
            access(&user(Role::Analyst), &owned_by(&owner, Some(GrantAccess::Facilitate))),
            Access::Read,
            "an analyst never writes"
        );
    }

    #[test]
    fn demo_rounds_are_open_to_everyone_signed_in_and_legacy_ones_to_admins() {
        let demo = RoundOwnership { owner_user: None, legacy_device_owner: false, grant: None };
        assert_eq!(access(&user(Role::Facilitator), &demo), Access::Manage);
        assert_eq!(access(&user(Role::Analyst), &demo), Access::Read);
        let legacy = RoundOwnership { legacy_device_owner: true, ..demo };
        assert_eq!(access(&user(Role::Facilitator), &legacy), Access::None);
        assert_eq!(access(&user(Role::Admin), &legacy), Access::Share);
    }

    #[test]
    fn only_admins_dispose_of_demo_rounds_and_owners_of_their_own() {
        let demo = RoundOwnership { owner_user: None, legacy_device_owner: false, grant: None };
        assert_eq!(require_disposal(&user(Role::Facilitator), &demo), Err(AppError::Forbidden));
        assert_eq!(require_disposal(&user(Role::Admin), &demo), Ok(()));
        let owner = user(Role::Facilitator);
        assert_eq!(require_disposal(&owner, &owned_by(&owner, None)), Ok(()));
        let analyst = user(Role::Analyst);
        assert_eq!(
            require_disposal(&analyst, &owned_by(&owner, Some(GrantAccess::Read))),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn require_refuses_less_than_needed() {
        assert!(Access::Read.require(Access::Read).is_ok());
        assert_eq!(Access::Read.require(Access::Manage), Err(AppError::Forbidden));
        assert_eq!(Access::None.require(Access::Read), Err(AppError::Forbidden));
    }
}
