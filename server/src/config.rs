//! Typed configuration, parsed once from flags and environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;

/// How to run the Klustra server. Every flag also reads the environment variable shown.
#[derive(clap::Args, Clone)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "KLUSTRA_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// Directory for Klustra's data; the embedded SQLite database lives here by default.
    #[arg(long, env = "KLUSTRA_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Database URL, `sqlite:///var/lib/klustra/klustra.db` or
    /// `postgres://klustra@db.example/klustra`; overrides the data directory.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// The address people use to reach Klustra, for join links and QR codes
    /// (e.g. `https://klustra.myndighet.se`). Defaults to `http://` plus the bind address.
    #[arg(long, env = "KLUSTRA_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Further origins (besides the public URL and the request's own host) whose pages may
    /// open live sockets, e.g. `https://klustra.intra.myndighet.se`. Comma-separated.
    #[arg(long = "allowed-origin", env = "KLUSTRA_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Directory holding the built browser bundle (`pkg/klustra.js`, `.wasm`, `.css`).
    #[arg(long, env = "KLUSTRA_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Seconds a live socket may stay silent before it is closed (clients ping every 20).
    #[arg(long, env = "KLUSTRA_SOCKET_IDLE_SECS", default_value_t = 60)]
    pub socket_idle_secs: u64,

    /// Seconds between checks that a signed-in viewer's open board socket still has its
    /// session and access to the round; the socket closes when either has ended.
    #[arg(long, env = "KLUSTRA_SESSION_CHECK_SECS", default_value_t = 30)]
    pub session_check_secs: u64,

    /// The sentence model file (multilingual-e5-small, 4-bit) that groups notes by meaning;
    /// a relative path is read from the working directory. Without the file Klustra groups
    /// notes by their words alone and the theme page says so.
    #[arg(long, env = "KLUSTRA_EMBEDDING_MODEL", default_value = "models/e5-small-q4.bin")]
    pub embedding_model: PathBuf,
    /// Request header whose last address is the client's, for deployments behind a reverse
    /// proxy (e.g. `X-Forwarded-For`, or `X-Real-IP`). Only set it when every request comes
    /// through that proxy: a client can write the header itself. Unset, the limits per
    /// address use the address of the connection.
    #[arg(long, env = "KLUSTRA_TRUSTED_PROXY_HEADER")]
    pub trusted_proxy_header: Option<String>,

    /// Password checks (Argon2, about 19 MB each) run at once; sign-ins over it wait up to
    /// 3 s for a turn, then get 429. Raise it with the number of cores.
    #[arg(long, env = "KLUSTRA_PASSWORD_CHECKS", default_value_t = 2)]
    pub password_checks: usize,

    /// Seconds a client may take to send a request's header, and again its body; slower
    /// clients are closed.
    #[arg(long, env = "KLUSTRA_READ_TIMEOUT_SECS", default_value_t = 10)]
    pub read_timeout_secs: u64,

    /// Seconds a connection that has served a request stays open for the next one; longer
    /// than clients keep theirs (browsers and HTTP libraries reuse a connection for a few
    /// seconds up to a minute), so none sends a request onto one being closed.
    #[arg(long, env = "KLUSTRA_KEEP_ALIVE_SECS", default_value_t = 75)]
    pub keep_alive_secs: u64,

    /// Seconds a response (or a live board's messages) may wait on a client that reads
    /// nothing before the connection is closed.
    #[arg(long, env = "KLUSTRA_WRITE_TIMEOUT_SECS", default_value_t = 30)]
    pub write_timeout_secs: u64,

    /// Connections held at once in all; kept below the open-file limit (which the server
    /// raises to the system's hard limit at start) with 256 files to spare.
    #[arg(long, env = "KLUSTRA_MAX_CONNECTIONS", default_value_t = 10_000)]
    pub max_connections: usize,

    /// Connections held at once from one client address (a room of 300 behind one NAT holds
    /// about two each); not applied behind `--trusted-proxy-header`, where every connection
    /// comes from the proxy.
    #[arg(long, env = "KLUSTRA_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 1_000)]
    pub max_connections_per_address: usize,

    /// Seed a demo round with Swedish notes when the database is empty.
    #[arg(long, env = "KLUSTRA_DEMO", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo: bool,
}

impl Config {
    /// The database URL to use: the explicit one, or a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("klustra.db").display()),
        }
    }

    /// The public base URL, without a trailing slash.
    pub fn public_url(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{bound}"),
        }
    }
}

// The database URL may carry a password, so it is redacted.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database_url", &self.database_url.as_ref().map(|_| "<redacted>"))
            .field("public_url", &self.public_url)
            .field("allowed_origins", &self.allowed_origins)
            .field("site_root", &self.site_root)
            .field("socket_idle_secs", &self.socket_idle_secs)
            .field("session_check_secs", &self.session_check_secs)
            .field("embedding_model", &self.embedding_model)
            .field("trusted_proxy_header", &self.trusted_proxy_header)
            .field("password_checks", &self.password_checks)
            .field("read_timeout_secs", &self.read_timeout_secs)
            .field("keep_alive_secs", &self.keep_alive_secs)
            .field("write_timeout_secs", &self.write_timeout_secs)
            .field("max_connections", &self.max_connections)
            .field("max_connections_per_address", &self.max_connections_per_address)
            .field("demo", &self.demo)
            .finish()
    }
}
