//! Attachments' settings: a local directory or S3, the size limit, the
//! scanner's address, and a bound S3 service read from VCAP_SERVICES.

use crate::{AttachmentStorage, Secret, tests::read};

#[test]
fn attachments_are_kept_locally_or_in_s3_and_a_bound_s3_service_is_read() {
    let local = read(&[]).unwrap().attachments;
    assert!(
        matches!(&local.storage, AttachmentStorage::Local(d) if d.ends_with("data/attachments"))
    );
    assert_eq!(local.max_bytes, 100 * 1024 * 1024);
    assert_eq!(local.clamd_address, "127.0.0.1:3310");
    let s3 = read(&[
        ("ATTACHMENTS_STORAGE", "s3://records/portal/files/"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
        ("AWS_SECRET_ACCESS_KEY", "shh"),
        ("ATTACHMENT_MAX_BYTES", "2048"),
        ("CLAMD_ADDRESS", "/run/clamav/clamd.ctl"),
    ])
    .unwrap()
    .attachments;
    match &s3.storage {
        AttachmentStorage::S3 {
            bucket,
            prefix,
            endpoint,
            secret_access_key,
            ..
        } => {
            assert_eq!(
                (bucket.as_str(), prefix.as_str()),
                ("records", "portal/files")
            );
            assert_eq!(endpoint.as_deref(), Some("http://127.0.0.1:5000"));
            assert_eq!(secret_access_key.as_ref().map(Secret::expose), Some("shh"));
            assert!(
                !format!("{s3:?}").contains("shh"),
                "the secret is never shown"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s3.max_bytes, 2048);
    for (k, v, why) in [
        ("ATTACHMENTS_STORAGE", "/srv/files", "is not s3://"),
        ("ATTACHMENTS_STORAGE", "s3://", "names no bucket"),
        ("ATTACHMENT_MAX_BYTES", "0", "at least 1"),
        ("ATTACHMENT_MAX_BYTES", "100MB", "not a number of bytes"),
    ] {
        let e = read(&[(k, v)]).unwrap_err();
        assert_eq!(e.variable, k);
        assert!(e.problem.contains(why), "{k}={v}: {e:?}");
    }
    // Deployed, S3 is reached over TLS only.
    let key = "k".repeat(40);
    let e = read(&[
        ("ENV", "STAGE"),
        ("SECRET_KEY", &key),
        ("SITE_URL", "https://portal.example"),
        ("ATTACHMENTS_STORAGE", "s3://b"),
        ("AWS_ENDPOINT_URL", "http://s3.internal"),
    ])
    .unwrap_err();
    assert_eq!(e.variable, "AWS_ENDPOINT_URL");
    // Cloud Foundry: a bound S3 service gives the bucket, keys and endpoint.
    let vcap = r#"{"s3": [{"credentials": {"bucket": "cg-123", "region": "us-gov-west-1",
        "access_key_id": "AKIA1", "secret_access_key": "s3cr3t", "fips_endpoint": "s3-fips.us-gov-west-1.amazonaws.com"}}]}"#;
    let bound = read(&[("VCAP_SERVICES", vcap)]).unwrap().attachments;
    match bound.storage {
        AttachmentStorage::S3 {
            bucket,
            region,
            endpoint,
            access_key_id,
            ..
        } => {
            assert_eq!(bucket, "cg-123");
            assert_eq!(region.as_deref(), Some("us-gov-west-1"));
            assert_eq!(
                endpoint.as_deref(),
                Some("https://s3-fips.us-gov-west-1.amazonaws.com")
            );
            assert_eq!(access_key_id.as_deref(), Some("AKIA1"));
        }
        other => panic!("{other:?}"),
    }
}
