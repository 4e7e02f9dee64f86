use chrono::TimeZone;

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

fn worked() -> StaffFields {
    StaffFields {
        status: Status::Open,
        assigned_to: Some("ana".into()),
        primary_statute: Some("144".into()),
        district: Some("16".into()),
        dj_number: Some("170-16-1".into()),
        referred: true,
        ..StaffFields::new_report(Section::Voting, "why".into())
    }
}

#[test]
fn section_change_resets_the_report() {
    let change = StaffChange {
        assigned_section: Some(Section::Criminal),
        ..Default::default()
    };
    let (next, log) = apply_change(&worked(), &change, "bo", now()).unwrap();
    assert_eq!(next.assigned_section, Section::Criminal);
    assert_eq!((next.status, next.assigned_to.clone()), (Status::New, None));
    assert_eq!(
        (next.primary_statute, next.district, next.dj_number),
        (None, None, None)
    );
    assert!(!next.referred);
    let verbs: Vec<_> = log.iter().map(|a| a.verb.as_str()).collect();
    assert_eq!(
        verbs,
        [
            "Assigned section:",
            "Assigned to:",
            "Status:",
            "Primary classification:",
            "District:",
            "DJ number:",
            "Secondary review:"
        ]
    );
    assert_eq!(log[0].old_value.as_deref(), Some("VOT"));
    assert_eq!(log[0].new_value.as_deref(), Some("CRM"));
    assert!(log.iter().all(|a| a.actor == "bo" && a.at == now()));
}

#[test]
fn same_section_changes_nothing() {
    let change = StaffChange {
        assigned_section: Some(Section::Voting),
        ..Default::default()
    };
    let (next, log) = apply_change(&worked(), &change, "bo", now()).unwrap();
    assert_eq!(next, worked());
    assert!(log.is_empty());
}

#[test]
fn closing_sets_date_and_removes_assignee() {
    let change = StaffChange {
        status: Some(Status::Closed),
        ..Default::default()
    };
    let (next, log) = apply_change(&worked(), &change, "bo", now()).unwrap();
    assert_eq!(next.closed_date, Some(now()));
    assert_eq!(next.assigned_to, None);
    assert_eq!(log[1].verb, "Report closed and Assignee removed");
    // Re-opening clears the closed date.
    let reopen = StaffChange {
        status: Some(Status::Open),
        ..Default::default()
    };
    let (again, _) = apply_change(&next, &reopen, "bo", now()).unwrap();
    assert_eq!(again.closed_date, None);
}

#[test]
fn litigation_hold_blocks_everything_but_lifting_it() {
    let held = StaffFields {
        litigation_hold: true,
        ..worked()
    };
    let change = StaffChange {
        status: Some(Status::Closed),
        ..Default::default()
    };
    assert_eq!(
        apply_change(&held, &change, "bo", now()),
        Err(ChangeError::LitigationHold)
    );
    let both = StaffChange {
        litigation_hold: Some(false),
        summary: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        apply_change(&held, &both, "bo", now()),
        Err(ChangeError::LitigationHold)
    );
    let lift = StaffChange {
        litigation_hold: Some(false),
        ..Default::default()
    };
    let (next, log) = apply_change(&held, &lift, "bo", now()).unwrap();
    assert!(!next.litigation_hold);
    assert_eq!(log.len(), 1);
    let comment = StaffChange {
        comment: Some("looked".into()),
        ..Default::default()
    };
    assert!(apply_change(&held, &comment, "bo", now()).is_ok());
}

#[test]
fn codes_and_comments_are_checked() {
    let bad = StaffChange {
        primary_statute: Some(Some("999".into())),
        ..Default::default()
    };
    assert!(matches!(
        apply_change(&worked(), &bad, "bo", now()),
        Err(ChangeError::Invalid(_))
    ));
    let bad = StaffChange {
        district: Some(Some("11X".into())),
        ..Default::default()
    };
    assert!(matches!(
        apply_change(&worked(), &bad, "bo", now()),
        Err(ChangeError::Invalid(_))
    ));
    let bad = StaffChange {
        comment: Some("  ".into()),
        ..Default::default()
    };
    assert!(matches!(
        apply_change(&worked(), &bad, "bo", now()),
        Err(ChangeError::Invalid(_))
    ));
    let ok = StaffChange {
        district: Some(Some("11E".into())),
        comment: Some("called".into()),
        summary: Some("s".into()),
        ..Default::default()
    };
    let (next, log) = apply_change(&worked(), &ok, "bo", now()).unwrap();
    assert_eq!(next.district.as_deref(), Some("11E"));
    assert_eq!(next.summary.as_deref(), Some("s"));
    let verbs: Vec<_> = log.iter().map(|a| a.verb.as_str()).collect();
    assert_eq!(verbs, ["District:", "Updated summary:", "Added comment:"]);
}

#[test]
fn the_section_reset_holds_when_the_same_save_sets_status_and_assignee() {
    let change = StaffChange {
        assigned_section: Some(Section::Criminal),
        status: Some(Status::Closed),
        assigned_to: Some(Some("cy".into())),
        primary_statute: Some(Some("50".into())),
        ..Default::default()
    };
    let (next, log) = apply_change(&worked(), &change, "bo", now()).unwrap();
    assert_eq!(next.assigned_section, Section::Criminal);
    assert_eq!(
        (next.status, next.assigned_to.clone(), next.closed_date),
        (Status::New, None, None),
        "a report moved to another section starts afresh there"
    );
    assert_eq!((next.primary_statute, next.district), (None, None));
    assert_eq!(
        log.last().map(|a| a.verb.as_str()),
        Some("Secondary review:"),
        "the reset is logged last: {log:?}"
    );
}
