use std::{net::SocketAddr, path::PathBuf};

use banshui_server::{cli::Settings, db::DatabaseUrl};
use sqlx::Executor;
use tokio::{net::TcpListener, sync::oneshot};

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub backend: &'static str,
    pub database_url: String,
    _shutdown: oneshot::Sender<()>,
    _dir: Option<tempfile::TempDir>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A client with its own cookie jar (another browser).
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("client")
    }

    /// Registers an account and signs in with `client`; returns the normalised id.
    pub async fn taxpayer(&self, client: &reqwest::Client, id: &str) -> String {
        let r = client
            .post(self.url("/api/v1/accounts"))
            .json(
                &serde_json::json!({"taxpayer_id": id, "name": "测试纳税人", "password": PASSWORD}),
            )
            .send()
            .await
            .expect("register");
        assert_eq!(
            r.status(),
            201,
            "register {id}: {}",
            r.text().await.unwrap_or_default()
        );
        let r = client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"taxpayer_id": id, "password": PASSWORD}))
            .send()
            .await
            .expect("sign in");
        assert_eq!(r.status(), 200);
        let body: serde_json::Value = r.json().await.expect("json");
        body["taxpayer_id"].as_str().expect("id").to_string()
    }

    /// Creates a staff account with `role` (as the operator would) and signs `client` in.
    pub async fn staff(&self, client: &reqwest::Client, username: &str, role: &str) {
        let url = self.database_url.parse::<DatabaseUrl>().expect("url");
        let db = banshui_server::db::Database::connect(&url)
            .await
            .expect("db");
        let role = banshui_server::staff::Role::parse(role).expect("role");
        banshui_server::staff::create(&db, username, role, PASSWORD)
            .await
            .expect("staff account");
        let r = client
            .post(self.url("/api/v1/staff/session"))
            .json(&serde_json::json!({"username": username, "password": PASSWORD}))
            .send()
            .await
            .expect("staff sign in");
        assert_eq!(r.status(), 200, "staff sign-in");
        if role >= banshui_server::staff::Role::Publisher {
            // Publishers and administrators turn on two-step sign-in before anything else.
            enrol_second_factor(self, client, "/api/v1/staff/me").await;
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the server")
    }
}

pub const PASSWORD: &str = "茶山 steep hill 42";

/// A valid identifier: 17 given characters completed with the one check character that
/// the engine accepts (so tests can make as many distinct taxpayers as they need).
pub fn valid_id(first17: &str) -> String {
    "0123456789ABCDEFGHJKLMNPQRTUWXY"
        .chars()
        .map(|c| format!("{first17}{c}"))
        .find(|id| banshui_engine::ids::TaxpayerId::parse(id).is_ok())
        .expect("some check character fits")
}

/// A fresh USCC for each call.
pub fn new_uscc() -> String {
    let mut b = [0u8; 8];
    random_fill(&mut b);
    let digits: String = b
        .iter()
        .map(|x| format!("{:02}", x % 100))
        .collect::<String>();
    valid_id(&format!("9135010M{}", &digits[..9]))
}

fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site")
}

async fn spawn_with(
    database_url: &str,
    backend: &'static str,
    dir: Option<tempfile::TempDir>,
    tune: impl FnOnce(&mut Settings),
) -> TestApp {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let addr = listener.local_addr().expect("local addr");
    let mut settings = Settings {
        site_addr: addr,
        site_root: site_root(),
        database_url: database_url.parse::<DatabaseUrl>().expect("valid url"),
        public_origin: format!("http://{addr}"),
        log: "warn".into(),
        session_idle_secs: 900,
        session_max_secs: 43_200,
        trusted_proxies: Vec::new(),
        // Tests register many taxpayers from 127.0.0.1; `limits.rs` tests the limit itself.
        registrations_per_address: 1_000,
        max_connections: 1024,
        client_timeout_secs: 15,
        second_factor_required_from: banshui_server::cli::SecondFactorFrom::Publisher,
    };
    tune(&mut settings);
    let state = banshui_server::prepare(&settings)
        .await
        .expect("app prepares");
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = banshui_server::serve_on(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    TestApp {
        addr,
        client,
        backend,
        database_url: database_url.to_string(),
        _shutdown: tx,
        _dir: dir,
    }
}

/// A fresh SQLite file in a temporary directory.
pub async fn spawn_sqlite() -> TestApp {
    spawn_sqlite_tuned(|_| {}).await
}

/// A fresh SQLite file, served with settings changed by `tune`.
pub async fn spawn_sqlite_tuned(tune: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!(
        "sqlite://{}",
        dir.path().join("nested/banshui.db").display()
    );
    spawn_with(&url, "sqlite", Some(dir), tune).await
}

/// A fresh PostgreSQL database, when `TEST_DATABASE_URL` names a server.
pub async fn spawn_postgres() -> Option<TestApp> {
    let url = fresh_postgres_url().await?;
    Some(spawn_with(&url, "postgres", None, |_| {}).await)
}

/// A new, empty PostgreSQL database on `TEST_DATABASE_URL`'s server; `None` without one.
pub async fn fresh_postgres_url() -> Option<String> {
    let base = std::env::var("TEST_DATABASE_URL").ok()?;
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(&base)
        .await
        .expect("TEST_DATABASE_URL reachable");
    let name = format!("banshui_test_{}", uuid_like());
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').expect("url has a database name");
    Some(format!("{prefix}/{name}"))
}

/// Every backend this run can test.
pub async fn spawn_all() -> Vec<TestApp> {
    let mut apps = vec![spawn_sqlite().await];
    apps.extend(spawn_postgres().await);
    apps
}

fn uuid_like() -> String {
    let mut b = [0u8; 8];
    random_fill(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Test-only randomness for database names (std's per-instance random hasher keys).
fn random_fill(buf: &mut [u8]) {
    use std::{collections::hash_map::RandomState, hash::BuildHasher};
    for chunk in buf.chunks_mut(8) {
        let v = RandomState::new()
            .hash_one(std::time::SystemTime::now())
            .to_le_bytes();
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
}

/// Posts an HTML form as a same-origin browser would.
pub async fn form(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    c.post(app.url(path))
        .header("Origin", format!("http://{}", app.addr))
        .header("Sec-Fetch-Site", "same-origin")
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// Where a redirect points.
pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Gets a page in English and checks it is 200.
pub async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let r = c
        .get(app.url(path))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

/// The TOTP code of a base32 key, `steps` 30-second steps from now (a code works once, so a
/// second use within one step takes the next step's code, which the server also accepts).
pub fn totp(key: &str, steps: i64) -> String {
    use banshui_server::auth::second_factor::totp::{code_at, from_base32, step_of};
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    format!(
        "{:06}",
        code_at(&from_base32(key).unwrap(), step_of(now) + steps)
    )
}

/// Turns on two-step sign-in for the account `client` is signed in to (`base`: `/api/v1/me`
/// or `/api/v1/staff/me`); returns the key and the recovery codes.
pub async fn enrol_second_factor(
    app: &TestApp,
    client: &reqwest::Client,
    base: &str,
) -> (String, Vec<String>) {
    let begun: serde_json::Value = client
        .post(app.url(&format!("{base}/second-factor")))
        .header("Origin", format!("http://{}", app.addr))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let key = begun["secret"].as_str().expect("a key").to_string();
    let confirmed = client
        .post(app.url(&format!("{base}/second-factor/confirm")))
        .header("Origin", format!("http://{}", app.addr))
        .json(&serde_json::json!({"code": totp(&key, 0)}))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200, "second factor confirmed");
    let body: serde_json::Value = confirmed.json().await.unwrap();
    let codes = body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    (key, codes)
}
