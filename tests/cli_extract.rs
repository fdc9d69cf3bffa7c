//! CLI tests for `pactum extract` and `pactum ingest` on bad input: every bad file is
//! reported with its path and reason, the batch goes on, and the exit code is 2.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn pactum() -> Command {
    let mut c = Command::cargo_bin("pactum").expect("binary");
    c.env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).expect("write");
}

#[test]
fn issue2_bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", b"Acme will receive 20 percent of revenue.\n");
    write(d, "empty.txt", b"");
    write(d, "nul.txt", b"Some text\0with a NUL byte");
    write(d, "latin1.txt", b"Caf\xe9 owners keep 12 per cent.\n");
    write(d, "binary.md", &[0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]);
    let missing = d.join("does-not-exist.txt");
    let out = pactum()
        .arg("extract")
        .arg(d)
        .arg(&missing)
        .args(["--format", "jsonl"])
        .assert()
        .code(2);
    let out = out.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(
        stderr.contains("nul.txt: binary file (NUL byte at byte 9)"),
        "{stderr}"
    );
    assert!(stderr.contains("binary.md: binary file"), "{stderr}");
    assert!(
        stderr.contains("does-not-exist.txt: No such file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("latin1.txt: invalid UTF-8 at byte 3; decoded as Windows-1252"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn issue2_oversized_file_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // 100 MB of text, written sparsely fast: a sparse file of spaces is not possible,
    // so write real bytes once.
    let chunk = "The fee is 20 percent. ".repeat(4096);
    let mut data = String::with_capacity(100 * 1024 * 1024 + chunk.len());
    while data.len() < 100 * 1024 * 1024 {
        data.push_str(&chunk);
    }
    fs::write(&big, data).unwrap();
    write(dir.path(), "ok.txt", b"Fees rose 5%.\n");
    pactum()
        .arg("extract")
        .arg(dir.path())
        .args(["--format", "jsonl"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("big.txt: file is 104")
                .and(predicate::str::contains("above the limit")),
        );
}

#[cfg(unix)]
#[test]
fn issue2_unreadable_directory_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    write(&locked, "a.txt", b"x 5%");
    write(dir.path(), "ok.txt", b"Fees rose 5%.\n");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // root can read anything: the check only means something for other users.
    let readable = fs::read_dir(&locked).is_ok();
    let assert = pactum().arg("extract").arg(dir.path()).assert();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if readable {
        assert.code(0);
    } else {
        assert.code(2).stderr(
            predicate::str::contains("locked").and(predicate::str::contains("ermission denied")),
        );
    }
}

#[test]
fn issue2_stdin_is_read_with_dash() {
    pactum()
        .args(["extract", "-", "--format", "jsonl"])
        .write_stdin("Nothing to see here.\n")
        .assert()
        .success();
}

#[test]
fn issue2_json_output_is_one_valid_array() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Acme pays 20 percent.\n");
    write(dir.path(), "b.txt", b"Beta pays $3 billion.\n");
    let out = pactum()
        .arg("extract")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("valid JSON");
    assert!(v.is_array());
}

#[test]
fn issue2_ingest_summary_counts_failures() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "good.txt",
        b"Acme will receive 20 percent of revenue.\n",
    );
    write(dir.path(), "empty.txt", b"");
    pactum()
        .current_dir(dir.path())
        .args(["ingest", ".", "--format", "json"])
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains("\"failed\":1").and(predicate::str::contains("\"files\":1")),
        );
}

/// The article the product was conceived from: the license moves from 2030 to 2032, a
/// 20% revenue share, the parties by name. (Read from ../shared, like the evaluations.)
#[test]
fn seed_article_facts() {
    let seed = pactum::eval::shared_dir().join("seed/partnership-news.txt");
    let out = pactum()
        .arg("extract")
        .arg(&seed)
        .args(["--format", "jsonl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let facts: Vec<serde_json::Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let has = |kind: &str, text: &str| facts.iter().any(|f| f["kind"] == kind && f["text"] == text);
    for (kind, text) in [
        ("date", "2030"),
        ("date", "2032"),
        ("percent", "20 percent"),
        ("money", "$3 billion"),
        ("party", "Microsoft"),
        ("party", "OpenAI"),
        ("party", "Amazon Web Services"),
    ] {
        assert!(
            has(kind, text),
            "{kind} {text:?} not found in the seed article"
        );
    }
}
