use super::*;

#[test]
fn browsers_tags_map_to_our_languages() {
    assert_eq!(match_tag("es-MX"), Some("es"));
    assert_eq!(match_tag("zh-TW"), Some("zh-hant"));
    assert_eq!(match_tag("zh-Hant-HK"), Some("zh-hant"));
    assert_eq!(match_tag("zh-HK"), Some("zh-hant"));
    assert_eq!(match_tag("zh-CN"), Some("zh-hans"));
    assert_eq!(match_tag("zh"), Some("zh-hans"));
    assert_eq!(match_tag("zh-Hans-SG"), Some("zh-hans"));
    assert_eq!(match_tag("fil-PH"), Some("tl"));
    assert_eq!(match_tag("ko-KR"), Some("ko"));
    assert_eq!(match_tag("vi"), Some("vi"));
    assert_eq!(match_tag("fr-FR"), None);
    assert_eq!(match_tag(""), None);
}

#[test]
fn accept_language_is_read_by_weight() {
    assert_eq!(negotiate("ko-KR,ko;q=0.9,en-US;q=0.8"), Some("ko"));
    assert_eq!(negotiate("fr-FR,fr;q=0.9,es;q=0.8,en;q=0.7"), Some("es"));
    assert_eq!(negotiate("en;q=0.5, vi;q=0.9"), Some("vi"));
    assert_eq!(negotiate("de, zh-TW;q=0.3"), Some("zh-hant"));
    assert_eq!(negotiate("es;q=0, en;q=0.1"), Some("en"));
    assert_eq!(negotiate("de-DE, fr"), None);
    assert_eq!(negotiate(""), None);
    assert_eq!(negotiate("*"), None);
    // Garbage weights are skipped, not fatal.
    assert_eq!(negotiate("es;q=abc, tl"), Some("tl"));
}

#[test]
fn codes_and_tags_are_found_case_blind() {
    assert_eq!(language("zh-Hant").map(|l| l.code), Some("zh-hant"));
    assert_eq!(language("ES").map(|l| l.tag), Some("es"));
    assert!(language("fr").is_none());
    assert_eq!(LANGUAGES.len(), 7);
}

#[test]
fn english_formats_with_arguments_and_never_blank() {
    let m = Messages::load().unwrap();
    assert_eq!(
        m.text(
            "en",
            "error-too-long",
            &[("max", 100usize.into()), ("count", 120usize.into())]
        ),
        "Ensure this value has at most 100 characters (it has 120)."
    );
    assert_eq!(
        m.text(
            "en",
            "letter-date",
            &[
                ("month", 3i64.into()),
                ("day", 7i64.into()),
                ("year", 2026i64.into())
            ]
        ),
        "March 7, 2026"
    );
    // A missing id shows itself, never nothing.
    assert_eq!(m.text("es", "no-such-message", &[]), "no-such-message");
    assert!(m.get("fr", "site-name", &[]).is_none());
}
