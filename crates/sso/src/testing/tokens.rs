//! The test provider's ID tokens: signed as a provider signs them, or
//! forged as an attacker would.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{Duration, Utc};
use openidconnect::{
    AccessToken, AccessTokenHash, Audience, EndUserEmail, EndUserName, IdTokenClaims, IssuerUrl,
    LocalizedClaim, Nonce, StandardClaims, SubjectIdentifier, core::CoreJwsSigningAlgorithm,
};

use super::{CLIENT_ID, CLIENT_SECRET, KEY_A, KEY_B, Person, key};
use crate::{IdToken, OtherClaims};

/// How the next ID token is made wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forgery {
    /// A correct token.
    None,
    /// `aud` is another client.
    WrongAudience,
    /// `aud` is exactly this list (e.g. `AUTH_AUDIENCE` alone, or the
    /// client id with an untrusted extra).
    Audience(&'static [&'static str]),
    /// `iss` is another provider.
    WrongIssuer,
    /// Expired ten minutes ago.
    Expired,
    /// Issued now, but `nbf` ten minutes from now.
    NotYetValid,
    /// `iat` ten minutes from now.
    IssuedInTheFuture,
    /// Signed by another key under the published key's id.
    BadSignature,
    /// `alg: none`, no signature.
    AlgNone,
    /// HS256 keyed with the client secret (which the portal knows too).
    HmacWithClientSecret,
    /// Signed by the second key, whose id the keys list only after
    /// [`TestProvider::rotate_keys`].
    UnknownKid,
    /// A nonce other than the one the portal sent.
    WrongNonce,
    /// No nonce.
    MissingNonce,
    /// An `at_hash` that does not match the access token.
    BadAtHash,
}

pub(super) fn id_token(
    issuer: &str,
    person: &Person,
    nonce: Option<String>,
    access: &str,
    forgery: Forgery,
) -> Result<String, String> {
    let now = Utc::now();
    let (iat, exp) = match forgery {
        Forgery::Expired => (now - Duration::minutes(20), now - Duration::minutes(10)),
        Forgery::IssuedInTheFuture => (now + Duration::minutes(10), now + Duration::minutes(20)),
        _ => (now, now + Duration::minutes(5)),
    };
    let iss = match forgery {
        Forgery::WrongIssuer => "https://other-provider.example".to_owned(),
        _ => issuer.to_owned(),
    };
    let aud: Vec<Audience> = match forgery {
        Forgery::WrongAudience => vec![Audience::new("another-client".to_owned())],
        Forgery::Audience(list) => list
            .iter()
            .map(|a| Audience::new((*a).to_owned()))
            .collect(),
        _ => vec![Audience::new(CLIENT_ID.to_owned())],
    };
    let mut other = OtherClaims::default();
    if !person.groups_in_userinfo {
        other
            .claims
            .insert("groups".into(), serde_json::json!(person.groups));
    }
    if forgery == Forgery::NotYetValid {
        other.claims.insert(
            "nbf".into(),
            serde_json::json!((now + Duration::minutes(10)).timestamp()),
        );
    }
    let standard = StandardClaims::new(SubjectIdentifier::new(person.subject.clone()))
        .set_email(Some(EndUserEmail::new(person.email.clone())))
        .set_email_verified(person.email_verified)
        .set_name(Some(LocalizedClaim::from(EndUserName::new(
            person.name.clone(),
        ))));
    let nonce = match forgery {
        Forgery::WrongNonce => Some("not-the-nonce-that-was-sent".to_owned()),
        Forgery::MissingNonce => None,
        _ => nonce,
    };
    let claims = IdTokenClaims::new(
        IssuerUrl::new(iss).map_err(|e| e.to_string())?,
        aud,
        exp,
        iat,
        standard,
        other,
    )
    .set_nonce(nonce.map(Nonce::new));
    let access = AccessToken::new(access.to_owned());
    let alg = CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256;
    let signer = match forgery {
        Forgery::BadSignature => key(KEY_B, "key-a"),
        Forgery::UnknownKid => key(KEY_B, "key-b"),
        _ => key(KEY_A, "key-a"),
    };
    if forgery == Forgery::HmacWithClientSecret {
        let hmac = openidconnect::core::CoreHmacKey::new(CLIENT_SECRET.as_bytes().to_vec());
        return IdToken::new(
            claims,
            &hmac,
            CoreJwsSigningAlgorithm::HmacSha256,
            Some(&access),
            None,
        )
        .map(|t| t.to_string())
        .map_err(|e| e.to_string());
    }
    let signed = if forgery == Forgery::BadAtHash {
        let claims =
            claims.set_access_token_hash(Some(AccessTokenHash::new("bm90LXRoZS1oYXNo".to_owned())));
        IdToken::new(claims, &signer, alg, None, None)
    } else {
        IdToken::new(claims, &signer, alg, Some(&access), None)
    }
    .map_err(|e| e.to_string())?
    .to_string();
    if forgery == Forgery::AlgNone {
        let mut parts = signed.split('.');
        let _signed_header = parts.next();
        let payload = parts.next().unwrap_or_default();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT","kid":"key-a"}"#);
        return Ok(format!("{header}.{payload}."));
    }
    Ok(signed)
}
