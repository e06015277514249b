//! Note ingest per second, through the same service the server functions and the live
//! sockets call: validation, the idempotent insert with its sequence number, the board event,
//! and a durable commit: on a real SQLite file (WAL, `synchronous=FULL`) or, when
//! `KLUSTRA_BENCH_DATABASE_URL` names one, on PostgreSQL (which `scripts/bench.sh` starts
//! with `fsync` on, so both engines pay for durability).
//!
//! Run with `cargo bench -p server --bench ingest` (or `bash scripts/bench.sh`, which puts the
//! figures in BENCHMARKS.md): first one participant writing note after note, then
//! `PARTICIPANTS` writing at once. Each is measured `ROUNDS` times and the median printed
//! with the range: one round lasts about a second, and a neighbour's build or its disk
//! writes moves a single round by a factor of two or three.

use std::time::Instant;

use app::api::ports::Device;
use app::model::ids::NoteId;
use app::model::{NewRound, NewWorkshop, ParticipantProfile};
use server::Config;
use uuid::Uuid;

const SEQUENTIAL_NOTES: usize = 500;
const PARTICIPANTS: usize = 20;
const NOTES_EACH: usize = 100;
const ROUNDS: usize = 5;

fn device() -> Device {
    Device(format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple()))
}

/// "median notes/s (median of N rounds: least–most)" of per-round rates.
fn summary(mut rates: Vec<f64>) -> String {
    rates.sort_by(f64::total_cmp);
    let (least, median, most) = (rates[0], rates[rates.len() / 2], rates[rates.len() - 1]);
    format!("{median:.0} notes/s (median of {} rounds: {least:.0}–{most:.0})", rates.len())
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let database_url = std::env::var("KLUSTRA_BENCH_DATABASE_URL").ok().filter(|url| !url.is_empty());
    let engine = if database_url.is_some() { "PostgreSQL" } else { "SQLite" };
    let config = Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_path_buf(),
        database_url,
        public_url: Some("http://klustra.bench".into()),
        allowed_origins: Vec::new(),
        socket_idle_secs: 60,
        session_check_secs: 30,
        site_root: dir.path().join("site"),
        // With the sentence model (when installed): its worker embeds while notes arrive.
        embedding_model: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/e5-small-q4.bin"),
        trusted_proxy_header: None,
        password_checks: 2,
        read_timeout_secs: 10,
        keep_alive_secs: 75,
        write_timeout_secs: 30,
        max_connections: 10_000,
        max_connections_per_address: 1_000,
        demo: false,
    };
    let state = server::build_state(&config, config.bind).await.expect("the server state builds");
    let services = state.services();
    let account = app::model::account::NewAccount {
        email: "facilitator@klustra.bench".into(),
        role: app::model::account::Role::Facilitator,
        password: "mätningens lösenord".into(),
    };
    let account = state.service.add_account(account).await.expect("an account");
    let facilitator = app::model::account::User { id: account.id, email: account.email, role: account.role };
    let round =
        services.workshops.create_round(&facilitator, NewRound::parse("Mätning").unwrap()).await.unwrap();
    let workshop = NewWorkshop::parse(round.id, "Mätning", "Test", "", "").unwrap();
    let workshop = services.workshops.create_workshop(&facilitator, workshop).await.unwrap();
    let code = workshop.join_code.expect("a new workshop is open");

    let writer = device();
    services.workshops.join(&writer, &code, ParticipantProfile::default()).await.unwrap();
    let mut sequential = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for n in 0..SEQUENTIAL_NOTES {
            let text = format!("Lapp nummer {n} om gemensamma digitala behov");
            services.notes.add_note(&writer, workshop.id, NoteId::random(), text).await.unwrap();
        }
        sequential.push(SEQUENTIAL_NOTES as f64 / started.elapsed().as_secs_f64());
    }
    println!("ingest ({engine}, one participant, note after note): {}", summary(sequential));

    let mut writers = Vec::new();
    for _ in 0..PARTICIPANTS {
        let participant = device();
        services.workshops.join(&participant, &code, ParticipantProfile::default()).await.unwrap();
        writers.push(participant);
    }
    let mut concurrent = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let tasks: Vec<_> = writers
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, participant)| {
                let services = services.clone();
                tokio::spawn(async move {
                    for n in 0..NOTES_EACH {
                        let text = format!("Deltagare {i} lapp {n}");
                        services
                            .notes
                            .add_note(&participant, workshop.id, NoteId::random(), text)
                            .await
                            .unwrap();
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        concurrent.push((PARTICIPANTS * NOTES_EACH) as f64 / started.elapsed().as_secs_f64());
    }
    println!("ingest ({engine}, {PARTICIPANTS} participants at once): {}", summary(concurrent));
}
