use super::*;
use crate::protected_class::current_options;

fn order(p: &CatalogPlan) -> Vec<String> {
    active_order(&p.options)
}

#[test]
fn add_retire_restore_reorder() {
    let cur = current_options();
    let p = plan(
        &cur,
        &CatalogChange::Add {
            value: "veteran".into(),
            code: "Veteran".into(),
            label: "Veteran status".into(),
            after: None,
        },
    )
    .unwrap();
    let o = order(&p);
    assert_eq!(o[o.len() - 2], "veteran");
    assert_eq!(o.last().map(String::as_str), Some("other"));
    let p = plan(
        &cur,
        &CatalogChange::Add {
            value: "veteran".into(),
            code: "Veteran".into(),
            label: "Veteran status".into(),
            after: Some("age".into()),
        },
    )
    .unwrap();
    assert_eq!(order(&p)[1], "veteran");

    let p = plan(
        &cur,
        &CatalogChange::Retire {
            value: "gun_ownership".into(),
        },
    )
    .unwrap();
    assert!(!order(&p).contains(&"gun_ownership".to_string()));
    assert!(
        p.options
            .iter()
            .any(|o| o.value == "gun_ownership" && o.form_order.is_none()),
        "kept for old reports"
    );
    assert!(
        p.lines
            .iter()
            .any(|l| l == "gun_ownership: position 6 → retired"),
        "{:?}",
        p.lines
    );
    let back = plan(
        &p.options,
        &CatalogChange::Restore {
            value: "gun_ownership".into(),
        },
    )
    .unwrap();
    assert_eq!(order(&back)[order(&back).len() - 2], "gun_ownership");

    let p = plan(
        &cur,
        &CatalogChange::Reorder {
            value: "religion".into(),
            position: 1,
        },
    )
    .unwrap();
    assert_eq!(order(&p)[0], "religion");
    assert_eq!(order(&p).last().map(String::as_str), Some("other"));
}

#[test]
fn refusals() {
    let cur = current_options();
    let add = |v: &str, c: &str| CatalogChange::Add {
        value: v.into(),
        code: c.into(),
        label: "L".into(),
        after: None,
    };
    assert!(
        plan(&cur, &add("age", "X"))
            .unwrap_err()
            .contains("already exists")
    );
    assert!(
        plan(&cur, &add("new_one", "Age"))
            .unwrap_err()
            .contains("code"),
        "duplicate code"
    );
    assert!(plan(&cur, &add("Bad Value", "X")).is_err());
    assert!(
        plan(
            &cur,
            &CatalogChange::Reorder {
                value: "other".into(),
                position: 1
            }
        )
        .is_err()
    );
    assert!(
        plan(
            &cur,
            &CatalogChange::Reorder {
                value: "age".into(),
                position: 99
            }
        )
        .is_err()
    );
    assert!(
        plan(
            &cur,
            &CatalogChange::Retire {
                value: "nope".into()
            }
        )
        .is_err()
    );
    assert!(
        plan(
            &cur,
            &CatalogChange::Restore {
                value: "age".into()
            }
        )
        .is_err()
    );
    assert!(
        plan(
            &cur,
            &CatalogChange::Merge {
                duplicate: "age".into(),
                into: "age".into()
            }
        )
        .is_err()
    );
    assert!(
        plan(
            &cur,
            &CatalogChange::Rename {
                value: "age".into(),
                label: None,
                code: None
            }
        )
        .is_err()
    );
}

#[test]
fn rename_and_merge() {
    let cur = current_options();
    let p = plan(
        &cur,
        &CatalogChange::Rename {
            value: "age".into(),
            label: Some("Age (any)".into()),
            code: None,
        },
    )
    .unwrap();
    let age = p.options.iter().find(|o| o.value == "age").unwrap();
    assert_eq!(
        (age.value.as_str(), age.label.as_str()),
        ("age", "Age (any)"),
        "the value never changes"
    );
    let p = plan(
        &cur,
        &CatalogChange::Merge {
            duplicate: "sex".into(),
            into: "gender".into(),
        },
    )
    .unwrap();
    assert!(!p.options.iter().any(|o| o.value == "sex"));
    assert_eq!(p.options.len(), cur.len() - 1);
}
