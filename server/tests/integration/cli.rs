//! The `banshui` binary: bad configuration is one line and exit code 2; `migrate` works.
use std::process::Command;

fn banshui() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_banshui"));
    cmd.env_remove("DATABASE_URL")
        .env_remove("LEPTOS_SITE_ADDR")
        .env("RUST_LOG", "warn");
    cmd
}

#[test]
fn bad_settings_exit_with_code_2_and_one_line() {
    for (var, value, mentions) in [
        ("LEPTOS_SITE_ADDR", "not-an-address", "LEPTOS_SITE_ADDR"),
        ("DATABASE_URL", "mysql://localhost/x", "DATABASE_URL"),
        ("BANSHUI_PUBLIC_ORIGIN", "ftp://x", "BANSHUI_PUBLIC_ORIGIN"),
        ("BANSHUI_MAX_CONNECTIONS", "0", "BANSHUI_MAX_CONNECTIONS"),
        (
            "BANSHUI_CLIENT_TIMEOUT_SECS",
            "never",
            "BANSHUI_CLIENT_TIMEOUT_SECS",
        ),
        (
            "BANSHUI_REGISTRATIONS_PER_ADDRESS",
            "-1",
            "BANSHUI_REGISTRATIONS_PER_ADDRESS",
        ),
    ] {
        let out = banshui().env(var, value).arg("migrate").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{var}={value}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(mentions), "{stderr}");
    }
}

#[test]
fn help_explains_every_setting() {
    let out = banshui().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for setting in [
        "LEPTOS_SITE_ADDR",
        "LEPTOS_SITE_ROOT",
        "DATABASE_URL",
        "RUST_LOG",
        "serve",
        "migrate",
    ] {
        assert!(help.contains(setting), "--help lacks {setting}:\n{help}");
    }
}

#[test]
fn migrate_creates_the_sqlite_file_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/dir/b.db");
    for _ in 0..2 {
        let out = banshui()
            .env("DATABASE_URL", format!("sqlite://{}", db.display()))
            .arg("migrate")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(db.exists());
}

#[test]
fn sigterm_shuts_down_gracefully_with_exit_code_0() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = banshui()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("s.db").display()),
        )
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .arg("serve")
        .spawn()
        .unwrap();
    let ready = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(ready, "server did not start listening");
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "graceful shutdown exits 0");
}
