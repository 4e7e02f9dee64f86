//! `crt-admin user …`: staff accounts. Passwords are read from standard
//! input (never from the command line, where `ps` and shell history would
//! show them) and stored as argon2 hashes.

use std::{io::BufRead, process::ExitCode};

use anyhow::{Context, anyhow};
use chrono::Utc;
use crt_domain::{
    accounts::{NewUser, hash_password, parse_username},
    choice::Choice,
    ports::{RepositoryError, UserRepository},
    report::Section,
    values::Email,
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create an account.
    Create {
        /// Sign-in name.
        username: String,
        /// E-mail address.
        #[arg(long)]
        email: Option<String>,
        /// Name shown in the staff view (default: the username).
        #[arg(long)]
        display_name: Option<String>,
        /// Give access to the staff view.
        #[arg(long)]
        staff: bool,
        /// Home section code (e.g. CRM).
        #[arg(long)]
        section: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// May sign in with this password even where single sign-on is on,
        /// when AUTH_ALLOW_EMERGENCY_LOCAL=true (for when the identity
        /// provider is down). Needs --password-stdin.
        #[arg(long, requires = "password_stdin")]
        emergency_local: bool,
    },
    /// Set an account's password (read from standard input).
    SetPassword {
        /// Sign-in name.
        username: String,
        /// Read the password from the first line of standard input (required).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Stop an account from signing in (its sessions end at once).
    Deactivate {
        /// Sign-in name.
        username: String,
    },
    /// Let a deactivated account sign in again.
    Activate {
        /// Sign-in name.
        username: String,
    },
    /// Add or remove an account's groups (e.g. `records`, which may review
    /// disposal batches). Under single sign-on the provider's groups
    /// replace these at each sign-in.
    Groups {
        /// Sign-in name.
        username: String,
        /// Groups to add.
        #[arg(long)]
        add: Vec<String>,
        /// Groups to remove.
        #[arg(long)]
        remove: Vec<String>,
    },
    /// Set (or with --clear remove) an account's e-mail address.
    SetEmail {
        /// Sign-in name.
        username: String,
        /// The address.
        #[arg(required_unless_present = "clear")]
        email: Option<String>,
        /// Remove the address.
        #[arg(long, conflicts_with = "email")]
        clear: bool,
    },
    /// List accounts.
    List,
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from stdin")?;
    let pw = line.trim_end_matches(['\n', '\r']).to_owned();
    if pw.is_empty() {
        return Err(anyhow!("no password on standard input"));
    }
    Ok(pw)
}

fn not_found(username: &str, e: RepositoryError) -> anyhow::Error {
    match e {
        RepositoryError::NotFound => anyhow!("no account named {username:?}"),
        other => other.into(),
    }
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    match cmd {
        Command::Create {
            username,
            email,
            display_name,
            staff,
            section,
            password_stdin,
            emergency_local,
        } => {
            let username = parse_username(&username).map_err(|e| anyhow!("{e}"))?;
            let email = email
                .map(|e| Email::parse(&e).map_err(|err| anyhow!("--email: {err}")))
                .transpose()?;
            let section = section
                .map(|s| {
                    s.trim()
                        .to_ascii_uppercase()
                        .parse::<Section>()
                        .map_err(|e| anyhow!("--section: {e}"))
                })
                .transpose()?;
            let password_hash = if password_stdin {
                Some(hash_password(&read_password()?).map_err(|e| anyhow!("{e}"))?)
            } else {
                None
            };
            let user = NewUser {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                email,
                portal_access: staff,
                section,
                password_hash,
                emergency_local,
            };
            match db.create_user(&user, Utc::now()).await {
                Ok(u) => {
                    println!(
                        "created {} (staff view: {}, password: {})",
                        u.username,
                        if u.portal_access { "yes" } else { "no" },
                        match (user.password_hash.is_some(), u.emergency_local) {
                            (true, true) =>
                                "set; emergency-local (usable where single sign-on is on only when AUTH_ALLOW_EMERGENCY_LOCAL=true)",
                            (true, false) => "set",
                            (false, _) => "none; single sign-on only",
                        }
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(RepositoryError::Duplicate(_)) => Err(anyhow!(
                    "an account named {:?} already exists",
                    user.username
                )),
                Err(e) => Err(e.into()),
            }
        }
        Command::SetPassword { username, .. } => {
            let hash = hash_password(&read_password()?).map_err(|e| anyhow!("{e}"))?;
            db.set_password(&username, &hash)
                .await
                .map_err(|e| not_found(&username, e))?;
            println!("password set for {username}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Deactivate { username } => {
            db.set_active(&username, false)
                .await
                .map_err(|e| not_found(&username, e))?;
            println!("deactivated {username}; their sessions have ended");
            Ok(ExitCode::SUCCESS)
        }
        Command::Activate { username } => {
            db.set_active(&username, true)
                .await
                .map_err(|e| not_found(&username, e))?;
            println!("activated {username}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Groups {
            username,
            add,
            remove,
        } => {
            let user = db
                .list_users()
                .await?
                .into_iter()
                .find(|u| u.username == username)
                .ok_or_else(|| anyhow!("no account named {username:?}"))?;
            let mut groups = user.groups;
            for g in add {
                let g = g.trim().to_owned();
                if g.is_empty() || g.contains(',') {
                    return Err(anyhow!("--add: a group name is not empty and has no comma"));
                }
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
            groups.retain(|g| !remove.iter().any(|r| r.trim() == g));
            db.set_groups(&username, &groups)
                .await
                .map_err(|e| not_found(&username, e))?;
            println!(
                "{username}: groups {}",
                if groups.is_empty() {
                    "(none)".into()
                } else {
                    groups.join(",")
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::SetEmail {
            username,
            email,
            clear: _,
        } => {
            let email = email
                .map(|e| Email::parse(&e).map_err(|err| anyhow!("e-mail address: {err}")))
                .transpose()?;
            db.set_email(&username, email.as_ref())
                .await
                .map_err(|e| not_found(&username, e))?;
            match email {
                Some(e) => println!("{username}: e-mail address {}", e.as_str()),
                None => println!("{username}: no e-mail address"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::List => {
            println!(
                "username\tactive\tstaff\tsection\temail\tdisplay name\temergency-local\tgroups"
            );
            for u in db.list_users().await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    u.username,
                    if u.active { "yes" } else { "no" },
                    if u.portal_access { "yes" } else { "no" },
                    u.section.map_or("", |s| s.value()),
                    u.email.as_ref().map_or("", |e| e.as_str()),
                    u.display_name,
                    if u.emergency_local { "yes" } else { "no" },
                    u.groups.join(",")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
