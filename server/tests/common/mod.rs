//! Test helpers: a Klustra app on a fresh database, driven through its real router.
//!
//! The database is a SQLite file in the test's directory, or, when
//! `KLUSTRA_TEST_POSTGRES_URL` names a PostgreSQL server (as `scripts/test.sh` sets for its
//! second pass), a database of its own on that server.

#![allow(dead_code)]

pub mod net;

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;

use server::{AppState, Config};

/// One app instance with its own temporary database file.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

/// A browser: remembers the device and session cookies the server gives it.
#[derive(Default, Clone)]
pub struct Browser {
    /// `klustra_device=…`
    pub cookie: Option<String>,
    /// `klustra_session=…`, while signed in.
    pub session: Option<String>,
}

impl Browser {
    /// The `Cookie` header this browser sends, if it has any cookie.
    pub fn cookie_header(&self) -> Option<String> {
        let cookies: Vec<&str> =
            [&self.cookie, &self.session].into_iter().flatten().map(String::as_str).collect();
        (!cookies.is_empty()).then(|| cookies.join("; "))
    }
}

/// A password every test account gets.
pub const PASSWORD: &str = "korrekt häftstift batteri";

/// A response, with the body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub json: Value,
    pub text: String,
}

impl Reply {
    /// The error code of an error reply.
    pub fn error(&self) -> &str {
        self.json["error"].as_str().unwrap_or("<no error code>")
    }
}

pub fn config(dir: &std::path::Path, demo: bool) -> Config {
    Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.to_path_buf(),
        database_url: None,
        public_url: Some("http://klustra.test".into()),
        allowed_origins: Vec::new(),
        socket_idle_secs: 60,
        session_check_secs: 30,
        site_root: dir.join("site"),
        // Loading the model and embedding every note costs a test about a second on these
        // two cores: only the tests of meaning load it ([`TestApp::with_model`]).
        embedding_model: no_model(dir),
        trusted_proxy_header: None,
        password_checks: 2,
        read_timeout_secs: 10,
        keep_alive_secs: 75,
        write_timeout_secs: 30,
        max_connections: 10_000,
        max_connections_per_address: 1_000,
        demo,
    }
}

/// The sentence model the set-up commands install (`models/e5-small-q4.bin` in the
/// repository). The tests use the real model: without it they fail, saying how to get it.
pub fn model_path() -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/e5-small-q4.bin");
    assert!(
        path.is_file(),
        "the sentence model {} is missing: install it with `source scripts/lib.sh && ensure_model` \
         (or run `bash scripts/test.sh`, which does)",
        path.display()
    );
    path
}

/// A model path where no file is, for tests of Klustra without its sentence model.
pub fn no_model(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("no-such-model.bin")
}

/// The PostgreSQL server the tests run against, if any (an administrator URL).
pub fn postgres_server() -> Option<String> {
    std::env::var("KLUSTRA_TEST_POSTGRES_URL").ok().filter(|url| !url.is_empty())
}

/// The PostgreSQL server of a test that exists only on PostgreSQL. Such a test is marked
/// `#[ignore = "needs PostgreSQL: …"]`, so a plain `cargo test` reports it as ignored rather
/// than passed; `scripts/test.sh` runs it in its PostgreSQL pass with `--include-ignored`.
/// Run that way without PostgreSQL, it fails here instead of passing untested.
pub fn require_postgres() -> String {
    postgres_server()
        .expect("this test needs PostgreSQL: set KLUSTRA_TEST_POSTGRES_URL (scripts/test.sh does)")
}

/// The database URL for a test whose data lives in `dir`: `None` (the SQLite file in `dir`)
/// unless the tests run on PostgreSQL, where it is a database named after `dir`, created on
/// first use, so a restart on the same directory finds the same data.
pub async fn database_url(dir: &std::path::Path) -> Option<String> {
    use sqlx::Connection;

    let server = postgres_server()?;
    let name: String =
        dir.file_name().unwrap().as_encoded_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("klustra_test_{name}");
    let mut admin = sqlx::PgConnection::connect(&server).await.expect("the test PostgreSQL answers");
    let exists: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(&name)
        .fetch_optional(&mut admin)
        .await
        .unwrap();
    if exists.is_none() {
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
    }
    let (base, _) = server.rsplit_once('/').expect("a URL with a database");
    Some(format!("{base}/{name}"))
}

/// The URL of the database `dir`'s test app uses, for tests that look inside it.
pub async fn stored_database_url(dir: &std::path::Path) -> String {
    match database_url(dir).await {
        Some(url) => url,
        None => format!("sqlite://{}", dir.join("klustra.db").display()),
    }
}

impl TestApp {
    /// A fresh app without demo data.
    pub async fn new() -> Self {
        Self::with_dir(tempfile::tempdir().unwrap(), false).await
    }

    /// A fresh app with the sentence model (the real file: see [`model_path`]).
    pub async fn with_model() -> Self {
        Self::with_config(|config| config.embedding_model = model_path()).await
    }

    /// An app on an existing data directory (to test restarts).
    pub async fn with_dir(dir: tempfile::TempDir, demo: bool) -> Self {
        Self::configured(dir, |config| config.demo = demo).await
    }

    /// A fresh app with `configure` applied to the test configuration.
    pub async fn with_config(configure: impl FnOnce(&mut Config)) -> Self {
        Self::configured(tempfile::tempdir().unwrap(), configure).await
    }

    /// An app on an existing data directory with `configure` applied to the test
    /// configuration.
    pub async fn configured(dir: tempfile::TempDir, configure: impl FnOnce(&mut Config)) -> Self {
        let bound: SocketAddr = "127.0.0.1:3000".parse().unwrap();
        let mut config = config(dir.path(), false);
        config.database_url = database_url(dir.path()).await;
        configure(&mut config);
        let state = server::build_state(&config, bound).await.expect("app starts");
        // The model loads behind the listener; tests of meaning start once it is in.
        state.service.embeddings().settled().await;
        let router = server::router(state.clone());
        TestApp { router, state, dir }
    }

    /// Sends a form-encoded POST to a server function, as the page does.
    pub async fn call(&self, browser: &mut Browser, function: &str, form: &[(&str, &str)]) -> Reply {
        let body =
            form.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&");
        let mut request = Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(cookie) = browser.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(browser, request.body(Body::from(body)).unwrap()).await
    }

    /// Sends a GET, as a browser loading a page.
    pub async fn get(&self, browser: &mut Browser, path: &str) -> Reply {
        let mut request = Request::get(path);
        if let Some(cookie) = browser.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(browser, request.body(Body::empty()).unwrap()).await
    }

    /// Sends any request and keeps the cookie it sets.
    pub async fn send(&self, browser: &mut Browser, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.expect("router answers");
        let status = response.status();
        for set in response.headers().get_all(header::SET_COOKIE) {
            let pair = set.to_str().unwrap().split(';').next().unwrap().to_string();
            if pair.starts_with("klustra_device=") {
                browser.cookie = Some(pair);
            } else if pair == "klustra_session=" {
                browser.session = None;
            } else if pair.starts_with("klustra_session=") {
                browser.session = Some(pair);
            }
        }
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await.unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, json, text }
    }

    /// Signs `browser` in to a new facilitator account, unless it is signed in already.
    pub async fn ensure_signed_in(&self, browser: &mut Browser) {
        if browser.session.is_none() {
            browser.session = self.signed_in("facilitator").await.session;
        }
    }

    /// Creates an account with `role` (`admin`, `facilitator`, `analyst`) and [`PASSWORD`];
    /// returns its e-mail address.
    pub async fn account(&self, role: &str) -> String {
        let email = format!("{role}-{}@klustra.test", uuid::Uuid::new_v4().simple());
        let account = app::model::account::NewAccount {
            email: email.clone(),
            role: app::model::account::Role::parse(role).unwrap(),
            password: PASSWORD.to_string(),
        };
        self.state.service.add_account(account).await.expect("account created");
        email
    }

    /// Signs `browser` in; returns the reply.
    pub async fn sign_in(&self, browser: &mut Browser, email: &str, password: &str) -> Reply {
        self.call(browser, "sign_in", &[("email", email), ("password", password)]).await
    }

    /// A new analyst, signed in, with whom `facilitator` shared `round_id`.
    pub async fn shared_analyst(&self, facilitator: &mut Browser, round_id: &str) -> Browser {
        let email = self.account("analyst").await;
        let mut analyst = Browser::default();
        let signed_in = self.sign_in(&mut analyst, &email, PASSWORD).await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.text);
        let shared =
            self.call(facilitator, "share_round", &[("round_id", round_id), ("email", &email)]).await;
        assert_eq!(shared.status, StatusCode::OK, "{}", shared.text);
        analyst
    }

    /// A browser signed in to a new account with `role`.
    pub async fn signed_in(&self, role: &str) -> Browser {
        let mut browser = Browser::default();
        let email = self.account(role).await;
        let reply = self.sign_in(&mut browser, &email, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert!(browser.session.is_some(), "signing in sets the session cookie");
        browser
    }

    /// Creates a round and one workshop as `facilitator` (signed in to a new facilitator
    /// account first, if it is not signed in); returns (round id, workshop id, code).
    pub async fn round_with_workshop(&self, facilitator: &mut Browser) -> (String, String, String) {
        self.ensure_signed_in(facilitator).await;
        let round = self.call(facilitator, "create_round", &[("title", "Våren 2026")]).await;
        assert_eq!(round.status, StatusCode::OK, "{}", round.text);
        let round_id = round.json["id"].as_str().unwrap().to_string();
        let (workshop_id, code) = self.add_workshop(facilitator, &round_id, &[]).await;
        (round_id, workshop_id, code)
    }

    /// Adds a workshop to the round as `facilitator`, who runs it; returns (workshop id,
    /// code). `workshop` sets the form's fields besides the round (title, sector, held_on,
    /// prompts); those it leaves out are health's on 10 March, "Vård och omsorg".
    pub async fn add_workshop(
        &self,
        facilitator: &mut Browser,
        round_id: &str,
        workshop: &[(&str, &str)],
    ) -> (String, String) {
        let mut form = vec![
            ("round_id", round_id),
            ("title", "Vård och omsorg"),
            ("sector", "Hälsa"),
            ("held_on", "2026-03-10"),
            ("prompts", "Vilka behov har ni?"),
        ];
        for (field, value) in workshop {
            let at = form.iter().position(|(f, _)| f == field).expect("a workshop's field");
            form[at].1 = value;
        }
        let created = self.call(facilitator, "create_workshop", &form).await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.text);
        (
            created.json["id"].as_str().unwrap().to_string(),
            created.json["join_code"].as_str().unwrap().to_string(),
        )
    }

    /// Joins the workshop with `code` as `participant`.
    pub async fn join(&self, participant: &mut Browser, code: &str, name: &str, org: &str) -> Reply {
        self.call(
            participant,
            "join_workshop",
            &[("code", code), ("display_name", name), ("organisation", org)],
        )
        .await
    }

    /// Adds a note with a fresh id; returns the reply.
    pub async fn add_note(&self, participant: &mut Browser, workshop_id: &str, text: &str) -> Reply {
        let id = uuid::Uuid::new_v4().to_string();
        self.call(participant, "add_note", &[("workshop_id", workshop_id), ("note_id", &id), ("text", text)])
            .await
    }

    /// The notes of the workshop with `code`, as `viewer` sees them.
    pub async fn notes(&self, viewer: &mut Browser, code: &str) -> Vec<Value> {
        let board = self.call(viewer, "get_board", &[("code", code)]).await;
        assert_eq!(board.status, StatusCode::OK, "{}", board.text);
        board.json["notes"].as_array().unwrap().clone()
    }
}

/// Nine notes on three topics (e-legitimation for staff, e-archives, AI in case handling),
/// three each in different words.
pub const THREE_TOPICS: &[&str] = &[
    "Gemensam e-legitimation för medarbetare",
    "E-legitimation för personal utan personnummer",
    "Enklare e-legitimation för alla medarbetare",
    "Digitalt arkiv för allmänna handlingar",
    "Långsiktig arkivering av digitala handlingar",
    "E-arkiv för handlingar från flera system",
    "AI-stöd för handläggare i ärenden",
    "Stöd av AI vid handläggning av ärenden",
    "Riktlinjer för AI i handläggningen",
];

/// Notes of a needs inventory: five needs (e-legitimation for staff, the CLOUD Act, an API
/// catalogue, base data, digital mail), four notes each in different words.
pub const NEEDS_INVENTORY: [&str; 20] = [
    "E-legitimation för medarbetare som saknar svenskt personnummer",
    "Medarbetare behöver en gemensam e-legitimation i tjänsten",
    "E-legitimation för medarbetare i kommuner och regioner",
    "Tjänstelegitimation och e-legitimation för alla medarbetare",
    "Vägledning om molntjänster och CLOUD Act",
    "Kan vi använda amerikanska molntjänster trots CLOUD Act?",
    "Juridiskt stöd kring CLOUD Act vid upphandling av molntjänster",
    "Riskbedömning av molntjänster med hänsyn till CLOUD Act",
    "En nationell API-katalog över myndigheternas API:er",
    "API-katalog där man hittar öppna API:er från offentlig sektor",
    "Gemensam API-katalog med dokumentation och villkor",
    "Sökbar API-katalog för kommuner och myndigheter",
    "Tillgång till grunddata om personer, företag och fastigheter",
    "Grunddata av hög kvalitet som delas mellan myndigheter",
    "Gemensam förvaltning av grunddata om fastigheter",
    "Grunddata om företag ska hämtas från en källa",
    "Digital brevlåda för alla medborgare och företag",
    "Myndighetspost till digital brevlåda i stället för papper",
    "Fler ska ansluta sig till en digital brevlåda",
    "Digital brevlåda för säkra meddelanden från kommunen",
];

/// A file downloaded from a raw route (or the refusal in its place).
#[derive(Debug)]
pub struct Download {
    pub status: StatusCode,
    pub content_type: String,
    pub disposition: String,
    pub bytes: Vec<u8>,
}

impl TestApp {
    /// Downloads `path` as `browser` (an export, an archive), keeping the bytes as they are.
    pub async fn download(&self, browser: &mut Browser, path: &str) -> Download {
        let mut request = Request::get(path);
        if let Some(cookie) = browser.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self.router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let header_text = |name| {
            response.headers().get(name).map(|v: &header::HeaderValue| v.to_str().unwrap().to_string())
        };
        Download {
            status: response.status(),
            content_type: header_text(header::CONTENT_TYPE).unwrap_or_default(),
            disposition: header_text(header::CONTENT_DISPOSITION).unwrap_or_default(),
            bytes: axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await.unwrap().to_vec(),
        }
    }

    /// A round with one workshop made by a new facilitator, where a participant named `name`
    /// of `organisation` wrote `notes`; returns (facilitator, participant, round id, workshop id).
    pub async fn workshop_with_notes(
        &self,
        name: &str,
        organisation: &str,
        notes: &[&str],
    ) -> (Browser, Browser, String, String) {
        let mut facilitator = Browser::default();
        let (round_id, workshop_id, code) = self.round_with_workshop(&mut facilitator).await;
        let mut participant = Browser::default();
        self.join(&mut participant, &code, name, organisation).await;
        for text in notes {
            let added = self.add_note(&mut participant, &workshop_id, text).await;
            assert_eq!(added.status, StatusCode::OK, "{}", added.text);
        }
        (facilitator, participant, round_id, workshop_id)
    }

    /// A round of two workshops in two sectors, both clustered at 0.5 (needs too): health,
    /// where Anna of Region Syd wrote the first 12 notes of [`NEEDS_INVENTORY`]
    /// (e-legitimation, the CLOUD Act, the API catalogue), and school, where Cilla of
    /// Skolverket wrote e-legitimation's and digital mail's.
    pub async fn two_sector_round(&self) -> TwoSectorRound {
        let (mut facilitator, _, round_id, health) =
            self.workshop_with_notes("Anna", "Region Syd", &NEEDS_INVENTORY[..12]).await;
        let school = [
            ("title", "Skolans behov"),
            ("sector", "Skola"),
            ("held_on", "2026-03-12"),
            ("prompts", "Vad behöver skolan?"),
        ];
        let (school, school_code) = self.add_workshop(&mut facilitator, &round_id, &school).await;
        let mut writer = Browser::default();
        self.join(&mut writer, &school_code, "Cilla", "Skolverket").await;
        for text in NEEDS_INVENTORY[..4].iter().chain(&NEEDS_INVENTORY[16..]) {
            assert_eq!(self.add_note(&mut writer, &school, text).await.status, StatusCode::OK);
        }
        for workshop in [&health, &school] {
            let clustered = self.cluster(&mut facilitator, workshop, "0.5", Some("0.5")).await;
            assert_eq!(clustered.status, StatusCode::OK, "{}", clustered.text);
        }
        TwoSectorRound { facilitator, round_id, health, school, school_code }
    }

    /// Runs the workshop's clustering at `granularity` (and the needs' at `need_granularity`,
    /// when given) as `facilitator`.
    pub async fn cluster(
        &self,
        facilitator: &mut Browser,
        workshop_id: &str,
        granularity: &str,
        need_granularity: Option<&str>,
    ) -> Reply {
        let mut form = vec![("workshop_id", workshop_id), ("granularity", granularity)];
        form.extend(need_granularity.map(|need| ("need_granularity", need)));
        self.call(facilitator, "run_clustering", &form).await
    }
}

/// A round of two workshops in two sectors ([`TestApp::two_sector_round`]).
pub struct TwoSectorRound {
    /// The facilitator who runs the round, signed in.
    pub facilitator: Browser,
    pub round_id: String,
    /// The health workshop's id.
    pub health: String,
    /// The school workshop's id and join code.
    pub school: String,
    pub school_code: String,
}

/// Every XML part of an Excel file (a zip), as (name, text).
pub fn xlsx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;

    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    (0..archive.len())
        .filter_map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            let mut text = String::new();
            (name.starts_with("xl/") && name.ends_with(".xml")).then(|| {
                file.read_to_string(&mut text).unwrap();
                (name, text)
            })
        })
        .collect()
}

/// The text of every sheet and the shared strings of an Excel file, run together.
pub fn xlsx_text(bytes: &[u8]) -> String {
    xlsx_parts(bytes).into_iter().map(|(_, text)| text).collect()
}

/// Percent-encodes a form value.
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
