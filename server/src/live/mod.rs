//! Live boards: the hub that fans each workshop's committed events out ([`hub`]), the
//! board socket a browser keeps open ([`socket`]), and the relay that wakes the other
//! instances on one PostgreSQL ([`relay`]).

pub mod hub;
pub(crate) mod relay;
pub(crate) mod socket;
