//! The process's open-file limit: raised at start to what the system allows, and the
//! connection caps kept below it, so that sockets can never starve the database, the model
//! and the site's files of descriptors.

/// Descriptors kept free of connections: the database pool, the model, static files, logs.
pub const RESERVED: u64 = 256;

/// Raises the soft open-file limit to the hard one; returns the soft limit now in force
/// (`None` where it cannot be read).
pub fn raise_to_hard_limit() -> Option<u64> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed by reference.
    #[allow(unsafe_code)]
    let raised = unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        let soft = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if limit.rlim_max != soft && libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
            tracing::warn!(soft, hard = limit.rlim_max, "could not raise the open-file limit");
            limit.rlim_cur = soft;
        }
        limit.rlim_cur
    };
    Some(raised)
}

/// The connections the server may hold in all: `wanted`, but never so many that fewer than
/// [`RESERVED`] descriptors stay free under `soft_limit`.
pub fn connection_cap(wanted: usize, soft_limit: Option<u64>) -> usize {
    let room = soft_limit.map_or(u64::MAX, |limit| limit.saturating_sub(RESERVED).max(16));
    wanted.min(usize::try_from(room).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_room_for_the_servers_own_files() {
        assert_eq!(connection_cap(10_000, Some(1024)), 768);
        assert_eq!(connection_cap(10_000, Some(1_048_576)), 10_000);
        assert_eq!(connection_cap(10_000, None), 10_000);
        assert_eq!(connection_cap(500, Some(100)), 16, "a tiny limit still serves someone");
    }

    #[test]
    fn raising_keeps_at_least_the_limit_there_was() {
        let raised = raise_to_hard_limit().expect("Linux reports its open-file limit");
        assert!(raised >= 256, "{raised}");
    }
}
