//! An OpenID Connect provider for tests, speaking real HTTP on loopback:
//! discovery, keys, authorization (approves at once as the scripted
//! person), token (single-use codes, PKCE checked) and userinfo. It signs
//! real RS256 ID tokens, and forges them on request ([`Forgery`]), so the
//! portal's refusals are tested against the same bytes an attacker would
//! send. Its keys are test keys, in this folder, used nowhere else.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::Utc;
use openidconnect::{JsonWebKeyId, PrivateSigningKey, core::CoreRsaPrivateSigningKey};
use poem::{
    EndpointExt, IntoResponse, Response, Route, Server, handler,
    http::{HeaderMap, StatusCode, header},
    listener::{Acceptor, Listener, TcpListener},
    web::{Data, Form, Json, Query},
};
use sha2::{Digest, Sha256};

mod tokens;

pub use tokens::Forgery;
use tokens::id_token;

const KEY_A: &str = include_str!("testing/test-key-a.pem");
const KEY_B: &str = include_str!("testing/test-key-b.pem");

/// The test CA that signed [`TestProvider::start_tls`]'s certificate (for
/// 127.0.0.1): what an operator would put in `AUTH_CA_BUNDLE`.
pub const TEST_CA: &str = include_str!("testing/test-ca.pem");
const SERVER_CERT: &str = include_str!("testing/test-server.pem");
const SERVER_KEY: &str = include_str!("testing/test-server-key.pem");

/// The client id the provider expects.
pub const CLIENT_ID: &str = "crt-portal-test";
/// The client secret the portal is given in tests (the provider takes
/// any, and forges HMAC tokens with this one).
pub const CLIENT_SECRET: &str = "test-client-secret-shared-with-the-portal";

/// Who signs in.
#[derive(Clone, Debug)]
pub struct Person {
    /// `sub`.
    pub subject: String,
    /// `email` (the default username claim).
    pub email: String,
    /// `name`.
    pub name: String,
    /// `groups`.
    pub groups: Vec<String>,
    /// Whether the groups come from the userinfo endpoint rather than the
    /// ID token.
    pub groups_in_userinfo: bool,
    /// `email_verified`, when sent.
    pub email_verified: Option<bool>,
}

impl Person {
    /// A person with these groups, in the ID token.
    pub fn new(email: &str, groups: &[&str]) -> Self {
        Self {
            subject: format!("sub-{email}"),
            email: email.to_owned(),
            name: format!("Test {email}"),
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            groups_in_userinfo: false,
            email_verified: None,
        }
    }
}

struct Grant {
    nonce: Option<String>,
    challenge: String,
    redirect_uri: String,
    used: bool,
}

struct Script {
    forgery: Forgery,
    person: Person,
    rotated: bool,
    grants: HashMap<String, Grant>,
    access_tokens: HashMap<String, Person>,
    key_fetches: usize,
    counter: u64,
}

/// The running provider (stops when dropped).
pub struct TestProvider {
    /// Its issuer, `http://127.0.0.1:PORT`.
    pub issuer: String,
    script: Arc<Mutex<Script>>,
    task: tokio::task::JoinHandle<()>,
    front: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        self.task.abort();
        if let Some(f) = &self.front {
            f.abort();
        }
    }
}

#[allow(clippy::expect_used)] // a test cannot go on without it
async fn bind() -> poem::listener::TcpAcceptor {
    TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .expect("bind a loopback port")
}

fn port_of(acceptor: &poem::listener::TcpAcceptor) -> u16 {
    acceptor
        .local_addr()
        .first()
        .and_then(|a| a.as_socket_addr().map(std::net::SocketAddr::port))
        .unwrap_or_default()
}

#[derive(Clone)]
struct Shared {
    issuer: String,
    script: Arc<Mutex<Script>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Script> {
        self.script
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn key(pem: &str, kid: &str) -> CoreRsaPrivateSigningKey {
    #[allow(clippy::expect_used)] // the test keys are in this folder and parse
    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.to_owned())))
        .expect("test key")
}

impl TestProvider {
    /// Starts a provider on a free loopback port.
    ///
    /// # Panics
    /// If no port can be bound.
    pub async fn start() -> Self {
        let acceptor = bind().await;
        let port = port_of(&acceptor);
        Self::serve(acceptor, format!("http://127.0.0.1:{port}"), None)
    }

    /// Starts a provider served over TLS only, with a certificate for
    /// 127.0.0.1 signed by [`TEST_CA`] (no system root trusts it).
    ///
    /// # Panics
    /// If no port can be bound or the test certificate does not load.
    #[allow(clippy::expect_used)] // a test cannot go on without them
    pub async fn start_tls() -> Self {
        use tokio_rustls::rustls::{
            self,
            pki_types::{CertificateDer, PrivateKeyDer, pem::PemObject},
        };
        let inner = bind().await;
        let inner_port = port_of(&inner);
        let outer = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let port = outer.local_addr().map(|a| a.port()).unwrap_or_default();
        let certs: Vec<CertificateDer<'static>> =
            CertificateDer::pem_slice_iter(SERVER_CERT.as_bytes())
                .collect::<Result<_, _>>()
                .expect("test certificate");
        let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).expect("test key");
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("test certificate and key");
        let tls = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        // TLS in front, the plain provider behind, byte for byte.
        let front = tokio::spawn(async move {
            while let Ok((tcp, _)) = outer.accept().await {
                let tls = tls.clone();
                tokio::spawn(async move {
                    let Ok(mut client) = tls.accept(tcp).await else {
                        return; // a client that does not trust the CA
                    };
                    if let Ok(mut server) =
                        tokio::net::TcpStream::connect(("127.0.0.1", inner_port)).await
                    {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Self::serve(inner, format!("https://127.0.0.1:{port}"), Some(front))
    }

    fn serve(
        acceptor: poem::listener::TcpAcceptor,
        issuer: String,
        front: Option<tokio::task::JoinHandle<()>>,
    ) -> Self {
        let script = Arc::new(Mutex::new(Script {
            forgery: Forgery::None,
            person: Person::new("ana@example.gov", &["crt-staff"]),
            rotated: false,
            grants: HashMap::new(),
            access_tokens: HashMap::new(),
            key_fetches: 0,
            counter: 0,
        }));
        let shared = Shared {
            issuer: issuer.clone(),
            script: script.clone(),
        };
        let app = Route::new()
            .at("/.well-known/openid-configuration", poem::get(discovery))
            .at("/keys", poem::get(keys))
            .at("/authorize", poem::get(authorize))
            .at("/token", poem::post(token_endpoint))
            .at("/userinfo", poem::get(userinfo))
            .at("/logout", poem::get(logout))
            .data(shared);
        let task = tokio::spawn(async move {
            let _ = Server::new_with_acceptor(acceptor).run(app).await;
        });
        Self {
            issuer,
            script,
            task,
            front,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Script> {
        self.script
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How the next tokens are forged.
    pub fn forge(&self, f: Forgery) {
        self.lock().forgery = f;
    }

    /// Who signs in next.
    pub fn sign_in_as(&self, p: Person) {
        self.lock().person = p;
    }

    /// Publishes the second key beside the first (a key rotation).
    pub fn rotate_keys(&self) {
        self.lock().rotated = true;
    }

    /// How many times the keys were fetched.
    pub fn key_fetches(&self) -> usize {
        self.lock().key_fetches
    }
}

#[handler]
fn discovery(Data(s): Data<&Shared>) -> Json<serde_json::Value> {
    let i = &s.issuer;
    Json(serde_json::json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "userinfo_endpoint": format!("{i}/userinfo"),
        "jwks_uri": format!("{i}/keys"),
        "end_session_endpoint": format!("{i}/logout"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "none"],
        "code_challenge_methods_supported": ["S256"],
    }))
}

#[handler]
fn keys(Data(s): Data<&Shared>) -> Json<serde_json::Value> {
    let mut script = s.lock();
    script.key_fetches += 1;
    let mut keys = vec![key(KEY_A, "key-a").as_verification_key()];
    if script.rotated {
        keys.push(key(KEY_B, "key-b").as_verification_key());
    }
    Json(serde_json::json!({ "keys": keys }))
}

fn bad_request(what: &str) -> Response {
    (StatusCode::BAD_REQUEST, format!("test provider: {what}")).into_response()
}

#[handler]
fn authorize(Data(s): Data<&Shared>, Query(q): Query<HashMap<String, String>>) -> Response {
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    if get("client_id") != CLIENT_ID || get("response_type") != "code" {
        return bad_request("unknown client or response type");
    }
    if get("code_challenge_method") != "S256" || get("code_challenge").is_empty() {
        return bad_request("PKCE (S256) is required");
    }
    let redirect_uri = get("redirect_uri");
    let mut script = s.lock();
    script.counter += 1;
    let code = format!("code-{}-{}", script.counter, Utc::now().timestamp_micros());
    script.grants.insert(
        code.clone(),
        Grant {
            nonce: q.get("nonce").cloned(),
            challenge: get("code_challenge"),
            redirect_uri: redirect_uri.clone(),
            used: false,
        },
    );
    let sep = if redirect_uri.contains('?') { '&' } else { '?' };
    let state = percent(&get("state"));
    Response::builder()
        .status(StatusCode::FOUND)
        .header(
            header::LOCATION,
            format!("{redirect_uri}{sep}code={code}&state={state}"),
        )
        .finish()
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn oauth_error(code: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"error": code, "error_description": description})),
    )
        .into_response()
}

#[handler]
fn token_endpoint(Data(s): Data<&Shared>, Form(f): Form<HashMap<String, String>>) -> Response {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    if get("grant_type") != "authorization_code" {
        return oauth_error("unsupported_grant_type", "only authorization_code");
    }
    let mut script = s.lock();
    let Some(grant) = script.grants.get_mut(&get("code")) else {
        return oauth_error("invalid_grant", "unknown code");
    };
    if grant.used {
        return oauth_error("invalid_grant", "code already used");
    }
    grant.used = true;
    if grant.redirect_uri != get("redirect_uri") {
        return oauth_error("invalid_grant", "redirect_uri differs");
    }
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(get("code_verifier").as_bytes()));
    if challenge != grant.challenge {
        return oauth_error("invalid_grant", "PKCE verifier does not match");
    }
    let nonce = grant.nonce.clone();
    script.counter += 1;
    let access = format!("access-{}", script.counter);
    let person = script.person.clone();
    script.access_tokens.insert(access.clone(), person.clone());
    let forgery = script.forgery;
    drop(script);
    let id_token = match id_token(&s.issuer, &person, nonce, &access, forgery) {
        Ok(t) => t,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
    };
    Json(serde_json::json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}

#[handler]
fn userinfo(Data(s): Data<&Shared>, headers: &HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let script = s.lock();
    let Some(p) = script.access_tokens.get(bearer) else {
        return (StatusCode::UNAUTHORIZED, "unknown access token").into_response();
    };
    Json(serde_json::json!({
        "sub": p.subject,
        "email": p.email,
        "groups": p.groups,
    }))
    .into_response()
}

#[handler]
fn logout() -> &'static str {
    "signed out of the test provider"
}
