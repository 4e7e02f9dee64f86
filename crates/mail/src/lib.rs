//! # crt-mail
//!
//! The e-mail adapter: durable outbox worker, TMS API client, SMTP sender and
//! recipient policy. It implements the domain's sender port and depends on
//! `crt-domain` only. Built by the e-mail issue; empty until then so the
//! workspace layout (and its dependency direction) is fixed from the start.
