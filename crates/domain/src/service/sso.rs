//! Staff single sign-on (OpenID Connect authorization-code flow): starting
//! a sign-in, finishing it when the provider sends the browser back, and
//! the provider's logout. The provider adapter checks tokens; this service
//! holds the rules around them:
//!
//! - each sign-in in progress is stored under a hash of its `state`, bound
//!   to the browser that started it (a random cookie, stored hashed), used
//!   once and for at most [`flow_length`];
//! - the username comes from the provider's username claim; portal access
//!   needs one of the portal groups, checked and stored at every sign-in;
//!   a new account may get a section from its groups;
//! - a refused sign-in leaves no session.

use std::sync::Arc;

use chrono::Duration;

use super::sign_in::{SignedIn, StaffToken, session_length};
use crate::{
    accounts::{SsoLink, SsoUser, parse_username},
    ports::{
        Clock, IdentityProvider, ProviderError, RepositoryError, SsoFlow, SsoFlowRepository,
        StaffSessionRepository, UserRepository,
    },
    report::Section,
    values::Email,
};

/// How long a browser may take at the provider before its sign-in expires.
pub fn flow_length() -> Duration {
    Duration::minutes(10)
}

/// Who gets in, decided from the provider's groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupPolicy {
    /// `AUTH_PORTAL_GROUPS`: one of these grants portal access.
    pub portal_groups: Vec<String>,
    /// `AUTH_SECTION_GROUPS`: the section a new account gets from its
    /// groups (the first listed pair that matches).
    pub section_groups: Vec<(String, Section)>,
}

impl GroupPolicy {
    /// Whether these groups grant portal access.
    pub fn grants_access(&self, groups: &[String]) -> bool {
        groups.iter().any(|g| self.portal_groups.contains(g))
    }

    /// The section these groups give a new account.
    pub fn section_for(&self, groups: &[String]) -> Option<Section> {
        self.section_groups
            .iter()
            .find(|(g, _)| groups.contains(g))
            .map(|(_, s)| *s)
    }
}

/// A sign-in sent to the provider.
pub struct Started {
    /// Where to send the browser (holds the state and nonce: never printed).
    pub redirect_to: String,
    /// The value for the browser's binding cookie.
    pub browser_token: StaffToken,
}

impl std::fmt::Debug for Started {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Started(***)")
    }
}

/// Why a single sign-on did not open a session. The `Display` text is
/// what the person reads; [`SsoError::reason`] is for the log.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    /// No sign-in in progress has this `state`: used already, expired and
    /// purged, or never issued here.
    #[error("This sign-in link was already used or has expired. Please start again.")]
    UnknownState,
    /// The sign-in took longer than [`flow_length`].
    #[error("This sign-in took too long and has expired. Please start again.")]
    Expired,
    /// The answer came to a browser that did not start this sign-in.
    #[error("This sign-in was started in another browser or window. Please start again here.")]
    OtherBrowser,
    /// The provider answered with an error (e.g. `access_denied`).
    #[error("The Division's sign-in service did not sign you in. Please start again.")]
    ProviderSaid(String),
    /// The answer carried neither a code nor an error.
    #[error("The sign-in answer was incomplete. Please start again.")]
    NoCode,
    /// The provider could not be reached.
    #[error(
        "The Division's sign-in service cannot be reached right now. Please try again in a few minutes."
    )]
    Unreachable(String),
    /// The code or the ID token was refused.
    #[error("Your sign-in could not be verified. Please start again.")]
    Refused(String),
    /// The username claim is missing or not a usable username.
    #[error("Your Division account did not give this portal a username it can use.")]
    NoUsername(String),
    /// Signed in at the provider, but in none of the portal groups.
    #[error("Your Division account is not in a group that may use the staff view.")]
    NoPortalGroup {
        /// The username.
        username: String,
        /// The groups the provider gave.
        groups: Vec<String>,
    },
    /// The account was deactivated here.
    #[error("This account has been deactivated.")]
    Inactive {
        /// The username.
        username: String,
    },
    /// The username belongs to an account linked to another identity at
    /// the provider, or to an emergency-local account.
    #[error("This username belongs to another account here. Ask for help to sort it out.")]
    NotYours {
        /// The username.
        username: String,
        /// Why.
        why: &'static str,
    },
    /// Storing or reading failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

impl SsoError {
    /// What the log line says (never a token or a code).
    pub fn reason(&self) -> String {
        match self {
            Self::UnknownState => "unknown, used or purged state".to_owned(),
            Self::Expired => "sign-in flow expired".to_owned(),
            Self::OtherBrowser => "state from another browser".to_owned(),
            Self::ProviderSaid(e) => format!("provider answered with error {e:?}"),
            Self::NoCode => "answer without code or error".to_owned(),
            Self::Unreachable(e) => format!("provider unreachable: {e}"),
            Self::Refused(e) => e.clone(),
            Self::NoUsername(e) => format!("no usable username: {e}"),
            Self::NoPortalGroup { username, groups } => {
                format!("{username} is in no portal group (groups: {groups:?})")
            }
            Self::Inactive { username } => format!("{username} is deactivated"),
            Self::NotYours { username, why } => format!("{username}: {why}"),
            Self::Repository(e) => format!("storage: {e}"),
        }
    }
}

impl From<ProviderError> for SsoError {
    fn from(e: ProviderError) -> Self {
        match e {
            ProviderError::Unreachable(m) => Self::Unreachable(m),
            e @ (ProviderError::CodeRefused(_) | ProviderError::BadToken(_)) => {
                Self::Refused(e.to_string())
            }
        }
    }
}

/// What the provider sent the browser back with (`/auth/callback`'s query).
#[derive(Clone, Copy, Default)]
pub struct ProviderAnswer<'a> {
    /// `state`.
    pub state: &'a str,
    /// `code`, on success.
    pub code: Option<&'a str>,
    /// `error`, on failure.
    pub error: Option<&'a str>,
}

impl std::fmt::Debug for ProviderAnswer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderAnswer")
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// The "staff single sign-on" use case.
#[derive(Clone)]
pub struct SingleSignOn {
    /// The OpenID Connect provider.
    pub provider: Arc<dyn IdentityProvider>,
    /// Sign-ins in progress.
    pub flows: Arc<dyn SsoFlowRepository>,
    /// The staff accounts.
    pub users: Arc<dyn UserRepository>,
    /// Sessions.
    pub sessions: Arc<dyn StaffSessionRepository>,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// Who gets in.
    pub policy: GroupPolicy,
}

impl SingleSignOn {
    /// Starts a sign-in that will open `next` (a local path the caller
    /// checked).
    ///
    /// Errors: `Unreachable`; `Repository`.
    pub async fn start(&self, next: &str) -> Result<Started, SsoError> {
        let request = self.provider.authorization_request().await?;
        let browser_token = StaffToken::generate();
        let now = self.clock.now();
        self.flows
            .create_flow(
                &StaffToken::key_of(&request.state),
                &SsoFlow {
                    browser_key: browser_token.key(),
                    nonce: request.nonce,
                    pkce_verifier: request.pkce_verifier,
                    next: next.to_owned(),
                    created_at: now,
                    expires_at: now + flow_length(),
                },
            )
            .await?;
        Ok(Started {
            redirect_to: request.url,
            browser_token,
        })
    }

    /// Finishes a sign-in: the provider's `answer`, in the browser whose
    /// binding cookie is `browser` (if it has one). On success, a new
    /// session and the page to open.
    ///
    /// Errors: any variant.
    pub async fn finish(
        &self,
        answer: ProviderAnswer<'_>,
        browser: Option<&StaffToken>,
    ) -> Result<(SignedIn, String), SsoError> {
        // Taken (deleted) before anything else is checked: whatever happens
        // next, this state cannot be used again.
        let flow = self
            .flows
            .take_flow(&StaffToken::key_of(answer.state))
            .await?
            .ok_or(SsoError::UnknownState)?;
        let now = self.clock.now();
        if now >= flow.expires_at {
            return Err(SsoError::Expired);
        }
        if browser.map(StaffToken::key).as_deref() != Some(flow.browser_key.as_str()) {
            return Err(SsoError::OtherBrowser);
        }
        if let Some(e) = answer.error {
            return Err(SsoError::ProviderSaid(e.chars().take(100).collect()));
        }
        let code = answer.code.ok_or(SsoError::NoCode)?;
        let identity = self
            .provider
            .redeem(code, &flow.pkce_verifier, &flow.nonce)
            .await?;
        let claimed = identity.username.as_deref().ok_or_else(|| {
            SsoError::NoUsername(format!(
                "the token for subject {:?} has no (verified) username claim",
                identity.subject
            ))
        })?;
        let mut username = parse_username(claimed)
            .map_err(|e| SsoError::NoUsername(format!("{claimed:?}: {}", e.0)))?;
        // An address is one account however the provider capitalises it.
        if username.contains('@') {
            username = username.to_lowercase();
        }
        let groups = identity.groups.unwrap_or_default();
        let account = SsoUser {
            username: username.clone(),
            subject: format!("{} {}", identity.issuer, identity.subject),
            email: identity.email.as_deref().and_then(|e| Email::parse(e).ok()),
            display_name: identity.name.filter(|n| !n.trim().is_empty()),
            section_if_new: self.policy.section_for(&groups),
            portal_access: self.policy.grants_access(&groups),
            groups: groups.clone(),
        };
        let link = match self.users.upsert_sso_user(&account, now).await {
            // Two first sign-ins of one new account at once: the other one
            // created it; this one now finds it.
            Err(RepositoryError::Duplicate(_)) => self.users.upsert_sso_user(&account, now).await?,
            other => other?,
        };
        let user = match link {
            SsoLink::Ready(user) => user,
            SsoLink::OtherSubject(_) => {
                return Err(SsoError::NotYours {
                    username,
                    why: "the account is linked to another subject at the provider",
                });
            }
            SsoLink::EmergencyLocal(_) => {
                return Err(SsoError::NotYours {
                    username,
                    why: "an emergency-local account does not sign in through single sign-on",
                });
            }
        };
        if !user.active {
            return Err(SsoError::Inactive { username });
        }
        if !user.portal_access {
            return Err(SsoError::NoPortalGroup { username, groups });
        }
        let token = StaffToken::generate();
        self.sessions
            .create_sso_session(
                &token.key(),
                user.id,
                now,
                now + session_length(),
                &identity.id_token,
            )
            .await?;
        Ok((
            SignedIn {
                user,
                token,
                emergency: false,
            },
            flow.next,
        ))
    }

    /// Ends `token`'s session, and says where to send the browser so the
    /// provider ends its session too (`None`: the session did not come
    /// from single sign-on, or the provider has no logout endpoint, or its
    /// discovery document is not at hand: signing out never waits for the
    /// provider).
    ///
    /// Errors: storing failed (the session may remain).
    pub async fn sign_out(
        &self,
        token: &StaffToken,
        post_logout_redirect: &str,
    ) -> Result<Option<String>, RepositoryError> {
        let id_token = self.sessions.session_id_token(&token.key()).await;
        self.sessions.delete_session(&token.key()).await?;
        let Some(id_token) = id_token.ok().flatten() else {
            return Ok(None);
        };
        Ok(self
            .provider
            .logout_url(&id_token, post_logout_redirect)
            .await)
    }
}
