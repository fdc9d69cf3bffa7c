//! CLI tests of the index: `pactum ingest` writing an index, `search`, `show`, `stats`,
//! incremental re-ingest, pruning, the writer lock, and a `kill -9` mid-ingest.
//! Each test runs the real binary in its own temp dir.

use std::fs;
use std::path::Path;
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn pactum(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("pactum").unwrap();
    c.current_dir(dir)
        .env_remove("PACTUM_INDEX")
        .env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

const MSA: &str = "# Master Services Agreement\n\n\
## 1. Definitions\n\nThe parties hereto agree that terms have the meanings below.\n\n\
## 2. Termination\n\nEither party may terminate this Agreement for convenience upon thirty days notice.\n\n\
### 2.1 Effect of Termination\n\nUpon termination all licenses end and the parties shall settle accounts.\n\n\
## 3. Governing Law\n\nThis Agreement is governed by the laws of Delaware.\n";

fn corpus(dir: &Path) {
    write(dir, "corpus/msa.md", MSA);
    write(
        dir,
        "corpus/news/acme.txt",
        "Acme shares rose sharply on Monday.\n\nAnalysts expect a merger with Globex next spring.\n",
    );
    // one family, versions that sort differently as strings and as versions
    for v in ["9.0", "10.0"] {
        write(
            dir,
            &format!("corpus/versions/widget-terms/{v}.md"),
            &format!(
                "# Widget Terms\n\n## 1. Fees\n\nThe customer shall pay the widget fee of version {v}.\n\n\
                 ## 2. Term\n\nThese terms continue until terminated by either party hereto.\n"
            ),
        );
    }
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
}

fn ingest(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = pactum(dir)
        .arg("ingest")
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json(&out)
}

fn search_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = pactum(dir)
        .arg("search")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    json(&out.stdout)
}

#[test]
fn ingest_then_search_phrase_and_fields() {
    let t = TempDir::new().unwrap();
    corpus(t.path());
    let s = ingest(t.path(), &["corpus"]);
    assert_eq!(s["new"], 4);
    assert!(t.path().join(".pactum/meta.json").is_file());

    let r = search_json(t.path(), &["\"terminate this agreement\""]);
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits[0]["path"], "corpus/msa.md");
    assert_eq!(hits[0]["number"], "2");
    assert_eq!(hits[0]["heading"], "Termination");
    let snippet = hits[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("«terminate»"), "{snippet}");

    // stemming: `terminated` finds `terminate`; heading field
    let r = search_json(t.path(), &["heading:termination"]);
    let headings: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["heading"].as_str())
        .collect();
    assert!(headings.contains(&"Termination"), "{headings:?}");
    assert!(headings.contains(&"Effect of Termination"), "{headings:?}");
    assert!(!headings.contains(&"Governing Law"));

    // boolean operators
    let r = search_json(t.path(), &["merger AND NOT delaware"]);
    assert_eq!(r["hits"][0]["path"], "corpus/news/acme.txt");
    let r = search_json(t.path(), &["delaware OR globex"]);
    assert_eq!(r["hits"].as_array().unwrap().len(), 2);

    // filters
    let r = search_json(t.path(), &["delaware", "--kind", "news"]);
    assert!(r["hits"].as_array().unwrap().is_empty());
    let r = search_json(t.path(), &["delaware", "--kind", "contract"]);
    assert_eq!(r["hits"][0]["path"], "corpus/msa.md");
    let r = search_json(t.path(), &["terms", "--family", "widget-terms", "--latest"]);
    let versions: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["version"].as_str().unwrap())
        .collect();
    assert!(!versions.is_empty());
    assert!(versions.iter().all(|v| *v == "10.0"), "{versions:?}");
}

#[test]
fn words_spread_over_clauses_give_a_document_hit() {
    let t = TempDir::new().unwrap();
    corpus(t.path());
    ingest(t.path(), &["corpus"]);
    // `delaware` (§3) and `licenses` (§2.1) are in no single clause
    let r = search_json(t.path(), &["delaware licenses"]);
    let hit = &r["hits"][0];
    assert_eq!(hit["unit"], "document");
    assert_eq!(hit["path"], "corpus/msa.md");
}

#[test]
fn document_hits_meet_every_filter_in_one_clause() {
    let t = TempDir::new().unwrap();
    // The words `referral` and `payout` are in no single clause, so only document hits
    // can match. In `split.md` the revenue-share clause says 8% and the 25% is a late
    // fee elsewhere; in `joint.md` the revenue-share clause itself says 25%.
    let doc = |share: &str, other: &str| {
        format!(
            "# Referral Agreement\n\nThis Referral Agreement (the \"Agreement\") is entered \
             into by and between Northwind LLC (\"Partner\") and Tailspin Inc. (\"Company\").\n\n\
             ## 1. Referral\n\nThe referral program is described in Exhibit A and starts on \
             signature.\n\n## 2. Revenue Share\n\nPartner shall pay Company {share} of all Net \
             Revenue received from referred customers each quarter.\n\n## 3. Late Fees\n\n\
             Overdue amounts bear a late fee of {other} of the payout per month.\n\n\
             ## 4. Governing Law\n\nThis Agreement shall be governed by the laws of the State \
             of Delaware.\n"
        )
    };
    write(
        t.path(),
        "corpus/split.md",
        &doc("eight percent (8%)", "25%"),
    );
    write(
        t.path(),
        "corpus/joint.md",
        &doc("twenty-five percent (25%)", "2%"),
    );
    ingest(t.path(), &["corpus"]);
    let r = search_json(
        t.path(),
        &[
            "referral payout",
            "--type",
            "revenue_share",
            "--where",
            "percent > 15",
        ],
    );
    let hits = r["hits"].as_array().unwrap();
    let paths: Vec<&str> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["corpus/joint.md"], "{r}");
    assert_eq!(hits[0]["unit"], "document");
    // the hit points at the clause that met the filters, and shows its 25%
    assert_eq!(hits[0]["label"], "(whole document, §2 Revenue Share)");
    assert_eq!(
        hits[0]["facts"][0]["text"], "twenty-five percent (25%)",
        "{r}"
    );
}

#[test]
fn sub_clauses_are_found_by_the_headings_above_them() {
    let t = TempDir::new().unwrap();
    write(
        t.path(),
        "corpus/supply.txt",
        "SUPPLY AGREEMENT\n\nThis Supply Agreement is entered into by and between Fabrikam \
         Inc. (\"Supplier\") and Contoso Ltd. (\"Buyer\").\n\n\
         1. Delivery\n\nSupplier shall deliver the goods to the Buyer's warehouse.\n\n\
         2. Termination\n\n2.1 Either party may end this Agreement for convenience upon \
         thirty (30) days' written notice.\n\n2.2 Buyer may end this Agreement at once \
         if Supplier becomes insolvent.\n",
    );
    ingest(t.path(), &["corpus"]);
    // The values of `field` over the hits of `query`.
    let hits = |query: &str, field: &str| -> Vec<String> {
        let r = search_json(t.path(), &[query]);
        r["hits"]
            .as_array()
            .unwrap_or_else(|| panic!("{query}: {r}"))
            .iter()
            .filter_map(|h| h[field].as_str().map(str::to_owned))
            .collect()
    };
    // `2.1` does not say `termination`; its section heading does.
    assert_eq!(hits("section:termination convenience", "number"), ["2.1"]);
    // Plain words reach the section heading too.
    assert_eq!(hits("termination insolvent", "number"), ["2.2"]);
    // `heading:` stays the clause's own heading.
    assert_eq!(hits("heading:termination", "number"), ["2"]);
    // Delivery is no section of 2.1: only the whole document has both words.
    assert_eq!(hits("section:delivery convenience", "unit"), ["document"]);
}

#[test]
fn exit_codes_and_messages() {
    let t = TempDir::new().unwrap();
    // no index yet
    pactum(t.path())
        .args(["search", "anything"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pactum ingest corpus/"));
    corpus(t.path());
    ingest(t.path(), &["corpus"]);
    pactum(t.path())
        .args(["search", "zyzzyva"])
        .assert()
        .code(1);
    pactum(t.path())
        .args(["search", "\"termination for"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never closed"));
    pactum(t.path())
        .args(["search", "colour:red"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `colour`"));
    pactum(t.path())
        .args(["search", "x", "--where", "size > 5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind `size`"));
    // human output goes to stdout, the match is marked
    pactum(t.path())
        .args(["search", "globex"])
        .assert()
        .success()
        .stdout(predicate::str::contains("«Globex»"));
}

#[test]
fn index_dir_from_flag_and_env() {
    let t = TempDir::new().unwrap();
    corpus(t.path());
    ingest(t.path(), &["corpus", "--index", "idx"]);
    assert!(t.path().join("idx/meta.json").is_file());
    assert!(!t.path().join(".pactum").exists());
    pactum(t.path())
        .env("PACTUM_INDEX", "idx")
        .args(["search", "globex"])
        .assert()
        .success();
}

#[test]
fn reingest_is_incremental_and_prune_removes() {
    let t = TempDir::new().unwrap();
    corpus(t.path());
    ingest(t.path(), &["corpus"]);
    let s = ingest(t.path(), &["corpus"]);
    assert_eq!(
        (s["new"].as_u64(), s["changed"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(s["unchanged"], 4);

    write(
        t.path(),
        "corpus/news/acme.txt",
        "Acme shares fell on Tuesday.\n\nThe merger with Initech was called off.\n",
    );
    let s = ingest(t.path(), &["corpus"]);
    assert_eq!(
        (s["changed"].as_u64(), s["unchanged"].as_u64()),
        (Some(1), Some(3))
    );
    pactum(t.path()).args(["search", "globex"]).assert().code(1);
    let r = search_json(t.path(), &["initech"]);
    assert_eq!(
        r["hits"].as_array().unwrap().len(),
        1,
        "old entries replaced, not added"
    );

    fs::remove_file(t.path().join("corpus/news/acme.txt")).unwrap();
    let s = ingest(t.path(), &["corpus"]);
    assert_eq!(
        (s["removed"].as_u64(), s["gone"].as_u64()),
        (Some(0), Some(1))
    );
    pactum(t.path())
        .args(["search", "initech"])
        .assert()
        .success();
    let s = ingest(t.path(), &["corpus", "--prune"]);
    assert_eq!(s["removed"], 1);
    pactum(t.path())
        .args(["search", "initech"])
        .assert()
        .code(1);

    let stats = pactum(t.path())
        .args(["stats", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stats = json(&stats);
    assert_eq!(stats["documents"], 3);
    assert_eq!(stats["families"][0]["family"], "widget-terms");
    assert_eq!(
        stats["families"][0]["versions"],
        serde_json::json!(["9.0", "10.0"])
    );
}

/// One file is one entry however its path is spelled: relative, with `./`, absolute,
/// through `..`, or from a sub-folder with `--index ../.pactum`. Stored paths are relative
/// to the folder holding the index.
#[test]
fn every_spelling_of_a_path_is_one_entry() {
    let t = TempDir::new().unwrap();
    corpus(t.path());
    let s = ingest(t.path(), &["corpus"]);
    assert_eq!(s["new"], 4);
    let abs = t.path().join("corpus");
    let abs = abs.to_str().unwrap();
    let name = t.path().file_name().unwrap().to_str().unwrap();
    let via_parent = format!("../{name}/corpus");
    for spelling in ["./corpus", abs, via_parent.as_str()] {
        let s = ingest(t.path(), &[spelling]);
        assert_eq!(
            (s["new"].as_u64(), s["unchanged"].as_u64()),
            (Some(0), Some(4)),
            "{spelling}"
        );
    }
    let s = ingest(&t.path().join("corpus"), &[".", "--index", "../.pactum"]);
    assert_eq!(
        (s["new"].as_u64(), s["unchanged"].as_u64()),
        (Some(0), Some(4))
    );
    let r = search_json(t.path(), &["globex"]);
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{r:#}");
    assert_eq!(hits[0]["path"], "corpus/news/acme.txt");

    // `show` finds the document by any spelling too.
    let msa = format!("{abs}/msa.md");
    pactum(t.path())
        .args(["show", &msa])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("corpus/msa.md\n"));

    // A file removed is gone under any spelling of its folder.
    fs::remove_file(t.path().join("corpus/msa.md")).unwrap();
    let s = ingest(t.path(), &[abs, "--prune"]);
    assert_eq!(s["removed"], 1);
    pactum(t.path())
        .args(["search", "delaware"])
        .assert()
        .code(1);
}

#[test]
fn show_lists_clauses_by_path_suffix_and_id() {
    let t = TempDir::new().unwrap();
    corpus(t.path());
    ingest(t.path(), &["corpus"]);
    pactum(t.path())
        .args(["show", "msa.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("§2 Termination"))
        .stdout(predicate::str::contains("§2.1 Effect of Termination"));
    let out = pactum(t.path())
        .args(["show", "corpus/msa.md", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["document"]["path"], "corpus/msa.md");
    let clauses = v["clauses"].as_array().unwrap();
    assert!(clauses.len() >= 4);
    let id = clauses[2]["key"].as_str().unwrap().to_owned();
    pactum(t.path())
        .args(["show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("terminate this Agreement"));
    pactum(t.path())
        .args(["show", "nope.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in the index"));
    // two versions end in `.md` under widget-terms: ambiguous
    pactum(t.path())
        .args(["show", "widget-terms"])
        .assert()
        .code(2);
}

#[test]
fn second_writer_gets_a_clear_error() {
    let t = TempDir::new().unwrap();
    corpus(t.path());
    ingest(t.path(), &["corpus"]);
    let index = pactum::index::Index::open(&t.path().join(".pactum")).unwrap();
    let _held = index
        .writer(&pactum::index::WriterOptions::default())
        .unwrap();
    pactum(t.path())
        .args(["ingest", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("another `pactum ingest`"));
    // readers are not blocked by the writer
    pactum(t.path())
        .args(["search", "globex"])
        .assert()
        .success();
}

/// Regression test for issue 5: `kill -9` during a large ingest leaves the last commit
/// readable; searching works meanwhile; a re-ingest completes the index.
#[test]
fn issue_5_kill_during_ingest_keeps_last_commit() {
    let t = TempDir::new().unwrap();
    let n = 3_000;
    let filler = "The licensee shall pay the fees described herein within thirty days. ".repeat(40);
    for i in 0..n {
        write(
            t.path(),
            &format!("big/{:02}/doc{i:05}.txt", i % 50),
            &format!("Document marker{i} begins.\n\n{filler}\n\nThe unique word is zq{i}x.\n"),
        );
    }
    let bin = assert_cmd::cargo::cargo_bin("pactum");
    let mut child = Std::new(&bin)
        .current_dir(t.path())
        .args([
            "ingest",
            "big",
            "--commit-every",
            "100",
            "--commit-seconds",
            "0.5",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for a commit with some documents, searching while the ingest runs.
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut committed = 0;
    while Instant::now() < deadline {
        let out = Std::new(&bin)
            .current_dir(t.path())
            .args(["stats", "--format", "json"])
            .output()
            .unwrap();
        if out.status.success() {
            committed = json(&out.stdout)["documents"].as_u64().unwrap_or(0);
            if committed > 0 {
                let found = Std::new(&bin)
                    .current_dir(t.path())
                    .args(["search", "licensee", "-n", "1"])
                    .output()
                    .unwrap();
                assert_eq!(found.status.code(), Some(0), "search during ingest");
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(committed > 0, "no commit seen");
    let still_running = child.try_wait().unwrap().is_none();
    // SIGKILL: no destructors, no final commit.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        still_running,
        "ingest finished before it could be killed; make the folder larger"
    );

    let stats = pactum(t.path())
        .args(["stats", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let docs = json(&stats)["documents"].as_u64().unwrap();
    assert!(
        docs >= committed && docs < n as u64,
        "{docs} documents after the kill"
    );
    pactum(t.path())
        .args(["search", "licensee"])
        .assert()
        .success();

    // Re-ingest completes the index; nothing is duplicated.
    let s = ingest(t.path(), &["big"]);
    assert_eq!(
        s["new"].as_u64().unwrap() + s["unchanged"].as_u64().unwrap(),
        n as u64
    );
    let stats = pactum(t.path())
        .args(["stats", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&stats)["documents"], n);
    for i in [0, n / 2, n - 1] {
        let r = search_json(t.path(), &[&format!("zq{i}x")]);
        assert_eq!(r["hits"].as_array().unwrap().len(), 1, "zq{i}x");
    }
}
