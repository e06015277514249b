//! Who may see and do what: the rule for rounds and everything in them ([`authz`]), the rule
//! for which viewer sees which note and name ([`visibility`]), passwords and secrets
//! ([`password`]), and the limits and checks every request passes ([`security`]).

pub(crate) mod authz;
pub mod password;
pub mod security;
pub mod visibility;
