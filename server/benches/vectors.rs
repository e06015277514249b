//! Sentence vectors in the running server: how fast the worker back-fills a round of notes
//! stored before the model was installed, how long a note's acknowledgement takes while it
//! does, how long reading the round's stored vectors takes (what a clustering run does first),
//! and a similar-note hint (the draft embedded on the spot).
//!
//! Run with `cargo bench -p server --bench vectors`; it needs the model file
//! (`models/e5-small-q4.bin`, which the set-up commands install). On SQLite, or on PostgreSQL
//! when `KLUSTRA_BENCH_DATABASE_URL` names one.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use app::api::ports::{Device, Services};
use app::model::account::{NewAccount, Role, User};
use app::model::ids::NoteId;
use app::model::{NewRound, NewWorkshop, ParticipantProfile};
use server::Config;
use server::store::ReportSource;
use uuid::Uuid;

/// A round of the reference size.
const NOTES: usize = 800;
/// A note written every this often while the worker back-fills, at most `WRITTEN` of them.
const WRITE_EVERY: Duration = Duration::from_millis(100);
const WRITTEN: usize = 100;

const SUBJECTS: &[&str] = &[
    "e-legitimation för medarbetare",
    "molntjänster och dataskydd",
    "arkivering av e-post",
    "journaldata mellan regioner",
    "öppna geodata",
    "digitala bygglov",
    "säkra videomöten",
    "gemensam ärendehantering",
    "AI-stöd i handläggningen",
    "informationssäkerhet i upphandling",
];
const PHRASES: &[&str] = &[
    "Vi behöver {}",
    "Det saknas {} i vår verksamhet",
    "Bättre stöd för {} vore bra",
    "Gemensamma riktlinjer för {}",
    "Hur ska vi hantera {} framöver?",
    "Kommunerna efterfrågar {}",
    "Svårt att få till {} utan nationellt stöd",
    "Behov av utbildning i {}",
];

fn device() -> Device {
    Device(format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple()))
}

fn config(dir: &std::path::Path, model: PathBuf) -> Config {
    Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.to_path_buf(),
        database_url: std::env::var("KLUSTRA_BENCH_DATABASE_URL").ok().filter(|url| !url.is_empty()),
        public_url: Some("http://klustra.bench".into()),
        allowed_origins: Vec::new(),
        socket_idle_secs: 60,
        session_check_secs: 30,
        site_root: dir.join("site"),
        embedding_model: model,
        trusted_proxy_header: None,
        password_checks: 2,
        read_timeout_secs: 10,
        keep_alive_secs: 75,
        write_timeout_secs: 30,
        max_connections: 10_000,
        max_connections_per_address: 1_000,
        demo: false,
    }
}

fn note(n: usize) -> String {
    let phrase = PHRASES[n % PHRASES.len()];
    let subject = SUBJECTS[(n / PHRASES.len()) % SUBJECTS.len()];
    format!("{} (lapp {n})", phrase.replace("{}", subject))
}

#[tokio::main]
async fn main() {
    let model = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/e5-small-q4.bin");
    assert!(model.is_file(), "{} is missing: run `source scripts/lib.sh && ensure_model`", model.display());
    let dir = tempfile::tempdir().expect("a temporary directory");

    // The notes, stored without the model.
    let without = config(dir.path(), dir.path().join("no-model.bin"));
    let state = server::build_state(&without, without.bind).await.expect("the server state builds");
    let account = NewAccount {
        email: "facilitator@klustra.bench".into(),
        role: Role::Facilitator,
        password: "mätningens lösenord".into(),
    };
    let account = state.service.add_account(account).await.expect("an account");
    let facilitator = User { id: account.id, email: account.email, role: account.role };
    let services = state.services();
    let round =
        services.workshops.create_round(&facilitator, NewRound::parse("Mätning").unwrap()).await.unwrap();
    let workshop = NewWorkshop::parse(round.id, "Mätning", "Test", "", "").unwrap();
    let workshop = services.workshops.create_workshop(&facilitator, workshop).await.unwrap();
    let code = workshop.join_code.expect("a new workshop is open");
    let writer = device();
    services.workshops.join(&writer, &code, ParticipantProfile::default()).await.unwrap();
    for n in 0..NOTES {
        services.notes.add_note(&writer, workshop.id, NoteId::random(), note(n)).await.unwrap();
    }
    state.service.store().close().await;
    drop((state, services));

    // The next start has the model: the worker back-fills while a participant writes on.
    let with = config(dir.path(), model.clone());
    let started = Instant::now();
    let state = server::build_state(&with, with.bind).await.expect("the server state builds");
    println!("start with the model (loading it included): {} ms", started.elapsed().as_millis());
    let store = state.service.store().clone();
    let services: Services = state.services();
    let model_name = model.file_name().unwrap().to_string_lossy().into_owned();
    let started = Instant::now();
    let mut acks = Vec::new();
    let mut n = NOTES;
    while !store.notes_without_vectors(&model_name).await.unwrap().is_empty() {
        if n < NOTES + WRITTEN {
            let sent = Instant::now();
            services.notes.add_note(&writer, workshop.id, NoteId::random(), note(n)).await.unwrap();
            acks.push(sent.elapsed());
            n += 1;
        }
        tokio::time::sleep(WRITE_EVERY).await;
    }
    let took = started.elapsed();
    println!(
        "back-fill: {} notes in {:.1} s ({:.1} notes/s, one thread; {} written meanwhile)",
        n,
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64(),
        n - NOTES
    );
    acks.sort();
    let at = |q: f64| acks[((acks.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    println!(
        "note stored and acknowledged while the worker back-fills: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.99),
        at(1.0)
    );

    let source = ReportSource::Round(round.id);
    let mut reads = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let vectors = store.note_vectors(source, &model_name).await.unwrap();
        reads.push(started.elapsed());
        assert_eq!(vectors.len(), n);
    }
    let best = reads.iter().min().unwrap();
    println!("reading the round's {n} stored vectors: {:.1} ms (best of 5)", best.as_secs_f64() * 1000.0);

    let mut hints = Vec::new();
    let mut found = 0;
    for draft in
        ["Vi vill lagra personuppgifter i molnet", "Inloggning för personalen", "Digitalt arkiv för mejl"]
    {
        let started = Instant::now();
        found += services.notes.similar_notes(&writer, workshop.id, draft).await.unwrap().len();
        hints.push(started.elapsed());
    }
    hints.sort();
    println!(
        "similar-note hint on a board of {n} notes (draft embedded on the spot): median {:.0} ms \
         ({found} notes suggested for 3 drafts)",
        hints[1].as_secs_f64() * 1000.0
    );
    store.close().await;
}
