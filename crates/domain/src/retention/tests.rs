use chrono::TimeZone;

use super::*;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

fn schedule(code: &str, years: Option<u32>) -> Schedule {
    Schedule {
        code: code.into(),
        name: code.into(),
        authority: "DAA-TEST-0001".into(),
        years,
        active: true,
        position: 0,
    }
}

fn staff(name: &str, groups: &[&str]) -> User {
    User {
        id: 1,
        username: name.into(),
        email: None,
        display_name: name.into(),
        active: true,
        portal_access: true,
        section: None,
        groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        emergency_local: false,
    }
}

fn batch(proposed_by: &str, approvals: &[&str]) -> Batch {
    Batch {
        id: BatchId(7),
        state: BatchState::Proposed,
        proposed_by: proposed_by.into(),
        proposed_at: at(2026, 1, 1),
        dispose_after: at(2026, 2, 1),
        approvals: approvals
            .iter()
            .map(|a| Approval {
                approver: (*a).into(),
                at: at(2026, 1, 2),
            })
            .collect(),
        decided_by: None,
        decided_at: None,
        rejection_reason: None,
        disposed_at: None,
        reports: Vec::new(),
        report_count: 3,
    }
}

#[test]
fn a_schedule_runs_whole_years_from_closing() {
    let three = schedule("3-year", Some(3));
    assert_eq!(three.due_on(at(2023, 2, 28)), Some(at(2026, 2, 28)));
    // A leap day rolls back to the last day of February.
    assert_eq!(three.due_on(at(2024, 2, 29)), Some(at(2027, 2, 28)));
    assert_eq!(schedule("permanent", None).due_on(at(2020, 1, 1)), None);
    let now = at(2026, 12, 4);
    assert_eq!(three.cutoff(now), Some(at(2023, 12, 4)));
    let cut = cutoffs(&[three, schedule("permanent", None)], now);
    assert_eq!(cut, vec![("3-year".to_owned(), at(2023, 12, 4))]);
}

#[test]
fn schedule_codes() {
    assert_eq!(parse_code(" 7-Year ").unwrap(), "7-year");
    for bad in ["", "seven years", "7_year", &"x".repeat(41), "<b>"] {
        assert!(parse_code(bad).is_err(), "{bad}");
    }
}

#[test]
fn two_different_reviewers_approve_and_the_proposer_is_not_one() {
    let ana = staff("ana", &[RECORDS_GROUP]);
    let bo = staff("bo", &[RECORDS_GROUP]);
    let cy = staff("cy", &["crt-staff"]);
    assert_eq!(approve(&batch("ana", &[]), &ana), Err(BatchError::OwnBatch));
    assert_eq!(
        approve(&batch("ana", &[]), &cy),
        Err(BatchError::NotRecordsStaff)
    );
    assert_eq!(
        approve(&batch("crt-admin", &[]), &bo),
        Ok(Decision::Approve {
            approver: "bo".into(),
            completes: false
        })
    );
    assert_eq!(
        approve(&batch("crt-admin", &["bo"]), &bo),
        Err(BatchError::AlreadyApproved)
    );
    assert_eq!(
        approve(&batch("crt-admin", &["bo"]), &ana),
        Ok(Decision::Approve {
            approver: "ana".into(),
            completes: true
        })
    );
    let mut inactive = staff("di", &[RECORDS_GROUP]);
    inactive.active = false;
    assert_eq!(
        approve(&batch("x", &[]), &inactive),
        Err(BatchError::NotRecordsStaff)
    );
}

#[test]
fn only_a_waiting_batch_is_reviewed_and_a_rejection_says_why() {
    let ana = staff("ana", &[RECORDS_GROUP]);
    assert_eq!(
        reject(&batch("ana", &[]), &ana, "  "),
        Err(BatchError::ReasonMissing)
    );
    assert_eq!(
        reject(&batch("ana", &[]), &ana, &"x".repeat(REASON_CHARS + 1)),
        Err(BatchError::ReasonMissing)
    );
    assert_eq!(
        reject(&batch("ana", &[]), &ana, " 170-12 is in litigation "),
        Ok(Decision::Reject {
            reviewer: "ana".into(),
            reason: "170-12 is in litigation".into()
        })
    );
    for state in [
        BatchState::Approved,
        BatchState::Rejected,
        BatchState::Disposed,
    ] {
        let b = Batch {
            state,
            ..batch("x", &[])
        };
        assert!(matches!(approve(&b, &ana), Err(BatchError::Closed(_))));
        assert!(matches!(
            reject(&b, &ana, "why"),
            Err(BatchError::Closed(_))
        ));
    }
}
