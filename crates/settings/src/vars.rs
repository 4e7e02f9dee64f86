//! The one table of the variables the settings read: name, what it means,
//! whether it is a secret, and the value used when it is unset. The
//! settings take their defaults from it, and `crt-admin check-config` lists
//! from it what is not set.

/// The database used when neither `DATABASE_URL` nor a database bound in
/// `VCAP_SERVICES` is given: a SQLite file under `./data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/crt-portal.sqlite3";

/// One variable the settings read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variable {
    /// Its name in the environment (and in `VCAP_SERVICES` credentials).
    pub name: &'static str,
    /// What it means, for operators.
    pub description: &'static str,
    /// Whether its value is a secret (never printed).
    pub secret: bool,
    /// The value used when it is unset; `None` when there is no fixed one
    /// (the description says what happens then).
    pub default: Option<&'static str>,
}

const fn var(
    name: &'static str,
    secret: bool,
    default: Option<&'static str>,
    description: &'static str,
) -> Variable {
    Variable {
        name,
        description,
        secret,
        default,
    }
}

const TABLE: [Variable; 54] = [
    var(
        "ENV",
        false,
        Some("LOCAL"),
        "LOCAL, TEST, DEVELOP, STAGE or PRODUCTION; the last three are deployed (secrets required); must be set when HOST is not loopback",
    ),
    var("HOST", false, Some("127.0.0.1"), "address to listen on"),
    var(
        "PORT",
        false,
        Some("8000"),
        "port to listen on (0 picks a free one)",
    ),
    var(
        "REQUEST_HEADER_TIMEOUT",
        false,
        Some("10"),
        "seconds a client has to send a request's headers once it starts; slower connections are closed",
    ),
    var(
        "MAX_CONNECTIONS",
        false,
        Some("1024"),
        "connections served at once by this instance; more wait to be accepted",
    ),
    var(
        "DATABASE_URL",
        true,
        Some(DEFAULT_DATABASE_URL),
        "sqlite://path or postgres://user:password@host:port/name; unset: the database bound in VCAP_SERVICES, else the SQLite file",
    ),
    var(
        "SECRET_KEY",
        true,
        None,
        "at least 32 random characters, signs cookies and unsubscribe links; required when deployed (a fixed key for LOCAL/TEST)",
    ),
    var(
        "MAINTENANCE_MODE",
        false,
        Some("off"),
        "True/1: GET /report/ answers 503 to newcomers",
    ),
    var(
        "TMS_AUTH_TOKEN",
        true,
        None,
        "GovDelivery TMS API token (with the endpoint and webhook nets: e-mail through TMS)",
    ),
    var(
        "TMS_TARGET_ENDPOINT",
        false,
        None,
        "GovDelivery TMS API address, https://…",
    ),
    var(
        "TMS_WEBHOOK_ALLOWED_CIDR_NETS",
        false,
        None,
        ";-separated networks allowed to call the TMS delivery webhook (unset: nobody; `*`, anyone, is refused when deployed)",
    ),
    var(
        "TMS_WEBHOOK_SECRET",
        true,
        None,
        "optional shared secret the TMS webhook must send in the X-Webhook-Secret header, on top of the address allow-list",
    ),
    var(
        "EMAIL_HOST",
        false,
        None,
        "SMTP host for e-mail without TMS (MailHog, crt-admin mail catch)",
    ),
    var("EMAIL_PORT", false, Some("1025"), "SMTP port"),
    var(
        "EMAIL_FROM",
        false,
        Some("Civil Rights Division <no-reply@crt-portal.localhost>"),
        "SMTP From address (TMS uses its account's)",
    ),
    var(
        "RESTRICT_EMAIL_RECIPIENTS_TO",
        false,
        None,
        ";-separated addresses: only they get mail (unset: anyone)",
    ),
    var(
        "TRUSTED_PROXY_NETS",
        false,
        None,
        ";-separated networks of proxies whose X-Forwarded-For is believed (unset: none)",
    ),
    var(
        "SITE_URL",
        false,
        None,
        "the portal's public address, for links in letters; required when deployed (locally http://HOST:PORT)",
    ),
    var(
        "EMAIL_WORKER",
        false,
        Some("on"),
        "off: this instance queues mail but does not send it",
    ),
    var(
        "API_ANONYMOUS_FILING",
        false,
        Some("off"),
        "True/1: POST /api/reports accepts reports without a token, under the public form's limits",
    ),
    var(
        "ATTACHMENTS_DIR",
        false,
        Some("data/attachments"),
        "the directory staff attachments are kept in when ATTACHMENTS_STORAGE is unset (created if missing)",
    ),
    var(
        "ATTACHMENTS_STORAGE",
        false,
        None,
        "s3://bucket/prefix: staff attachments in S3-compatible object storage (AWS_* below; on Cloud Foundry a bound S3 service); unset: ATTACHMENTS_DIR",
    ),
    var(
        "ATTACHMENT_MAX_BYTES",
        false,
        Some("104857600"),
        "the largest file staff may attach, in bytes (default 100 MB)",
    ),
    var(
        "CLAMD_ADDRESS",
        false,
        Some("127.0.0.1:3310"),
        "the ClamAV daemon every attachment is scanned by: host:port or a Unix socket path; unreachable, uploads are refused",
    ),
    var(
        "AWS_REGION",
        false,
        None,
        "the S3 region (with ATTACHMENTS_STORAGE)",
    ),
    var(
        "AWS_ENDPOINT_URL",
        false,
        None,
        "another S3 endpoint than AWS's (MinIO, moto, a government cloud's), with ATTACHMENTS_STORAGE",
    ),
    var(
        "AWS_ACCESS_KEY_ID",
        false,
        None,
        "the S3 access key id (unset: the instance's role)",
    ),
    var(
        "AWS_SECRET_ACCESS_KEY",
        true,
        None,
        "the S3 secret access key",
    ),
    var(
        "INTAKE_HOTLINE_FORMS",
        false,
        None,
        "JSON list of short phone-intake forms served at /form/new/phone/<name>/ (see docs/staff-intake.md); unset: the Voting hotline form",
    ),
    var(
        "PUBLIC_SUBMIT_LIMIT",
        false,
        Some("20"),
        "reports one client network (an IPv4 address, an IPv6 /64) may file per hour; 0: no limit",
    ),
    var(
        "PUBLIC_DRAFT_LIMIT",
        false,
        Some("60"),
        "reports one client network may start per hour; 0: no limit",
    ),
    var(
        "AUTO_RESPONSE_LIMIT",
        false,
        Some("3"),
        "auto-responses one e-mail address gets per day (more reports are filed, without the letter); 0: no limit",
    ),
    var(
        "REPEAT_WRITER_EMAIL_REPORTS",
        false,
        Some("5"),
        "reports with one contact e-mail that flag them all as a repeat writer's (docs/staff-view.md); 0: off",
    ),
    var(
        "REPEAT_WRITER_DESCRIPTION_REPORTS",
        false,
        Some("3"),
        "reports with the same description (case, spacing and punctuation aside) that flag them all as a repeat writer's; 0: off",
    ),
    var(
        "NOTIFICATIONS_INTERVAL",
        false,
        Some("60"),
        "seconds between the server's passes over saved searches' automatic actions and staff notifications (docs/notifications.md); 0: neither",
    ),
    var(
        "NOTIFICATIONS_DAY_STARTS_UTC",
        false,
        Some("12"),
        "the hour (0-23, UTC) daily digests go out, and weekly ones on Mondays",
    ),
    var(
        "CHALLENGE_SITE_KEY",
        false,
        None,
        "bot challenge (Cloudflare Turnstile or compatible) on the form's first step: the widget's site key (with CHALLENGE_SECRET_KEY; unset: no challenge)",
    ),
    var(
        "CHALLENGE_SECRET_KEY",
        true,
        None,
        "the bot challenge's secret key, for verifying answers server-side",
    ),
    var(
        "CHALLENGE_VERIFY_URL",
        false,
        Some("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
        "where challenge answers are verified",
    ),
    var(
        "CHALLENGE_SCRIPT_URL",
        false,
        Some("https://challenges.cloudflare.com/turnstile/v0/api.js"),
        "the challenge widget's script (its origin is allowed by the pages' Content-Security-Policy)",
    ),
    var(
        "AUTH_SSO_ENVIRONMENTS",
        false,
        Some("PRODUCTION,STAGE"),
        "environments where staff sign in with single sign-on (comma-separated, or NONE); where it is on, password sign-in is off and AUTH_SERVER, AUTH_CLIENT_ID and AUTH_PORTAL_GROUPS are required",
    ),
    var(
        "AUTH_SERVER",
        false,
        None,
        "single sign-on: the identity provider's issuer address (https:// when deployed)",
    ),
    var(
        "AUTH_CLIENT_ID",
        false,
        None,
        "single sign-on: the portal's client id at the provider",
    ),
    var(
        "AUTH_CLIENT_SECRET",
        true,
        None,
        "single sign-on: the client secret, when the provider gives one",
    ),
    var(
        "AUTH_AUDIENCE",
        false,
        None,
        "single sign-on: what the ID token's audience must contain (default: AUTH_CLIENT_ID)",
    ),
    var(
        "AUTH_RELYING_PARTY_ID",
        false,
        None,
        "single sign-on: the portal's address as registered with the provider; the redirect URI is this plus /auth/callback (default: SITE_URL)",
    ),
    var(
        "AUTH_USERNAME_CLAIM",
        false,
        Some("email"),
        "single sign-on: the ID token claim that is the username",
    ),
    var(
        "AUTH_GROUP_CLAIM",
        false,
        Some("groups"),
        "single sign-on: the claim listing the person's groups (from the ID token, else the userinfo endpoint)",
    ),
    var(
        "AUTH_SCOPES",
        false,
        Some("openid email profile"),
        "single sign-on: the scopes asked for (space-separated; openid is always added)",
    ),
    var(
        "AUTH_PORTAL_GROUPS",
        false,
        None,
        "single sign-on: groups whose members may use the staff view (comma-separated)",
    ),
    var(
        "AUTH_SECTION_GROUPS",
        false,
        None,
        "single sign-on: group=SECTION pairs giving a new account its section (e.g. crt-housing=HCE,crt-voting=VOT)",
    ),
    var(
        "AUTH_CA_BUNDLE",
        false,
        None,
        "single sign-on: a PEM file (or the PEM text) of extra CA certificates trusted for the provider's TLS only",
    ),
    var(
        "AUTH_ALLOW_EMERGENCY_LOCAL",
        false,
        Some("false"),
        "where single sign-on is on, accounts created with crt-admin user create --emergency-local may still use a password (each such sign-in is logged at warn)",
    ),
    var(
        "AUTH_ACCESS_CONTACT",
        false,
        Some("your section's portal administrator"),
        "whom a staff member without access to the staff view is told to ask",
    ),
];

/// Every variable the settings read, in the order `check-config` lists them.
pub const VARIABLES: &[Variable] = &TABLE;

const NAMES: [&str; TABLE.len()] = {
    let mut names = [""; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        names[i] = TABLE[i].name;
        i += 1;
    }
    names
};

/// The names of [`VARIABLES`] (for `crt-admin check-config`).
pub const KNOWN: &[&str] = &NAMES;

/// The table's entry for `name`.
pub fn variable(name: &str) -> Option<&'static Variable> {
    VARIABLES.iter().find(|v| v.name == name)
}
