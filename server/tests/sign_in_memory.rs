//! Memory under a burst of sign-ins: password checks take turns, so 30 at once cost about
//! what two do. Alone in its test binary, because it reads the resident memory of the
//! process the server runs in.

mod common;

use common::net::{RunningServer, post_form};

/// The resident memory of this process, in bytes.
fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux's /proc");
    let kb: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmRSS line");
    kb * 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_concurrent_sign_ins_with_unknown_addresses_keep_memory_flat() {
    let server = RunningServer::start(|_| {}).await;
    let addr = server.addr;
    // An answer means the server has started and migrated.
    post_form(addr, "/api/current_user", &[], None).await.unwrap();
    let before = resident_bytes();
    let sign_ins: Vec<_> = (0..30)
        .map(|n| {
            tokio::spawn(async move {
                let email = format!("okand-{n}@klustra.test");
                let form = [("email", email.as_str()), ("password", "ett gissat lösenord")];
                post_form(addr, "/api/sign_in", &form, None).await.unwrap().status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for sign_in in sign_ins {
        statuses.push(sign_in.await.unwrap());
    }
    let grown = resident_bytes().saturating_sub(before);
    assert!(statuses.iter().all(|status| [401, 429].contains(status)), "{statuses:?}");
    assert!(statuses.contains(&401), "some were checked: {statuses:?}");
    eprintln!("resident memory grew by {} MB over 30 concurrent sign-ins", grown / 1_000_000);
    // Less than one hash's 19 MB: none is kept once the sign-ins are over.
    assert!(grown < 19_000_000, "resident memory grew by {} MB", grown / 1_000_000);
    server.stop().await;
}
