//! CLI tests for `pactum diff` and `pactum history` (issue 6): real versions from
//! ../shared/corpus/versions, the bundled corpus families with expected changes written
//! by hand in fixtures/diff/, and the exit codes (0 no change, 1 changes, 2 error).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn pactum() -> Command {
    let mut c = Command::cargo_bin("pactum").expect("binary");
    c.env("NO_COLOR", "1");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// `../shared/corpus/versions`, or `$PACTUM_SHARED/corpus/versions`; `None` (with a loud
/// message) when it is not there.
fn shared_versions() -> Option<PathBuf> {
    let root = std::env::var_os("PACTUM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let v = root.join("corpus/versions");
    if v.is_dir() {
        Some(v)
    } else {
        eprintln!(
            "\n!!! SKIPPED: {} not found; set PACTUM_SHARED to the shared folder to run this test !!!\n",
            v.display()
        );
        None
    }
}

/// Run `pactum diff ... --format json`, check the exit code, return the JSON.
fn diff_json(args: &[&str], code: i32) -> Value {
    let out = pactum()
        .arg("diff")
        .args(args)
        .args(["--format", "json"])
        .assert()
        .code(code);
    let out = out.get_output();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn label(c: &Value) -> String {
    if c.is_null() {
        return "(preamble)".into();
    }
    match (c["number"].as_str(), c["heading"].as_str()) {
        (Some(n), Some(h)) => format!("§{n} {h}"),
        (Some(n), None) => format!("§{n}"),
        (None, Some(h)) => h.to_owned(),
        (None, None) => "(untitled)".into(),
    }
}

/// The clause a change is listed under, as in the human output.
fn group(c: &Value) -> String {
    let (o, n) = (&c["old_clause"], &c["new_clause"]);
    match (o.is_null(), n.is_null()) {
        (false, true) => label(o),
        (true, false) => label(n),
        (true, true) => label(o),
        (false, false) => {
            let (lo, ln) = (label(o), label(n));
            if lo == ln {
                ln
            } else {
                format!("{ln} (was {lo})")
            }
        }
    }
}

fn changes(d: &Value) -> &Vec<Value> {
    d["changes"].as_array().expect("changes array")
}

fn words(c: &Value) -> String {
    c["words"]
        .as_array()
        .map(|hs| {
            hs.iter()
                .filter_map(|h| h["diff"].as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_default()
}

fn display(f: &Value) -> Option<&str> {
    f["display"].as_str()
}

#[test]
fn issue6_marketplace_revenue_share_75_to_95_and_25_to_5_in_one_clause() {
    let Some(v) = shared_versions() else { return };
    let dir = v.join("github-marketplace-developer-agreement");
    let d = diff_json(
        &[
            dir.join("2020-07-21.md").to_str().unwrap(),
            dir.join("2021-01-01.md").to_str().unwrap(),
        ],
        1,
    );
    let percent: Vec<&Value> = changes(&d)
        .iter()
        .filter(|c| c["kind"] == "percent" && c["change"] == "changed")
        .collect();
    let pairs: Vec<(&str, &str)> = percent
        .iter()
        .map(|c| {
            (
                display(&c["old_fact"]).unwrap_or(""),
                display(&c["new_fact"]).unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(pairs, [("75%", "95%"), ("25%", "5%")], "{d:#}");
    assert_eq!(percent[0]["new_clause"], percent[1]["new_clause"]);
    assert_eq!(percent[0]["old_fact"]["value"]["percent"], "75");
    assert_eq!(percent[0]["new_fact"]["text"], "95%");
    assert!(
        words(percent[0]).contains("[-75%-] {+95%+}"),
        "{}",
        words(percent[0])
    );
    // No clause was added, removed or moved.
    assert!(
        !changes(&d)
            .iter()
            .any(|c| c["kind"] == "section" && c["change"] != "changed"),
        "{d:#}"
    );
}

#[test]
fn issue6_cloud_service_agreement_sections_removed_and_added_despite_renumbering() {
    let Some(v) = shared_versions() else { return };
    let dir = v.join("commonpaper-cloud-service-agreement");
    let d = diff_json(
        &[
            dir.join("1.0.md").to_str().unwrap(),
            dir.join("2.0.md").to_str().unwrap(),
        ],
        1,
    );
    let listed = |what: &str| -> Vec<String> {
        changes(&d)
            .iter()
            .filter(|c| c["kind"] == "section" && c["change"] == what)
            .map(group)
            .collect()
    };
    let (removed, added) = (listed("removed"), listed("added"));
    for want in [
        "Service Level",
        "Affiliates",
        "Professional Services",
        "Security",
        "Insurance",
        "No Publicity",
    ] {
        assert!(
            removed.iter().any(|r| r.contains(want)),
            "{want} not removed: {removed:?}"
        );
        assert!(
            !added.iter().any(|r| r.contains(want)),
            "{want} added: {added:?}"
        );
    }
    for want in [
        "Machine Learning",
        "Invoicing",
        "Automatic Payment",
        "Applicability",
        "Beta Products",
        "Logo Rights",
        "Defining Variables",
    ] {
        assert!(
            added.iter().any(|r| r.contains(want)),
            "{want} not added: {added:?}"
        );
    }
    // Clauses that only moved number (1.6 -> 1.4, 12.x -> 10.x) are aligned, not re-added.
    for kept in [
        "Feedback and Usage Data",
        "Non-Use and Non-Disclosure",
        "Governing Law and Chosen Courts",
        "Anti-Bribery",
    ] {
        assert!(
            !removed.iter().chain(&added).any(|r| r.contains(kept)),
            "{kept} should align: removed {removed:?} added {added:?}"
        );
    }
    assert!(
        d["summary"]["clauses_aligned"].as_u64().unwrap() > 50,
        "{:#}",
        d["summary"]
    );
}

#[test]
fn issue6_whitespace_only_dpa_has_no_changes() {
    let Some(v) = shared_versions() else { return };
    let dir = v.join("commonpaper-data-processing-agreement");
    let d = diff_json(
        &[
            dir.join("1.0.md").to_str().unwrap(),
            dir.join("1.1.md").to_str().unwrap(),
        ],
        0,
    );
    assert_eq!(changes(&d).len(), 0, "{d:#}");
    assert_eq!(d["summary"]["changes"], 0);
}

#[test]
fn issue6_family_from_dir_defaults_to_the_two_latest_versions() {
    let Some(v) = shared_versions() else { return };
    let d = diff_json(
        &[
            "--family",
            "github-marketplace-developer-agreement",
            "--dir",
            v.to_str().unwrap(),
        ],
        1,
    );
    assert_eq!(d["old"]["version"], "2024-05-17");
    assert_eq!(d["new"]["version"], "2025-05-27");
    let d = diff_json(
        &[
            "--family",
            "commonpaper-cloud-service-agreement",
            "--dir",
            v.to_str().unwrap(),
            "--from",
            "1.0",
            "--to",
            "1.0.1",
        ],
        1,
    );
    assert_eq!(d["old"]["version"], "1.0");
    assert_eq!(d["new"]["version"], "1.0.1");
    // 1.0 -> 1.0.1 changes "Disclosing Party" to "Discloser" in 12.3 and nothing else.
    let all: Vec<String> = changes(&d)
        .iter()
        .map(|c| format!("{} {}", group(c), words(c)))
        .collect();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0].contains("Disclosing Party") && all[0].contains("Discloser"),
        "{all:?}"
    );
}

/// Expected changes for the bundled corpus, written by hand in fixtures/diff/*.json.
#[test]
fn issue6_bundled_corpus_families_match_the_expected_changes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/diff");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/diff")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let mut failures = Vec::new();
    for f in &files {
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let expect = spec["expect"].as_array().unwrap();
        let code = if expect.is_empty() && spec["exact_count"] == 0 {
            0
        } else {
            1
        };
        let d = diff_json(
            &[spec["old"].as_str().unwrap(), spec["new"].as_str().unwrap()],
            code,
        );
        let got = changes(&d);
        let show = || {
            got.iter()
                .map(|c| format!("  {} {} {} {}", c["change"], c["kind"], group(c), words(c)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        for e in expect {
            let kinds: Vec<&str> = e["kind"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let clause = e["clause"].as_str().unwrap();
            let hit = got.iter().any(|c| {
                c["change"] == e["change"]
                    && kinds.contains(&c["kind"].as_str().unwrap_or(""))
                    && group(c).starts_with(clause)
                    && e["old"]
                        .as_str()
                        .is_none_or(|o| display(&c["old_fact"]) == Some(o))
                    && e["new"]
                        .as_str()
                        .is_none_or(|n| display(&c["new_fact"]) == Some(n))
                    && e["words"].as_array().is_none_or(|ws| {
                        let w = words(c);
                        ws.iter().all(|x| w.contains(x.as_str().unwrap()))
                    })
            });
            if !hit {
                failures.push(format!("{name}: missing {e}\n got:\n{}", show()));
            }
        }
        for u in spec["unchanged"].as_array().into_iter().flatten() {
            let u = u.as_str().unwrap();
            for c in got {
                let g = group(c);
                let named =
                    g == u || g.starts_with(&format!("{u} ")) || g.contains(&format!("(was {u} "));
                if named {
                    failures.push(format!(
                        "{name}: {u} should be unchanged: {} {} {g} {}",
                        c["change"],
                        c["kind"],
                        words(c)
                    ));
                }
            }
        }
        for what in spec["no_clause_changes"].as_array().into_iter().flatten() {
            for c in got
                .iter()
                .filter(|c| c["kind"] == "section" && c["change"] == *what)
            {
                failures.push(format!("{name}: unexpected {what} clause {}", group(c)));
            }
        }
        if let Some(n) = spec["exact_count"].as_u64() {
            if got.len() as u64 != n {
                failures.push(format!(
                    "{name}: {} changes, want {n}\n{}",
                    got.len(),
                    show()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn issue6_formatting_only_edits_are_not_changes_and_terms_are() {
    let tmp = tempfile::tempdir().unwrap();
    let pre =
        "This Agreement binds the parties hereto; each party shall follow the Terms herein.\n\n";
    let old = format!("{pre}## 1. Fees\n\nThe Customer shall pay **20%** of Net Revenue to the Vendor each quarter.\n\n## 2. Law\n\nDelaware law governs.\n");
    let wrapped = format!("{pre}## 1. Fees\n\nThe   Customer shall pay __20%__\nof Net Revenue to the Vendor  each quarter.  \n\n\n## 2. Law\n\nDelaware law\ngoverns.\n");
    let renumbered = format!("{pre}## 1. Scope\n\nThe Vendor hosts the service for the Customer in the cloud.\n\n## 2. Fees\n\nThe Customer shall pay **25%** of Net Revenue to the Vendor each quarter.\n\n## 3. Law\n\nDelaware law governs.\n");
    for (name, text) in [
        ("old.md", &old),
        ("wrapped.md", &wrapped),
        ("renumbered.md", &renumbered),
    ] {
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    let p = |n: &str| tmp.path().join(n).to_str().unwrap().to_owned();
    let d = diff_json(&[&p("old.md"), &p("wrapped.md")], 0);
    assert_eq!(changes(&d).len(), 0, "{d:#}");
    let d = diff_json(&[&p("old.md"), &p("renumbered.md")], 1);
    let got: Vec<String> = changes(&d)
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["change"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
                group(c)
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "added section §1 Scope",
            "changed percent §2 Fees (was §1 Fees)"
        ],
        "{d:#}"
    );
    // Human output names the clause and the two values on one line.
    let out = pactum()
        .args(["diff", &p("old.md"), &p("renumbered.md")])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("§2 Fees (was §1 Fees)\n  percent    20% -> 25%"),
        "{text}"
    );
    assert!(text.contains("[-20%-] {+25%+}"), "{text}");
    // JSON Lines: one change per line, then the summary.
    let out = pactum()
        .args([
            "diff",
            &p("old.md"),
            &p("renumbered.md"),
            "--format",
            "jsonl",
        ])
        .assert()
        .code(1);
    let lines: Vec<Value> = String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["summary"]["terms_changed"], 1);
}

#[test]
fn issue6_errors_exit_2() {
    pactum()
        .args(["diff", "does-not-exist-a.md", "does-not-exist-b.md"])
        .assert()
        .code(2);
    pactum().args(["diff", "only-one.md"]).assert().code(2);
    pactum()
        .args([
            "diff",
            "--family",
            "fabrikam-contoso-partnership",
            "--dir",
            "corpus/versions",
            "--to",
            "9.9",
        ])
        .assert()
        .code(2);
    pactum()
        .args([
            "history",
            "--family",
            "no-such-family",
            "--dir",
            "corpus/versions",
        ])
        .assert()
        .code(2);
}

#[test]
fn issue6_history_follows_a_term_across_versions() {
    let out = pactum()
        .args([
            "history",
            "--family",
            "fabrikam-contoso-partnership",
            "--dir",
            "corpus/versions",
            "--kind",
            "percent",
            "--format",
            "json",
        ])
        .assert()
        .code(0);
    let h: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let versions: Vec<&str> = h["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.0", "2.0", "2.1"]);
    let terms = h["terms"].as_array().unwrap();
    // 4.2: Contoso's 20% to Fabrikam exists in 1.0 only.
    let contoso = terms
        .iter()
        .find(|t| t["clause"]["number"] == "4.2" && !t["values"][0].is_null())
        .expect("4.2 percent");
    assert!(
        contoso["values"][1].is_null() && contoso["values"][2].is_null(),
        "{contoso:#}"
    );
    assert_eq!(contoso["changed"], true);
    // 4.1: Fabrikam's 20% stays in every version.
    let fabrikam = terms
        .iter()
        .find(|t| t["clause"]["number"] == "4.1")
        .expect("4.1 percent");
    for v in 0..3 {
        assert_eq!(fabrikam["values"][v]["display"], "20%", "{fabrikam:#}");
    }
    assert_eq!(fabrikam["changed"], false);
}

#[test]
fn issue6_history_of_the_marketplace_revenue_share() {
    let Some(v) = shared_versions() else { return };
    let out = pactum()
        .args([
            "history",
            "--family",
            "github-marketplace-developer-agreement",
            "--dir",
            v.to_str().unwrap(),
            "--kind",
            "percent",
            "--changed",
        ])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let has = |range: &str, value: &str| {
        text.lines().any(|l| {
            let mut w = l.split_whitespace();
            w.next() == Some(range) && w.next() == Some(value)
        })
    };
    assert!(
        has("2020-07-21", "75%") && has("2021-01-01..2025-05-27", "95%"),
        "{text}"
    );
    assert!(
        has("2020-07-21", "25%") && has("2021-01-01..2025-05-27", "5%"),
        "{text}"
    );
}

#[test]
fn issue6_family_from_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let index = index.to_str().unwrap();
    pactum()
        .args(["ingest", "corpus/versions", "--index", index])
        .assert()
        .code(0);
    let d = diff_json(&["--family", "woodgrove-adatum-saas", "--index", index], 1);
    assert_eq!(d["old"]["version"], "1.0");
    assert_eq!(d["new"]["version"], "2.0");
    assert!(
        changes(&d)
            .iter()
            .any(|c| c["kind"] == "money" && c["change"] == "changed"),
        "{d:#}"
    );
    let d = diff_json(
        &[
            "--family",
            "fabrikam-contoso-partnership",
            "--index",
            index,
            "--from",
            "2.0",
            "--to",
            "2.1",
        ],
        0,
    );
    assert_eq!(changes(&d).len(), 0);
    let out = pactum()
        .args(["diff", "--family", "no-such-family", "--index", index])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("woodgrove-adatum-saas"), "{err}");
}

#[test]
fn human_diff_quotes_fact_words_without_markup_and_json_keeps_the_source_slice() {
    let t = tempfile::TempDir::new().unwrap();
    let pre = "# Services Agreement\n\nThis Services Agreement is made by and between \
               Fabrikam Inc. (\"Provider\") and Contoso Ltd. (\"Customer\"). The parties \
               hereto hereby agree as follows.\n\n## 1. Early End\n\n";
    let tail = "\n\n## 2. Term\n\nThis Agreement shall last one year.\n";
    let old = t.path().join("v1.md");
    let new = t.path().join("v2.md");
    std::fs::write(
        &old,
        format!(
            "{pre}If this Agreement ends early, Provider will pay to <span \
             class=\"k\">Customer</span> a refund of prepaid fees.{tail}"
        ),
    )
    .unwrap();
    std::fs::write(
        &new,
        format!("{pre}If this Agreement ends early, no refund is owed.{tail}"),
    )
    .unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let out = pactum()
        .args(["diff", old, new])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let human = String::from_utf8(out).unwrap();
    assert!(
        human.contains("\"will pay to Customer a\""),
        "the removed cue, quoted without tags:\n{human}"
    );
    assert!(!human.contains("<span"), "{human}");
    // JSON keeps the exact source slice (the span contract).
    let d = diff_json(&[old, new], 1);
    let cue = changes(&d)
        .iter()
        .find(|c| c["kind"] == "clause")
        .unwrap_or_else(|| panic!("a clause change: {d}"));
    assert_eq!(
        cue["old_fact"]["text"], "will pay to <span class=\"k\">Customer</span> a",
        "{cue}"
    );
}
