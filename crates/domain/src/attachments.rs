//! Staff attachments: the files kept with a report (the letter it came in,
//! e-mails exchanged, evidence a person sends). Which files are allowed
//! (by extension and by their first bytes together, one list here), the
//! attachment as stored, and random object keys. The public form takes no
//! files.

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::report::ReportId;

/// Database id of an attachment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AttachmentId(pub i64);

/// An attachment as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// Database id.
    pub id: AttachmentId,
    /// The report it belongs to.
    pub report_id: ReportId,
    /// Where the bytes are in object storage (random; never the file name).
    pub object_key: String,
    /// The name it was uploaded with (shown, and offered on download).
    pub file_name: String,
    /// The type its content was recognised as.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes (hex), checked by `crt-admin attachments verify`.
    pub sha256: String,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When.
    pub uploaded_at: DateTime<Utc>,
    /// When it was removed (kept for the retention rules), if it was.
    pub removed_at: Option<DateTime<Utc>>,
    /// Who removed it.
    pub removed_by: Option<String>,
}

/// A kind of file staff may attach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKind {
    /// What staff read ("PDF document").
    pub name: &'static str,
    /// The type the download is served as.
    pub content_type: &'static str,
    /// The extensions it may have (lower case, without the dot).
    pub extensions: &'static [&'static str],
    /// How its content is recognised.
    pub magic: Magic,
}

/// How a kind's content is recognised from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Magic {
    /// Starts with these bytes.
    Prefix(&'static [u8]),
    /// One of these prefixes.
    AnyPrefix(&'static [&'static [u8]]),
    /// A ZIP container (Office Open XML: .docx, .xlsx, .pptx).
    Zip,
    /// An OLE2 compound file (old Office, Outlook .msg).
    Ole,
    /// Text: valid UTF-8 (or plain ASCII) without NUL bytes.
    Text,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Every kind of file staff may attach: the one list to change.
pub const ALLOWED: &[FileKind] = &[
    FileKind {
        name: "PDF document",
        content_type: "application/pdf",
        extensions: &["pdf"],
        magic: Magic::Prefix(b"%PDF-"),
    },
    FileKind {
        name: "PNG image",
        content_type: "image/png",
        extensions: &["png"],
        magic: Magic::Prefix(b"\x89PNG\r\n\x1a\n"),
    },
    FileKind {
        name: "JPEG image",
        content_type: "image/jpeg",
        extensions: &["jpg", "jpeg"],
        magic: Magic::Prefix(&[0xFF, 0xD8, 0xFF]),
    },
    FileKind {
        name: "GIF image",
        content_type: "image/gif",
        extensions: &["gif"],
        magic: Magic::AnyPrefix(&[b"GIF87a", b"GIF89a"]),
    },
    FileKind {
        name: "TIFF image",
        content_type: "image/tiff",
        extensions: &["tif", "tiff"],
        magic: Magic::AnyPrefix(&[b"II*\x00", b"MM\x00*"]),
    },
    FileKind {
        name: "Word document",
        content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extensions: &["docx"],
        magic: Magic::Zip,
    },
    FileKind {
        name: "Excel workbook",
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        extensions: &["xlsx"],
        magic: Magic::Zip,
    },
    FileKind {
        name: "PowerPoint presentation",
        content_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        extensions: &["pptx"],
        magic: Magic::Zip,
    },
    FileKind {
        name: "Word 97-2003 document",
        content_type: "application/msword",
        extensions: &["doc"],
        magic: Magic::Ole,
    },
    FileKind {
        name: "Excel 97-2003 workbook",
        content_type: "application/vnd.ms-excel",
        extensions: &["xls"],
        magic: Magic::Ole,
    },
    FileKind {
        name: "Outlook message",
        content_type: "application/vnd.ms-outlook",
        extensions: &["msg"],
        magic: Magic::Ole,
    },
    FileKind {
        name: "E-mail message",
        content_type: "message/rfc822",
        extensions: &["eml"],
        magic: Magic::Text,
    },
    FileKind {
        name: "Plain text",
        content_type: "text/plain; charset=utf-8",
        extensions: &["txt"],
        magic: Magic::Text,
    },
];

/// How many first bytes [`recognise`] looks at.
pub const SNIFF_BYTES: usize = 512;

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileRefusal {
    /// Its extension is not one of the allowed kinds.
    #[error(
        "{name}: files of this type cannot be attached. Allowed: PDF, images (PNG, JPEG, GIF, TIFF), Word, Excel and PowerPoint documents, plain text and e-mail files (.eml, .msg)."
    )]
    Extension {
        /// The file's name.
        name: String,
    },
    /// Its content is not what its extension says.
    #[error(
        "{name}: the file's content is not a {kind} as its name says. Save it again in that format, or give it the right extension."
    )]
    Mismatch {
        /// The file's name.
        name: String,
        /// What the extension promised.
        kind: &'static str,
    },
    /// It is empty.
    #[error("{name}: the file is empty.")]
    Empty {
        /// The file's name.
        name: String,
    },
    /// It is larger than the limit.
    #[error("{name}: the file is larger than {limit} (ATTACHMENT_MAX_BYTES).")]
    TooLarge {
        /// The file's name.
        name: String,
        /// The limit, as people read it.
        limit: String,
    },
    /// A virus scanner found something.
    #[error("{name}: the virus scanner found {signature}. The file was not stored.")]
    Infected {
        /// The file's name.
        name: String,
        /// The signature's name.
        signature: String,
    },
}

fn matches(magic: Magic, head: &[u8]) -> bool {
    match magic {
        Magic::Prefix(p) => head.starts_with(p),
        Magic::AnyPrefix(ps) => ps.iter().any(|p| head.starts_with(p)),
        Magic::Zip => head.starts_with(ZIP),
        Magic::Ole => head.starts_with(OLE),
        Magic::Text => {
            !head.contains(&0)
                && match std::str::from_utf8(head) {
                    Ok(_) => true,
                    // The head may end in the middle of a character.
                    Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
                }
        }
    }
}

/// The kind of a file from its name and first bytes (up to
/// [`SNIFF_BYTES`]): both must agree.
///
/// Errors: `Empty`, `Extension` or `Mismatch`.
pub fn recognise(name: &str, head: &[u8]) -> Result<&'static FileKind, FileRefusal> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind = ALLOWED
        .iter()
        .find(|k| k.extensions.contains(&extension.as_str()))
        .ok_or_else(|| FileRefusal::Extension {
            name: name.to_owned(),
        })?;
    if head.is_empty() {
        return Err(FileRefusal::Empty {
            name: name.to_owned(),
        });
    }
    if matches(kind.magic, head) {
        Ok(kind)
    } else {
        Err(FileRefusal::Mismatch {
            name: name.to_owned(),
            kind: kind.name,
        })
    }
}

/// The name a file is kept and offered under: its last path segment,
/// without control characters, at most 200 characters ("attachment" when
/// nothing is left).
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "attachment".to_owned()
    } else {
        cleaned
    }
}

/// A new random object key under `reports/<id>/` (the uploaded name is
/// never part of it).
pub fn new_object_key(report: ReportId) -> String {
    let bytes: [u8; 16] = rand::rng().random();
    format!("reports/{}/{}", report.0, hex::encode(bytes))
}

/// Bytes as people read them: "100 MB", "512 KB", "12 bytes".
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes.div_ceil(MB))
    } else if bytes >= 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_and_content_must_agree() {
        assert_eq!(
            recognise("Letter.PDF", b"%PDF-1.7\n...")
                .unwrap()
                .content_type,
            "application/pdf"
        );
        assert_eq!(
            recognise("scan.jpeg", &[0xFF, 0xD8, 0xFF, 0xE0])
                .unwrap()
                .name,
            "JPEG image"
        );
        assert_eq!(
            recognise("notes.docx", b"PK\x03\x04rest").unwrap().name,
            "Word document"
        );
        assert_eq!(
            recognise("mail.msg", OLE).unwrap().content_type,
            "application/vnd.ms-outlook"
        );
        assert!(recognise("mail.eml", b"From: a@example.org\r\nSubject: x\r\n").is_ok());
        assert!(recognise("notas.txt", "Sí, señor".as_bytes()).is_ok());
        // A head cut in the middle of a character is still text.
        let cut = &"한국어".as_bytes()[..5];
        assert!(recognise("k.txt", cut).is_ok());
        // A page pretending to be a PDF, a program, a zip renamed .pdf.
        assert!(matches!(
            recognise("invoice.pdf", b"<html><script>"),
            Err(FileRefusal::Mismatch { .. })
        ));
        assert!(matches!(
            recognise("tool.exe", b"MZ\x90\x00"),
            Err(FileRefusal::Extension { .. })
        ));
        assert!(matches!(
            recognise("page.html", b"<html>"),
            Err(FileRefusal::Extension { .. })
        ));
        assert!(matches!(
            recognise("image.svg", b"<svg>"),
            Err(FileRefusal::Extension { .. })
        ));
        assert!(matches!(
            recognise("x.pdf", b"PK\x03\x04"),
            Err(FileRefusal::Mismatch { .. })
        ));
        assert!(matches!(
            recognise("bin.txt", b"abc\x00def"),
            Err(FileRefusal::Mismatch { .. })
        ));
        assert!(matches!(
            recognise("empty.pdf", b""),
            Err(FileRefusal::Empty { .. })
        ));
        assert!(matches!(
            recognise("no-extension", b"%PDF-"),
            Err(FileRefusal::Extension { .. })
        ));
    }

    #[test]
    fn names_are_cleaned_and_keys_are_random() {
        assert_eq!(clean_file_name("C:\\Users\\ana\\letter.pdf"), "letter.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b\r\n.pdf"), "ab.pdf");
        assert_eq!(clean_file_name(".."), "attachment");
        assert_eq!(clean_file_name(""), "attachment");
        assert_eq!(clean_file_name(&"x".repeat(300)).chars().count(), 200);
        let a = new_object_key(ReportId(7));
        let b = new_object_key(ReportId(7));
        assert_ne!(a, b);
        assert!(a.starts_with("reports/7/") && a.len() == "reports/7/".len() + 32);
        assert_eq!(human_size(100 * 1024 * 1024), "100 MB");
        assert_eq!(human_size(1500), "2 KB");
        assert_eq!(human_size(12), "12 bytes");
    }
}
