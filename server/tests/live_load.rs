//! Load and fault test of the live board: many participants add notes over the real
//! protocol (HTTP join, WebSocket notes and events) to a real `klustra` process on
//! 127.0.0.1, which is stopped once gracefully (SIGTERM) and once with SIGKILL and restarted.
//! Afterwards every note must be stored exactly once and every client's board must equal
//! the database.
//!
//! On PostgreSQL (`KLUSTRA_TEST_POSTGRES_URL`) a second run has two instances on one
//! database, participants spread over both, and one instance killed mid-run: its
//! participants move to the other, and again nothing may be lost or duplicated.
//!
//! A further test holds `KLUSTRA_LOAD_SOCKETS` boards open and measures the server's memory,
//! and another runs the same clients against the fan-out floor (`src/bin/fanout_floor.rs`:
//! one broadcast channel, a durable insert per note, nothing else), so Klustra's figures can
//! be read against what the machine allows.
//!
//! Participants start writing once every one of them has joined and opened its board, so
//! the latencies are the board's; the time the room took to join is reported apart.
//! `KLUSTRA_LOAD_START=as_joined` lets each write as soon as it has joined instead (the
//! first notes then wait for the last boards to open).
//!
//! `KLUSTRA_LOAD_PARTICIPANTS` (default 50), `KLUSTRA_LOAD_NOTES` (default 10 each) and
//! `KLUSTRA_LOAD_PAUSE_MS` (least time between one participant's notes, default 80) set the
//! size, and `KLUSTRA_LOAD_FAULTS=off` leaves the single-instance run without its restarts; `bash scripts/bench.sh` runs it with 300 participants for BENCHMARKS.md.

mod common;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::model::ids::NoteId;
use app::model::live::{Change, ClientMessage, PING_INTERVAL_SECS, ServerMessage};
use common::net::{Socket, Workshop, create_workshop, open_board, open_socket, post_form, receive};
use uuid::Uuid;

/// The whole run must finish within this, or the test fails (it never hangs CI).
const DEADLINE: Duration = Duration::from_secs(240);

/// How long after a restarted server answers its boards count as still reconnecting.
const RECONNECT_SETTLE: Duration = Duration::from_secs(1);

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A fresh `klustra` process on a free port and `data_dir`, with one round and workshop.
async fn server_with_workshop(data_dir: &Path) -> (ServerProcess, Workshop) {
    let database_url = common::database_url(data_dir).await;
    let server = ServerProcess::launch(data_dir, database_url).await;
    let workshop = create_workshop(server.addr, data_dir).await;
    (server, workshop)
}

/// Which server a load run is against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Program {
    Klustra,
    /// The fan-out floor, for comparison.
    Floor,
}

/// A server binary serving on a fixed port and data directory, restartable.
struct ServerProcess {
    program: Program,
    addr: SocketAddr,
    data_dir: std::path::PathBuf,
    /// PostgreSQL, or `None` for the SQLite file in `data_dir`.
    database_url: Option<String>,
    child: Option<Child>,
    starts: usize,
}

impl ServerProcess {
    /// Starts on a free port and waits until it answers.
    async fn launch(data_dir: &Path, database_url: Option<String>) -> Self {
        Self::launch_program(Program::Klustra, data_dir, database_url).await
    }

    async fn launch_program(program: Program, data_dir: &Path, database_url: Option<String>) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let data_dir = data_dir.to_path_buf();
        let mut server = ServerProcess { program, addr, data_dir, database_url, child: None, starts: 0 };
        server.start();
        server.wait_until_up().await;
        server
    }

    fn start(&mut self) {
        self.starts += 1;
        let log = std::fs::File::create(self.data_dir.join(format!("server-{}.log", self.starts))).unwrap();
        let mut command = match self.program {
            Program::Klustra => {
                let mut command = Command::new(env!("CARGO_BIN_EXE_klustra"));
                if let Some(url) = &self.database_url {
                    command.args(["--database-url", url]);
                }
                command.args(["--bind", &self.addr.to_string(), "--data-dir"]).arg(&self.data_dir);
                command.args(["--demo", "false"]);
                command
            }
            Program::Floor => {
                let mut command = Command::new(env!("CARGO_BIN_EXE_fanout_floor"));
                command.arg(self.addr.to_string()).arg(&self.data_dir);
                command
            }
        };
        let child = command
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("klustra starts");
        self.child = Some(child);
    }

    async fn wait_until_up(&self) {
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(self.addr).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the server did not come up");
    }

    /// Stops with SIGTERM (graceful) or SIGKILL and waits for the process to end.
    async fn stop(&mut self, graceful: bool) {
        let Some(mut child) = self.child.take() else { return };
        if graceful {
            Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        } else {
            child.kill().unwrap();
        }
        for _ in 0..400 {
            if child.try_wait().unwrap().is_some() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        child.kill().ok();
        panic!("the server did not stop");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What the run shares between participants.
struct Shared {
    first_sent: Mutex<HashMap<NoteId, Instant>>,
    acked: AtomicUsize,
    refused: AtomicUsize,
    total: usize,
    /// The least time between two notes of one participant.
    pause_ms: u64,
    /// Passed once every participant has joined and opened its board: nobody writes
    /// before, so the latencies are the board's, not the time a room takes to join.
    everyone_in: tokio::sync::Barrier,
    /// When the barrier was passed.
    writing_from: Mutex<Option<Instant>>,
    /// Every welcome a participant got (by its index), to time reconnects after restarts.
    welcomes: Mutex<Vec<(usize, Instant)>>,
}

/// What one participant ends up with.
struct Outcome {
    /// Every note id it saw on its board, with when it first did.
    seen: HashMap<NoteId, Instant>,
    /// Its own notes, and those the server acknowledged.
    mine: Vec<NoteId>,
    acked: HashSet<NoteId>,
    /// Whether it stopped at [`DEADLINE`] with notes unacknowledged or unseen.
    gave_up: bool,
    /// What happened to its connection, for the report of a failed run.
    trace: Trace,
}

/// A participant's connection history: seconds since it started, and what happened.
struct Trace {
    started: Instant,
    lines: Vec<(f64, String)>,
}

impl Trace {
    fn add(&mut self, what: String) {
        self.lines.push((self.started.elapsed().as_secs_f64(), what));
    }
}

/// The wait before reconnecting after `failures` attempts in a row: the browser's schedule
/// (`app::ui::live_board::reconnect_wait_ms`), with a fixed spread per participant instead
/// of the browser's random one, so runs compare.
fn backoff(index: usize, failures: u32) -> Duration {
    let spread = ((index * 7919 + failures as usize * 104_729) % 1000) as f64 / 1000.0;
    Duration::from_secs_f64(app::ui::live_board::reconnect_wait_ms(failures, spread) / 1000.0)
}

/// One participant writing `notes` notes through the instances at `addrs`: it starts on
/// its own (by `index`) and moves to the next whenever a connection fails, like a load
/// balancer sending it elsewhere.
///
/// It keeps its socket as the browser does (`app/src/live_board.rs`): it waits for the
/// server however long a catch-up takes, pings every [`PING_INTERVAL_SECS`], reconnects
/// only when the socket closes, with the browser's backoff, and sends every note written
/// but not acknowledged again after each welcome.
async fn participant(
    addrs: Arc<Vec<SocketAddr>>,
    workshop_id: String,
    code: String,
    index: usize,
    notes: usize,
    shared: Arc<Shared>,
) -> Outcome {
    let started = Instant::now();
    let deadline = tokio::time::Instant::now() + DEADLINE;
    let mut attempt = index;
    let mut addr = addrs[attempt % addrs.len()];
    let cookie = loop {
        let form = [("code", code.as_str()), ("display_name", "Deltagare"), ("organisation", "")];
        if let Ok(reply) = post_form(addr, "/api/join_workshop", &form, None).await
            && let Some(cookie) = reply.set_cookie
        {
            break cookie;
        }
        attempt += 1;
        addr = addrs[attempt % addrs.len()];
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mine: Vec<(NoteId, String)> =
        (0..notes).map(|n| (NoteId::random(), format!("deltagare {index} lapp {n}"))).collect();
    let mut sent = 0;
    let mut acked: HashSet<NoteId> = HashSet::new();
    let mut seen: HashMap<NoteId, Instant> = HashMap::new();
    let mut last_seq = 0;
    let mut board_opened = false;
    let mut trace = Trace { started, lines: Vec::new() };
    // Attempts since the last welcome: the next reconnect waits the longer.
    let mut failures = 0;
    // A fixed, per-participant rhythm (no randomness) so runs compare.
    let pause = Duration::from_millis(shared.pause_ms + (index as u64 * 37) % 200);
    let ping_every = Duration::from_secs(PING_INTERVAL_SECS);
    let mut gave_up = false;
    while acked.len() < notes || seen.len() < shared.total {
        if tokio::time::Instant::now() >= deadline {
            gave_up = true;
            break;
        }
        let opened =
            tokio::time::timeout_at(deadline, open_socket(addr, &workshop_id, Some(&cookie), None)).await;
        let mut socket = match opened {
            Ok(Ok(socket)) => socket,
            Ok(Err(err)) => {
                trace.add(format!("connecting failed: {err}"));
                attempt += 1;
                addr = addrs[attempt % addrs.len()];
                tokio::time::sleep_until(
                    (tokio::time::Instant::now() + backoff(index, failures)).min(deadline),
                )
                .await;
                failures += 1;
                continue;
            }
            Err(_) => continue,
        };
        trace.add(format!(
            "connected; hello from {last_seq}, {} seen, {} acknowledged",
            seen.len(),
            acked.len()
        ));
        if try_send(&mut socket, &ClientMessage::Hello { last_seq }).await.is_ok() && !board_opened {
            board_opened = true;
            // Bounded: a participant that never gets in fails the run, it does not hang it.
            if let Ok(passed) = tokio::time::timeout(DEADLINE, shared.everyone_in.wait()).await
                && passed.is_leader()
            {
                *shared.writing_from.lock().unwrap() = Some(Instant::now());
            }
        }
        let mut next_send = tokio::time::Instant::now() + pause;
        let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + ping_every, ping_every);
        loop {
            if acked.len() == notes && seen.len() >= shared.total {
                break;
            }
            // No timeout but the run's: a catch-up may take long on a loaded server, and the
            // browser waits for it too (leaving would throw it away).
            let remaining = deadline.saturating_duration_since(tokio::time::Instant::now());
            tokio::select! {
                message = receive(&mut socket, remaining) => match message {
                    Some(ServerMessage::Welcome { status }) => {
                        trace.add(format!("welcome at {}", status.last_seq));
                        shared.welcomes.lock().unwrap().push((index, Instant::now()));
                        failures = 0;
                        // The outbox goes again: the server stores each note at most once.
                        let unacked = mine.iter().take(sent).filter(|(id, _)| !acked.contains(id));
                        for (id, text) in unacked {
                            if try_send(&mut socket, &ClientMessage::AddNote { id: *id, text: text.clone() }).await.is_err() {
                                break;
                            }
                        }
                    }
                    Some(ServerMessage::Ack { note_id, .. }) => {
                        if acked.insert(note_id) {
                            shared.acked.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    Some(ServerMessage::Event(event)) => {
                        last_seq = last_seq.max(event.seq);
                        if let Change::NoteAdded { note } = event.change {
                            seen.entry(note.id).or_insert_with(Instant::now);
                        }
                    }
                    Some(ServerMessage::Snapshot { snapshot }) => {
                        trace.add(format!("snapshot at {}, {} notes", snapshot.last_seq, snapshot.notes.len()));
                        last_seq = last_seq.max(snapshot.last_seq);
                        for note in snapshot.notes {
                            seen.entry(note.id).or_insert_with(Instant::now);
                        }
                    }
                    Some(ServerMessage::Pong) => {}
                    // A server failure is retried like the browser does, after reconnecting.
                    Some(ServerMessage::Nack { error: app::error::AppError::Internal, .. }) => break,
                    Some(ServerMessage::Nack { note_id, error }) => {
                        // Counted as acknowledged so the run ends; reported and failed below.
                        eprintln!("note {note_id} refused: {error:?}");
                        shared.refused.fetch_add(1, Ordering::SeqCst);
                        if acked.insert(note_id) {
                            shared.acked.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    Some(ServerMessage::Bye { reason }) => {
                        trace.add(format!("goodbye: {reason}"));
                        break;
                    }
                    None => {
                        trace.add(format!("closed; {} seen, {} acknowledged", seen.len(), acked.len()));
                        break;
                    }
                },
                () = tokio::time::sleep_until(next_send), if sent < notes => {
                    let (id, text) = &mine[sent];
                    shared.first_sent.lock().unwrap().insert(*id, Instant::now());
                    sent += 1;
                    if try_send(&mut socket, &ClientMessage::AddNote { id: *id, text: text.clone() }).await.is_err() {
                        break;
                    }
                    next_send = tokio::time::Instant::now() + pause;
                }
                _ = ping.tick() => {
                    if try_send(&mut socket, &ClientMessage::Ping).await.is_err() {
                        break;
                    }
                }
            }
        }
        if acked.len() < notes || seen.len() < shared.total {
            tokio::time::sleep_until((tokio::time::Instant::now() + backoff(index, failures)).min(deadline))
                .await;
            failures += 1;
        }
    }
    trace.add(format!("done: {} seen, {} acknowledged", seen.len(), acked.len()));
    let mine = mine.into_iter().map(|(id, _)| id).collect();
    Outcome { seen, mine, acked, gave_up, trace }
}

async fn try_send(socket: &mut Socket, message: &ClientMessage) -> Result<(), ()> {
    use futures_util::SinkExt;
    let json = serde_json::to_string(message).unwrap();
    socket.send(tokio_tungstenite::tungstenite::Message::Text(json.into())).await.map_err(|_| ())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Every stored note's id and text, read straight from the database.
async fn stored_notes(data_dir: &Path, database_url: Option<String>) -> Vec<(String, String)> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let url =
        database_url.unwrap_or_else(|| format!("sqlite://{}?mode=ro", data_dir.join("klustra.db").display()));
    let mut db = sqlx::AnyConnection::connect(&url).await.unwrap();
    sqlx::query_as("SELECT id, text FROM notes").fetch_all(&mut db).await.unwrap()
}

/// What happens to a server during a load run.
#[derive(Clone, Copy, Debug)]
enum Fault {
    /// SIGTERM, then started again.
    Restart,
    /// SIGKILL, then started again.
    KillAndRestart,
    /// SIGKILL, for good: its participants move to the other instances.
    Kill,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_survive_a_graceful_stop_and_a_kill_under_load() {
    let dir = tempfile::tempdir().unwrap();
    let (server, workshop) = server_with_workshop(dir.path()).await;
    // A graceful restart after a third of the notes, a kill after two thirds; none with
    // `KLUSTRA_LOAD_FAULTS=off`, for the steady state alone (as the fan-out floor runs).
    if std::env::var("KLUSTRA_LOAD_FAULTS").as_deref() == Ok("off") {
        load_and_fault(vec![server], &workshop, &[], "no faults").await;
    } else {
        let faults = [(1, 0, Fault::Restart), (2, 0, Fault::KillAndRestart)];
        load_and_fault(vec![server], &workshop, &faults, "one SIGTERM restart and one SIGKILL restart").await;
    }
}

/// The same clients and load against the fan-out floor, without faults: the figures
/// BENCHMARKS.md sets Klustra's against.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fan_out_floor_under_the_same_load() {
    let dir = tempfile::tempdir().unwrap();
    let floor = ServerProcess::launch_program(Program::Floor, dir.path(), None).await;
    // The floor has one board and takes any workshop id and code.
    let workshop =
        Workshop { id: Uuid::new_v4().to_string(), code: "FLOOR".into(), facilitator: String::new() };
    load_and_fault(vec![floor], &workshop, &[], "the fan-out floor, no faults").await;
}

/// Two instances on one PostgreSQL: participants spread over both, one instance is killed
/// after a third of the notes and its participants reconnect to the other. Every note a
/// participant writes through either must reach every board, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: KLUSTRA_TEST_POSTGRES_URL and --include-ignored (scripts/test.sh)"]
async fn two_instances_on_postgres_lose_and_duplicate_nothing_when_one_is_killed() {
    common::require_postgres();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let database_url = common::database_url(dir_a.path()).await;
    let a = ServerProcess::launch(dir_a.path(), database_url.clone()).await;
    let b = ServerProcess::launch(dir_b.path(), database_url).await;
    let workshop = create_workshop(a.addr, dir_a.path()).await;
    let faults = [(1, 0, Fault::Kill)];
    load_and_fault(vec![a, b], &workshop, &faults, "two instances on PostgreSQL, the first killed").await;
}

/// Runs `KLUSTRA_LOAD_PARTICIPANTS` participants against `servers` while `faults` strike
/// (after that many thirds of the notes are acknowledged, on that server), then checks that
/// every note is stored exactly once and every board equals the database.
async fn load_and_fault(
    mut servers: Vec<ServerProcess>,
    workshop: &Workshop,
    faults: &[(usize, usize, Fault)],
    description: &str,
) {
    let participants = env_number("KLUSTRA_LOAD_PARTICIPANTS", 50);
    let notes = env_number("KLUSTRA_LOAD_NOTES", 10);
    let pause_ms = env_number("KLUSTRA_LOAD_PAUSE_MS", 80) as u64;
    let addrs = Arc::new(servers.iter().map(|server| server.addr).collect::<Vec<_>>());

    let total = participants * notes;
    let shared = Arc::new(Shared {
        first_sent: Mutex::new(HashMap::new()),
        acked: AtomicUsize::new(0),
        refused: AtomicUsize::new(0),
        total,
        pause_ms,
        everyone_in: tokio::sync::Barrier::new(
            if std::env::var("KLUSTRA_LOAD_START").as_deref() == Ok("as_joined") { 1 } else { participants },
        ),
        writing_from: Mutex::new(None),
        welcomes: Mutex::new(Vec::new()),
    });
    let clients: Vec<_> = (0..participants)
        .map(|i| {
            let (id, code) = (workshop.id.clone(), workshop.code.clone());
            tokio::spawn(participant(addrs.clone(), id, code, i, notes, shared.clone()))
        })
        .collect();

    let started = Instant::now();
    // From each fault until its server is back (or, for a kill, until its clients could
    // have moved), plus the time boards take to reconnect: notes in flight then wait for
    // the outage, and are reported apart from the steady state.
    let mut outages: Vec<(Instant, Instant)> = Vec::new();
    // For each restart: when it began and when the server listened again.
    let mut restarts: Vec<(Fault, Instant, Instant)> = Vec::new();
    for &(thirds, server, fault) in faults {
        let threshold = thirds * total / 3;
        while shared.acked.load(Ordering::SeqCst) < threshold && started.elapsed() < DEADLINE {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let outage_from = Instant::now();
        let server = &mut servers[server];
        server.stop(matches!(fault, Fault::Restart)).await;
        if !matches!(fault, Fault::Kill) {
            tokio::time::sleep(Duration::from_millis(300)).await;
            server.start();
            server.wait_until_up().await;
            restarts.push((fault, outage_from, Instant::now()));
        }
        outages.push((outage_from, Instant::now() + RECONNECT_SETTLE));
    }

    let mut outcomes = Vec::new();
    for client in clients {
        outcomes.push(client.await.expect("participant task"));
    }
    let elapsed = started.elapsed();
    for server in &mut servers {
        server.stop(true).await;
    }

    let stored = stored_notes(&servers[0].data_dir, servers[0].database_url.clone()).await;
    let stored_ids: HashSet<NoteId> = stored.iter().map(|(id, _)| id.parse().unwrap()).collect();
    let mut texts: HashMap<&str, usize> = HashMap::new();
    for (_, text) in &stored {
        *texts.entry(text.as_str()).or_default() += 1;
    }
    let sent = shared.first_sent.lock().unwrap().clone();
    let lost = sent.keys().filter(|id| !stored_ids.contains(id)).count();
    let duplicated: usize = texts.values().map(|n| n - 1).sum();
    let equal_views =
        outcomes.iter().filter(|o| o.seen.keys().copied().collect::<HashSet<_>>() == stored_ids).count();
    // (milliseconds, whether an outage overlapped the note's way to every board)
    let timed: Vec<(f64, bool)> = sent
        .iter()
        .filter_map(|(id, at)| {
            let last = outcomes.iter().map(|o| o.seen.get(id).copied()).collect::<Option<Vec<_>>>()?;
            let seen_by_all = last.into_iter().max()?;
            let in_outage = outages.iter().any(|(from, to)| *at < *to && seen_by_all > *from);
            Some((seen_by_all.duration_since(*at).as_secs_f64() * 1000.0, in_outage))
        })
        .collect();
    let sorted = |keep: &dyn Fn(bool) -> bool| {
        let mut ms: Vec<f64> = timed.iter().filter(|(_, outage)| keep(*outage)).map(|(ms, _)| *ms).collect();
        ms.sort_by(f64::total_cmp);
        ms
    };
    let latencies = sorted(&|_| true);
    let steady = sorted(&|outage| !outage);
    let during_outages = sorted(&|outage| outage);

    println!(
        "load-and-fault: {participants} participants × {notes} notes, a note every {pause_ms}–{} ms each, \
         {description}",
        pause_ms + 199
    );
    if let Some(writing_from) = *shared.writing_from.lock().unwrap() {
        println!(
            "every board joined and open after {:.1} s",
            writing_from.duration_since(started).as_secs_f64()
        );
    }
    println!("notes sent: {}, stored: {}, lost: {lost}, duplicated: {duplicated}", sent.len(), stored.len());
    println!("clients whose board equals the database: {equal_views}/{participants}");
    println!(
        "send to seen-by-all: p50 {:.1} ms, p99 {:.1} ms (outages included); whole run {:.1} s",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        elapsed.as_secs_f64()
    );
    println!(
        "steady state ({} notes): p50 {:.1} ms, p99 {:.1} ms; during outages ({} notes): p50 {:.1} ms, p99 {:.1} ms",
        steady.len(),
        percentile(&steady, 0.5),
        percentile(&steady, 0.99),
        during_outages.len(),
        percentile(&during_outages, 0.5),
        percentile(&during_outages, 0.99),
    );
    let welcomes = shared.welcomes.lock().unwrap().clone();
    for (fault, from, up) in &restarts {
        let mut back = reconnect_times(&welcomes, participants, *from, *up);
        back.sort_by(f64::total_cmp);
        println!(
            "{fault:?}: server down for {:.0} ms; boards back after it listened again: p50 {:.0} ms, \
             p99 {:.0} ms, all {:.0} ms ({} of {participants} boards)",
            up.duration_since(*from).as_secs_f64() * 1000.0,
            percentile(&back, 0.5),
            percentile(&back, 0.99),
            back.last().copied().unwrap_or(f64::NAN),
            back.len(),
        );
    }
    let last_sent = sent.values().max().copied();
    let last_seen = outcomes.iter().filter_map(|o| o.seen.values().max().copied()).max();
    if let (Some(sent), Some(seen)) = (last_sent, last_seen) {
        let drained = seen.saturating_duration_since(sent).as_millis();
        println!("drained: every board had every note {drained} ms after the last was sent");
    }

    for (index, server) in servers.iter().enumerate() {
        for start in 1..=server.starts {
            let log = std::fs::read_to_string(server.data_dir.join(format!("server-{start}.log")))
                .unwrap_or_default();
            let warnings: Vec<&str> =
                log.lines().filter(|l| l.contains("ERROR") || l.contains("WARN")).collect();
            for line in warnings.iter().take(5) {
                println!("server {index} start {start}: {line}");
            }
            // How often each kind was logged, the timestamp left out.
            let mut kinds: HashMap<&str, usize> = HashMap::new();
            for line in &warnings {
                *kinds
                    .entry(line.split_once(' ').map_or(line, |(_, rest)| rest.trim_start()))
                    .or_default() += 1;
            }
            for (kind, count) in kinds.iter().filter(|(_, count)| **count > 1) {
                println!("server {index} start {start}: {count} × {kind}");
            }
        }
    }
    if lost > 0 || outcomes.iter().any(|o| o.gave_up) {
        explain_losses(&outcomes, &sent, &stored_ids);
    }
    assert_eq!(shared.refused.load(Ordering::SeqCst), 0, "no note refused");
    assert_eq!(sent.len(), total, "every note was sent");
    assert_eq!(lost, 0, "no note lost");
    assert_eq!(duplicated, 0, "no note stored twice");
    assert_eq!(stored.len(), total);
    assert_eq!(equal_views, participants, "every board equals the database");
}

/// For each participant, the milliseconds from `up` (the restarted server listening) to its
/// first welcome after the restart began at `from`: when its board was live again.
fn reconnect_times(
    welcomes: &[(usize, Instant)],
    participants: usize,
    from: Instant,
    up: Instant,
) -> Vec<f64> {
    (0..participants)
        .filter_map(|index| {
            let back =
                welcomes.iter().filter(|(who, at)| *who == index && *at > from).map(|(_, at)| *at).min()?;
            Some(back.saturating_duration_since(up).as_secs_f64() * 1000.0)
        })
        .collect()
}

/// Says where lost notes and unequal boards come from: acknowledged notes missing from the
/// database (a durability bug), notes never acknowledged because their writer gave up, or
/// stored notes that never reached some boards.
fn explain_losses(outcomes: &[Outcome], sent: &HashMap<NoteId, Instant>, stored: &HashSet<NoteId>) {
    let lost: HashSet<NoteId> = sent.keys().filter(|id| !stored.contains(id)).copied().collect();
    let acked_lost = outcomes.iter().flat_map(|o| o.acked.iter()).filter(|id| lost.contains(id)).count();
    let gave_up: Vec<&Outcome> = outcomes.iter().filter(|o| o.gave_up).collect();
    let lost_of_quitters = gave_up.iter().flat_map(|o| o.mine.iter()).filter(|id| lost.contains(id)).count();
    println!(
        "lost notes: {} (acknowledged, then missing from the database: {acked_lost}; of participants who gave up at the deadline: {lost_of_quitters})",
        lost.len()
    );
    let unseen: usize =
        outcomes.iter().map(|o| stored.iter().filter(|id| !o.seen.contains_key(id)).count()).sum();
    println!("stored notes missing from boards: {unseen} (summed over boards)");
    println!("participants who gave up at the deadline: {}", gave_up.len());
    if let Some(o) = gave_up.first() {
        let mine_acked = o.mine.iter().filter(|id| o.acked.contains(id)).count();
        println!(
            "the first of them: {mine_acked}/{} own notes acknowledged, {}/{} seen; its connection:",
            o.mine.len(),
            o.seen.len(),
            stored.len()
        );
        for (at, what) in &o.trace.lines {
            println!("  {at:7.2} s {what}");
        }
    }
}

/// The server's resident memory, in KB, from `/proc`.
fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS in /proc status");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Many open boards (`KLUSTRA_LOAD_SOCKETS`, default 200; `scripts/bench.sh` opens 1,000):
/// each socket is welcomed, the server's memory stays small per socket, and a note then
/// reaches every one of them.
#[tokio::test]
async fn many_open_sockets_cost_little_memory_and_all_see_a_note() {
    use futures_util::StreamExt;
    let count = env_number("KLUSTRA_LOAD_SOCKETS", 200);
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::launch(dir.path(), common::database_url(dir.path()).await).await;
    let (addr, pid) = (server.addr, server.child.as_ref().unwrap().id());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let idle = resident_kb(pid);
    // The facilitator's sign-in checks a password (Argon2, about 19 MB), which the
    // allocator may keep: measured apart from the sockets.
    let Workshop { id: workshop_id, code, .. } = create_workshop(addr, dir.path()).await;
    // A participant per board: one device holds at most ten sockets at once. They all join
    // from this one address, whose budget (300 at once, then 30 a second) paces a thousand.
    let mut viewers = Vec::with_capacity(count);
    while viewers.len() < count {
        let form = [("code", code.as_str()), ("display_name", ""), ("organisation", "")];
        let joined = post_form(addr, "/api/join_workshop", &form, None).await.unwrap();
        match joined.status {
            200 => viewers.push(joined.set_cookie.unwrap()),
            429 => tokio::time::sleep(Duration::from_millis(200)).await,
            other => panic!("joining answered {other}: {:?}", joined.json),
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = resident_kb(pid);

    let opened: Vec<Socket> = futures_util::stream::iter(viewers)
        .map(|viewer| {
            let workshop_id = workshop_id.clone();
            async move { open_board(addr, &workshop_id, &viewer, Duration::from_secs(20)).await }
        })
        .buffer_unordered(50)
        .collect()
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let with_sockets = resident_kb(pid);

    let joined = post_form(
        addr,
        "/api/join_workshop",
        &[("code", &code), ("display_name", ""), ("organisation", "")],
        None,
    )
    .await
    .unwrap();
    let participant = joined.set_cookie.unwrap();
    let note_id = Uuid::new_v4().to_string();
    let note = [("workshop_id", workshop_id.as_str()), ("note_id", &note_id), ("text", "till alla")];
    post_form(addr, "/api/add_note", &note, Some(&participant)).await.unwrap();
    let reached: usize = futures_util::stream::iter(opened)
        .map(|mut socket| async move {
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                match receive(&mut socket, Duration::from_secs(20)).await {
                    Some(ServerMessage::Event(event)) if matches!(event.change, Change::NoteAdded { .. }) => {
                        return 1;
                    }
                    Some(_) => continue,
                    None => return 0,
                }
            }
            0
        })
        .buffer_unordered(100)
        .fold(0, |sum, n| async move { sum + n })
        .await;

    let per_socket_kb = with_sockets.saturating_sub(before) as f64 / count as f64;
    println!(
        "open sockets: {count}, server memory: {:.1} MB idle, {:.1} MB after a sign-in, {:.1} MB with the sockets ({per_socket_kb:.1} KB per socket); note seen on {reached}/{count}",
        idle as f64 / 1024.0,
        before as f64 / 1024.0,
        with_sockets as f64 / 1024.0
    );
    assert_eq!(reached, count, "every open board saw the note");
    assert!(per_socket_kb < 80.0, "{per_socket_kb:.1} KB per socket");
}
