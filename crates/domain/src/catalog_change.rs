//! Operators' changes to the protected-class catalog (the seed's first
//! task), as pure functions: each takes today's options and returns the
//! options after the change, checked against the catalog's invariants, plus
//! a description of what changes. `crt-admin protected-class …` shows that
//! description with `--dry-run` and otherwise applies it in one transaction.

use crate::protected_class::{
    OTHER, ProtectedClassCatalog, ProtectedClassOption, in_form_order, other_last,
};

/// One change to the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogChange {
    /// A new option, offered after `after` (default: just before "Other reason").
    Add {
        /// Stored value (lower case, digits, underscores).
        value: String,
        /// Staff-view code.
        code: String,
        /// Public label.
        label: String,
        /// Offer it after this value.
        after: Option<String>,
    },
    /// New label and/or code; the stored value never changes.
    Rename {
        /// Which option.
        value: String,
        /// New label.
        label: Option<String>,
        /// New code.
        code: Option<String>,
    },
    /// Move an active option to a 1-based position on the form.
    Reorder {
        /// Which option.
        value: String,
        /// 1-based position ("Other reason" stays last).
        position: usize,
    },
    /// Stop offering an option; reports keep it.
    Retire {
        /// Which option.
        value: String,
    },
    /// Offer a retired option again, just before "Other reason".
    Restore {
        /// Which option.
        value: String,
    },
    /// Re-link every report of `duplicate` to `into`, then delete `duplicate`.
    Merge {
        /// The option to remove.
        duplicate: String,
        /// The option to keep.
        into: String,
    },
}

impl CatalogChange {
    /// The change's name in the audit trail.
    pub fn action(&self) -> &'static str {
        match self {
            Self::Add { .. } => "add",
            Self::Rename { .. } => "rename",
            Self::Reorder { .. } => "reorder",
            Self::Retire { .. } => "retire",
            Self::Restore { .. } => "restore",
            Self::Merge { .. } => "merge",
        }
    }

    /// For a merge, the option removed and the one kept.
    pub fn merge(&self) -> Option<(&str, &str)> {
        match self {
            Self::Merge { duplicate, into } => Some((duplicate.as_str(), into.as_str())),
            _ => None,
        }
    }
}

/// The catalog after a change and what changes, line by line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogPlan {
    /// Every option after the change.
    pub options: Vec<ProtectedClassOption>,
    /// Human-readable lines ("retire national_origin_… (form_order 7 → none)").
    pub lines: Vec<String>,
}

fn find<'a>(
    opts: &'a mut [ProtectedClassOption],
    value: &str,
) -> Result<&'a mut ProtectedClassOption, String> {
    opts.iter_mut()
        .find(|o| o.value == value)
        .ok_or_else(|| format!("there is no protected class {value:?}"))
}

/// The active options' values in form order, "Other reason" last.
fn active_order(opts: &[ProtectedClassOption]) -> Vec<String> {
    in_form_order(opts)
        .into_iter()
        .map(|o| o.value.clone())
        .collect()
}

/// Where an option offered "just before Other reason" goes in `order`.
fn before_other(order: &[String]) -> usize {
    order.iter().position(|v| v == OTHER).unwrap_or(order.len())
}

/// Renumbers the active options 0.. in the given order ("Other" forced last).
fn renumber(opts: &mut [ProtectedClassOption], mut order: Vec<String>) {
    // A stable sort: the other options keep the order given.
    order.sort_by_key(|v| other_last(v, ()));
    for o in opts.iter_mut() {
        o.form_order = order.iter().position(|v| *v == o.value).map(|p| p as i32);
    }
}

fn valid_value(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 100
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Plans a change. Errors name the problem (unknown value, a taken value or
/// code, a broken invariant).
pub fn plan(
    current: &[ProtectedClassOption],
    change: &CatalogChange,
) -> Result<CatalogPlan, String> {
    let mut opts = current.to_vec();
    let mut lines = Vec::new();
    let before: Vec<(String, Option<i32>)> = opts
        .iter()
        .map(|o| (o.value.clone(), o.form_order))
        .collect();
    match change {
        CatalogChange::Add {
            value,
            code,
            label,
            after,
        } => {
            if !valid_value(value) {
                return Err(format!(
                    "{value:?}: a value is lower-case letters, digits and underscores"
                ));
            }
            if opts.iter().any(|o| &o.value == value) {
                return Err(format!(
                    "{value:?} already exists (restore it if it is retired)"
                ));
            }
            let mut order = active_order(&opts);
            let at = match after {
                Some(a) => order
                    .iter()
                    .position(|v| v == a)
                    .map(|p| p + 1)
                    .ok_or_else(|| format!("{a:?} is not offered on the form"))?,
                None => before_other(&order),
            };
            order.insert(at, value.clone());
            opts.push(ProtectedClassOption {
                value: value.clone(),
                code: code.clone(),
                label: label.clone(),
                form_order: Some(0),
            });
            renumber(&mut opts, order);
            lines.push(format!("add {value} (code {code:?}, label {label:?})"));
        }
        CatalogChange::Rename { value, label, code } => {
            let o = find(&mut opts, value)?;
            if let Some(l) = label {
                lines.push(format!("rename {value}: label {:?} → {l:?}", o.label));
                o.label = l.clone();
            }
            if let Some(c) = code {
                lines.push(format!("rename {value}: code {:?} → {c:?}", o.code));
                o.code = c.clone();
            }
            if lines.is_empty() {
                return Err("give --label and/or --code".into());
            }
        }
        CatalogChange::Reorder { value, position } => {
            let mut order = active_order(&opts);
            let from = order
                .iter()
                .position(|v| v == value)
                .ok_or_else(|| format!("{value:?} is not offered on the form"))?;
            if value == OTHER {
                return Err("\"Other reason\" always stays last".into());
            }
            let last = order.len() - usize::from(order.iter().any(|v| v == OTHER));
            if *position == 0 || *position > last {
                return Err(format!("position must be between 1 and {last}"));
            }
            let v = order.remove(from);
            order.insert(position - 1, v);
            renumber(&mut opts, order);
        }
        CatalogChange::Retire { value } => {
            let mut order = active_order(&opts);
            find(&mut opts, value)?;
            let Some(i) = order.iter().position(|v| v == value) else {
                return Err(format!("{value:?} is already retired"));
            };
            order.remove(i);
            renumber(&mut opts, order);
        }
        CatalogChange::Restore { value } => {
            let mut order = active_order(&opts);
            find(&mut opts, value)?;
            if order.contains(value) {
                return Err(format!("{value:?} is already offered"));
            }
            let at = before_other(&order);
            order.insert(at, value.clone());
            renumber(&mut opts, order);
        }
        CatalogChange::Merge { duplicate, into } => {
            if duplicate == into {
                return Err("merge needs two different options".into());
            }
            find(&mut opts, into)?;
            find(&mut opts, duplicate)?;
            let order: Vec<String> = active_order(&opts)
                .into_iter()
                .filter(|v| v != duplicate)
                .collect();
            opts.retain(|o| &o.value != duplicate);
            renumber(&mut opts, order);
            lines.push(format!("merge {duplicate} into {into}: its reports are re-linked to {into}, then {duplicate} is deleted"));
        }
    }
    for o in &opts {
        let old = before.iter().find(|(v, _)| *v == o.value).map(|(_, f)| *f);
        if let Some(old) = old
            && old != o.form_order
        {
            let show =
                |f: Option<i32>| f.map_or("retired".to_owned(), |n| format!("position {}", n + 1));
            lines.push(format!(
                "{}: {} → {}",
                o.value,
                show(old),
                show(o.form_order)
            ));
        }
    }
    ProtectedClassCatalog::new(opts.clone())
        .map_err(|e| format!("the change would break the catalog: {e}"))?;
    Ok(CatalogPlan {
        options: opts,
        lines,
    })
}

#[cfg(test)]
mod tests;
