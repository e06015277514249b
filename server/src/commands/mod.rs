//! The command line's subcommands besides serving: `klustra admin` ([`admin`]) and
//! `klustra cluster` ([`cluster`]).

pub mod admin;
pub mod cluster;
