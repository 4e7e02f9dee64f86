//! Precompresses the static files at build time: for every file under
//! `static/`, a content hash for its cache-busting name and, for text
//! (CSS, JS, SVG, …), its brotli and gzip forms, all embedded by
//! `src/assets.rs` through the table written to `$OUT_DIR/assets.rs`.

use std::{
    fmt::Write as _,
    fs,
    io::Write as _,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn compressible(path: &str) -> bool {
    matches!(
        path.rsplit('.').next().unwrap_or(""),
        "css" | "js" | "svg" | "txt" | "md" | "json" | "map"
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../../static");
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    println!("cargo:rerun-if-changed={}", root.display());
    let mut all = Vec::new();
    files(&root, &mut all)?;
    all.sort();
    let mut table = String::from("&[\n");
    for (i, file) in all.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file
            .strip_prefix(&root)?
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = fs::read(file)?;
        let hash = hex(&Sha256::digest(&bytes)[..6]);
        let raw = file.canonicalize()?;
        let (mut br, mut gz) = ("None".to_owned(), "None".to_owned());
        if compressible(&rel) && bytes.len() > 256 {
            let mut b = Vec::new();
            {
                let mut w = brotli::CompressorWriter::new(&mut b, 4096, 11, 22);
                w.write_all(&bytes)?;
            }
            let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            g.write_all(&bytes)?;
            let g = g.finish()?;
            if b.len() < bytes.len() {
                let p = out.join(format!("asset-{i}.br"));
                fs::write(&p, &b)?;
                br = format!("Some(include_bytes!({:?}))", p.display().to_string());
            }
            if g.len() < bytes.len() {
                let p = out.join(format!("asset-{i}.gz"));
                fs::write(&p, &g)?;
                gz = format!("Some(include_bytes!({:?}))", p.display().to_string());
            }
        }
        writeln!(
            table,
            "    Asset {{ path: {rel:?}, hash: {hash:?}, raw: include_bytes!({:?}), br: {br}, gz: {gz} }},",
            raw.display().to_string()
        )?;
    }
    table.push(']');
    fs::write(out.join("assets.rs"), table)?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
