//! `crt-admin token …`: personal API tokens. The secret is printed once,
//! as the last line of `create`'s output (so a script can take it with
//! `tail -n 1`); only a hash of it is stored.

use std::{process::ExitCode, sync::Arc};

use chrono::{DateTime, Utc};
use crt_domain::{
    ports::{ApiTokenInfo, RepositoryError, SystemClock},
    service::{ApiTokens, DEFAULT_TOKEN_DAYS},
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Make a token for a staff account; prints the token once, on the last line.
    Create {
        /// The account the token acts as.
        username: String,
        /// What the token is for (e.g. "weekly export script").
        #[arg(long)]
        name: String,
        /// Reads only: every write through the API is refused.
        #[arg(long)]
        read_only: bool,
        /// Days until the token stops working (1 to 366).
        #[arg(long, default_value_t = DEFAULT_TOKEN_DAYS)]
        expires_days: u32,
    },
    /// List tokens (never their secrets), of every account or one.
    List {
        /// Only this account's tokens.
        username: Option<String>,
    },
    /// Revoke a token at once.
    Revoke {
        /// The token's id (from `token list`).
        id: i64,
    },
}

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(
        || "-".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}

fn status(t: &ApiTokenInfo, now: DateTime<Utc>) -> &'static str {
    if t.revoked_at.is_some() {
        "revoked"
    } else if t.expires_at <= now {
        "expired"
    } else {
        "active"
    }
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    let db = Arc::new(super::open(url).await?);
    let tokens = ApiTokens {
        users: db.clone(),
        tokens: db,
        clock: Arc::new(SystemClock),
    };
    match cmd {
        Command::Create {
            username,
            name,
            read_only,
            expires_days,
        } => {
            let (info, secret) = tokens
                .create(&username, &name, read_only, Some(expires_days))
                .await?;
            println!(
                "token {} for {} ({}{}), expires {}",
                info.id,
                info.username,
                info.name,
                if info.read_only { ", read-only" } else { "" },
                when(Some(info.expires_at))
            );
            println!(
                "Keep it now: it is shown only this once. Use it as: Authorization: Bearer <token>"
            );
            println!("{}", secret.expose());
            Ok(ExitCode::SUCCESS)
        }
        Command::List { username } => {
            let now = Utc::now();
            println!("id\tusername\tname\taccess\tcreated\texpires\tlast used\tstatus");
            for t in tokens.list(username.as_deref()).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    t.id,
                    t.username,
                    t.name,
                    if t.read_only {
                        "read-only"
                    } else {
                        "read-write"
                    },
                    when(Some(t.created_at)),
                    when(Some(t.expires_at)),
                    when(t.last_used_at),
                    status(&t, now)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Revoke { id } => match tokens.revoke(id).await {
            Ok(t) => {
                println!("revoked token {} ({}) of {}", t.id, t.name, t.username);
                Ok(ExitCode::SUCCESS)
            }
            Err(RepositoryError::NotFound) => Err(anyhow::anyhow!("no token with id {id}")),
            Err(e) => Err(e.into()),
        },
    }
}
