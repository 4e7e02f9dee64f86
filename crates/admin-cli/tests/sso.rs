//! `crt-admin` and single sign-on: `check-config --probe` against a real
//! provider on loopback, and emergency-local accounts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::process::{Command, Output};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("crt-admin-sso-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn admin(args: &[&str], db: &str, stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_crt-admin"))
        .args(args)
        .env("DATABASE_URL", db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

#[test]
fn emergency_local_accounts_need_a_password_and_are_listed() {
    let dir = temp_dir("emergency");
    let db = format!("sqlite://{}/e.sqlite3", dir.display());
    let refused = admin(
        &[
            "user",
            "create",
            "break-glass",
            "--staff",
            "--emergency-local",
        ],
        &db,
        None,
    );
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("--password-stdin"),
        "{}",
        text(&refused.stderr)
    );
    let made = admin(
        &[
            "user",
            "create",
            "break-glass",
            "--staff",
            "--emergency-local",
            "--password-stdin",
        ],
        &db,
        Some("a long enough password\n"),
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(
        text(&made.stdout).contains("emergency-local"),
        "{}",
        text(&made.stdout)
    );
    let list = text(&admin(&["user", "list"], &db, None).stdout);
    let row = list
        .lines()
        .find(|l| l.starts_with("break-glass\t"))
        .unwrap();
    assert!(row.contains("\tyes\t\t"), "{row}");
    assert_eq!(
        row.split('\t').nth(6),
        Some("yes"),
        "the emergency-local column: {list}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// `check-config --probe` fetches the provider's discovery document and
/// keys: a real provider on loopback answers, a closed port fails.
#[tokio::test]
async fn check_config_probes_the_single_sign_on_provider() {
    let provider = crt_sso::testing::TestProvider::start().await;
    let dir = temp_dir("probe");
    let db = format!("sqlite://{}/probe.sqlite3", dir.display());
    let run = |issuer: String| {
        let db = db.clone();
        tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_crt-admin"))
                .args(["check-config", "--probe"])
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("ENV", "TEST")
                .env("DATABASE_URL", db)
                .env("AUTH_SSO_ENVIRONMENTS", "TEST")
                .env("AUTH_SERVER", issuer)
                .env("AUTH_CLIENT_ID", crt_sso::testing::CLIENT_ID)
                .env("AUTH_PORTAL_GROUPS", "crt-staff")
                .output()
                .unwrap()
        })
    };
    let ok = run(provider.issuer.clone()).await.unwrap();
    let out = text(&ok.stdout);
    assert!(ok.status.success(), "{out}");
    assert!(
        out.contains(&format!(
            "single sign-on probe\treachable: issuer {}, 1 key(s); authorize {0}/authorize",
            provider.issuer
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("logout {}/logout", provider.issuer)),
        "{out}"
    );
    drop(provider);
    // A provider that wants a client secret, and none is set.
    let mock_like = crt_sso::Probe {
        issuer: "x".into(),
        authorization_endpoint: "x".into(),
        token_endpoint: None,
        userinfo_endpoint: None,
        end_session_endpoint: None,
        keys: 1,
        auth_methods: vec!["client_secret_basic".into()],
    };
    assert!(
        mock_like
            .auth_problem(false)
            .unwrap()
            .contains("AUTH_CLIENT_SECRET is not set")
    );
    assert_eq!(mock_like.auth_problem(true), None);
    let closed = run("http://127.0.0.1:1".into()).await.unwrap();
    let out = text(&closed.stdout);
    assert_eq!(closed.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "single sign-on probe\tFAILED: the identity provider could not be reached: discovery"
        ),
        "{out}"
    );
}
