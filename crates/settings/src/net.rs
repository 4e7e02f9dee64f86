//! `;`-separated network lists (`TMS_WEBHOOK_ALLOWED_CIDR_NETS`,
//! `TRUSTED_PROXY_NETS`).

use std::{fmt, net::IpAddr};

use crate::SettingsError;

/// A `;`-separated list of networks (`10.0.0.0/8;2001:db8::/32`), a bare
/// address meaning just it, or `*` for any address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum NetList {
    /// `*`
    Any,
    /// These networks (empty: nobody).
    #[default]
    None,
    /// These networks.
    Nets(Vec<ipnet::IpNet>),
}

impl NetList {
    /// Parses the list; `variable` names it in the error.
    pub fn parse(variable: &'static str, text: &str) -> Result<Self, SettingsError> {
        let items: Vec<&str> = text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Ok(Self::None);
        }
        if items.contains(&"*") {
            return Ok(Self::Any);
        }
        let mut nets = Vec::new();
        for item in items {
            // A network, else a bare address; neither parser's error says
            // more than the message below.
            let net = item
                .parse::<ipnet::IpNet>()
                .ok()
                .or_else(|| item.parse::<IpAddr>().ok().map(ipnet::IpNet::from))
                .ok_or_else(|| SettingsError {
                    variable,
                    problem: format!(
                        "{item:?} is not a network like 10.0.0.0/8 or 2001:db8::/32 (or * for any)"
                    ),
                })?;
            nets.push(net.trunc());
        }
        Ok(Self::Nets(nets))
    }

    /// Whether `ip` is inside (an IPv4-mapped IPv6 address counts as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match self {
            Self::Any => true,
            Self::None => false,
            Self::Nets(nets) => nets.iter().any(|n| n.contains(&ip)),
        }
    }

    /// Whether the list admits nobody.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::None)
    }
}

impl fmt::Display for NetList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Any => f.write_str("* (any address)"),
            Self::None => f.write_str("(none)"),
            Self::Nets(n) => {
                let v: Vec<String> = n.iter().map(ToString::to_string).collect();
                f.write_str(&v.join("; "))
            }
        }
    }
}
