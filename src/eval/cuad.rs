//! CUAD evaluation: score parties, dates, governing law and clause types against the
//! labels in `corpus/meta/cuad/master_clauses.csv` for the 510 contracts in
//! `corpus/contracts/cuad` (see the corpus README).
//!
//! What is compared, per contract (document level):
//! * **Parties**: the gold `Parties-Answer` (`Acme Inc. ("Licensor"); Beta LLC ("Licensee")`)
//!   gives one party per `;` part with its aliases. A predicted party (name and aliases)
//!   matches a gold party when any of their names match loosely: case, punctuation,
//!   corporate suffixes (`Inc.`, `Corp.`, `LLC`...) and a leading `the` are ignored, and one
//!   name may be the other plus words (`Rogers` ~ `Rogers Cable Communications`). Pairs
//!   are matched one to one.
//! * **Agreement / effective / expiration date**: the gold answer (`5/8/14`) against the
//!   date pactum reads as that date (first full date of the preamble; the date in a
//!   sentence saying `effective`; the term end pactum derives from a start and a length
//!   (see `extract::term_end`), else the date in a sentence saying `expire`/`until`). Rows
//!   appear only when the date extractor produces dates.
//! * **Governing law**: the jurisdiction of the first `governing_law` fact against the
//!   gold answer, loosely (`NEW YORK` ~ `New York`, `England` ~ `England and Wales`).
//! * **Clause categories**: presence of a clause type against the CUAD `Yes`/`No` answer
//!   (or a non-empty answer for Renewal Term and Notice Period To Terminate Renewal), for
//!   each category in [`CATEGORIES`].
//!
//! Misses list the contract and what was expected or found. Nothing here knows any
//! contract: the extractors run exactly as in `pactum extract`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::score::{Miss, Report, Row};
use crate::extract::clause_type::jurisdiction;
use crate::extract::term_end;
use crate::extract::{Options, Pipeline};
use crate::model::{DatePrecision, Document, Fact, Value};
use crate::{Error, Result};

/// CUAD category -> pactum clause type (and, for the two no-solicit categories, words one
/// of which the cue must hold).
pub const CATEGORIES: &[(&str, &str, &[&str])] = &[
    ("Exclusivity", "exclusivity", &[]),
    ("Revenue/Profit Sharing", "revenue_share", &[]),
    ("License Grant", "license_grant", &[]),
    ("Non-Transferable License", "non_transferable_license", &[]),
    (
        "Irrevocable Or Perpetual License",
        "irrevocable_or_perpetual_license",
        &[],
    ),
    ("Ip Ownership Assignment", "ip_ownership", &[]),
    ("Renewal Term", "renewal_term", &[]),
    ("Notice Period To Terminate Renewal", "notice_period", &[]),
    (
        "Termination For Convenience",
        "termination_for_convenience",
        &[],
    ),
    ("Non-Compete", "non_compete", &[]),
    (
        "No-Solicit Of Customers",
        "non_solicit",
        &["customer", "client"],
    ),
    (
        "No-Solicit Of Employees",
        "non_solicit",
        &[
            "employ",
            "personnel",
            "staff",
            "non-solicit",
            "nonsolicit",
            "non solicit",
            "consultant",
            "agent",
        ],
    ),
    ("Non-Disparagement", "non_disparagement", &[]),
    ("Anti-Assignment", "anti_assignment", &[]),
    ("Change Of Control", "change_of_control", &[]),
    ("Cap On Liability", "cap_on_liability", &[]),
    ("Uncapped Liability", "uncapped_liability", &[]),
    ("Liquidated Damages", "liquidated_damages", &[]),
    ("Warranty Duration", "warranty_duration", &[]),
    ("Insurance", "insurance", &[]),
    ("Audit Rights", "audit_rights", &[]),
    ("Most Favored Nation", "most_favored_nation", &[]),
    ("Minimum Commitment", "minimum_commitment", &[]),
    ("Rofr/Rofo/Rofn", "rofr_rofo_rofn", &[]),
    ("Third Party Beneficiary", "third_party_beneficiary", &[]),
];

/// Suite name in the report rows.
pub const SUITE: &str = "cuad";

/// One labelled contract.
#[derive(Debug, Clone)]
pub struct Contract {
    pub name: String,
    pub path: PathBuf,
    /// Column name -> cell.
    pub cells: HashMap<String, String>,
}

/// What pactum read from one contract, reduced to what CUAD labels.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub parties: Vec<Vec<String>>,
    pub agreement_date: Option<String>,
    pub effective_date: Option<String>,
    pub expiration_date: Option<String>,
    pub governing_law: Option<String>,
    pub has_dates: bool,
    /// Clause type -> cues found.
    pub clauses: HashMap<String, Vec<String>>,
}

/// Load the labelled contracts from `corpus` (the shared `corpus/` folder).
pub fn load(corpus: &Path) -> Result<Vec<Contract>> {
    let csv_path = corpus.join("meta/cuad/master_clauses.csv");
    let dir = corpus.join("contracts/cuad");
    let raw = std::fs::read(&csv_path).map_err(|e| Error::io(&csv_path, e))?;
    let text = String::from_utf8_lossy(&raw);
    let rows = parse_csv(&text);
    let Some((header, rows)) = rows.split_first() else {
        return Err(Error::unreadable(&csv_path, "no header row"));
    };
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let by_key: HashMap<String, &PathBuf> = files
        .iter()
        .filter_map(|p| Some((file_key(p.file_name()?.to_str()?), p)))
        .collect();
    let mut out = Vec::new();
    for row in rows {
        let Some(name) = row.first() else { continue };
        if name.trim().is_empty() {
            continue;
        }
        let Some(path) = by_key.get(&file_key(name)) else {
            return Err(Error::Other(format!(
                "{}: no text file for CUAD row `{name}`",
                dir.display()
            )));
        };
        let cells = header.iter().cloned().zip(row.iter().cloned()).collect();
        out.push(Contract {
            name: name.clone(),
            path: (*path).clone(),
            cells,
        });
    }
    Ok(out)
}

/// `Foo Agreement.pdf'` and `Foo Agreement.txt` -> the same key.
fn file_key(name: &str) -> String {
    let n = name.trim().trim_end_matches(['\'', '"']);
    let stem = match n.rsplit_once('.') {
        Some((s, ext)) if ext.len() <= 4 && ext.chars().all(|c| c.is_ascii_alphabetic()) => s,
        _ => n,
    };
    // ASCII only, accents folded: the CSV spells `É` decomposed (`E` + U+0301), a file
    // name may spell it composed.
    stem.chars()
        .map(fold_accent)
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn fold_accent(c: char) -> char {
    const FROM: &str = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝý";
    const TO: &str = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYy";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// Read one contract with the whole pipeline.
pub fn read(pipeline: &Pipeline, path: &Path) -> Result<Reading> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let doc = crate::ingest::parse(path, &bytes)?;
    let facts = pipeline.run(&doc);
    Ok(reading(&doc, &facts))
}

/// Reduce facts to what CUAD labels.
pub fn reading(doc: &Document, facts: &[Fact]) -> Reading {
    let mut r = Reading::default();
    let mut seen_party: Vec<String> = Vec::new();
    let mut term_end: Option<String> = None;
    for f in facts {
        match &f.value {
            Value::Party { name, aliases, .. } if !seen_party.contains(name) => {
                seen_party.push(name.clone());
                let mut names = vec![name.clone()];
                names.extend(aliases.iter().cloned());
                r.parties.push(names);
            }
            Value::Clause { clause_type, cue } => {
                if clause_type == "governing_law" && r.governing_law.is_none() {
                    r.governing_law = jurisdiction(&f.text);
                }
                r.clauses
                    .entry(clause_type.clone())
                    .or_default()
                    .push(cue.clone());
            }
            Value::Date {
                resolved: Some(end),
                ..
            } if f.extractor == term_end::NAME && term_end.is_none() => {
                term_end = Some(end.clone());
            }
            Value::Date {
                date,
                precision: DatePrecision::Day,
                relative: false,
                ..
            } => {
                r.has_dates = true;
                let sentence = doc
                    .sentence_at(f.span)
                    .map(|i| doc.plain(doc.sentences()[i]).to_ascii_lowercase())
                    .unwrap_or_default();
                if r.agreement_date.is_none() && f.span.start < 5000 {
                    r.agreement_date = Some(date.clone());
                }
                if r.effective_date.is_none() && sentence.contains("effective") {
                    r.effective_date = Some(date.clone());
                }
                if r.expiration_date.is_none()
                    && ["expir", "until", "terminat", "through"]
                        .iter()
                        .any(|w| sentence.contains(w))
                    && f.span.start > 2000
                {
                    r.expiration_date = Some(date.clone());
                }
            }
            _ => {}
        }
    }
    if r.effective_date.is_none() {
        r.effective_date = r.agreement_date.clone();
    }
    // A term end the text states as a start plus a length is the expiration date; a
    // date merely near `expire`, `until`, `through` is a weaker reading.
    if term_end.is_some() {
        r.expiration_date = term_end;
    }
    r
}

/// Run the whole evaluation over `corpus` (the shared `corpus/` folder).
pub fn run(corpus: &Path) -> Result<Report> {
    let contracts = load(corpus)?;
    let pipeline = Pipeline::new(&Options::default());
    let readings: Vec<Result<Reading>> = contracts
        .par_iter()
        .map(|c| read(&pipeline, &c.path))
        .collect();
    let mut report = Report::default();
    let mut rows: Vec<Row> = Vec::new();
    let row = |rows: &mut Vec<Row>, kind: &str| -> usize {
        if let Some(i) = rows.iter().position(|r| r.kind == kind) {
            return i;
        }
        rows.push(Row {
            suite: SUITE.to_owned(),
            kind: kind.to_owned(),
            ..Row::default()
        });
        rows.len() - 1
    };
    let any_dates = readings
        .iter()
        .any(|r| r.as_ref().is_ok_and(|r| r.has_dates));
    for (c, reading) in contracts.iter().zip(&readings) {
        let empty = Reading::default();
        let reading = match reading {
            Ok(r) => r,
            Err(e) => {
                report
                    .misses
                    .push(miss(c, "missed", "unreadable", &e.to_string()));
                &empty
            }
        };
        // Parties.
        let i = row(&mut rows, "Parties");
        rows[i].cases += 1;
        let gold = gold_parties(c.cells.get("Parties-Answer").map_or("", |s| s));
        let (matched, gold_hit, pred_hit) = match_parties(&gold, &reading.parties);
        rows[i].expected += gold.len();
        rows[i].predicted += reading.parties.len();
        rows[i].correct += matched;
        for (g, hit) in gold.iter().zip(&gold_hit) {
            if !hit {
                report
                    .misses
                    .push(miss(c, "missed", "Parties", &g.join(" / ")));
            }
        }
        for (p, hit) in reading.parties.iter().zip(&pred_hit) {
            if !hit {
                report
                    .misses
                    .push(miss(c, "spurious", "Parties", &p.join(" / ")));
            }
        }
        // Governing law.
        let gold_law = c
            .cells
            .get("Governing Law-Answer")
            .map(|s| s.trim())
            .filter(|s| !s.is_empty());
        score_value(
            &mut rows,
            &mut report,
            c,
            "Governing Law",
            gold_law,
            reading.governing_law.as_deref(),
            law_matches,
            &row,
        );
        // Dates.
        if any_dates {
            for (cat, got) in [
                ("Agreement Date", &reading.agreement_date),
                ("Effective Date", &reading.effective_date),
                ("Expiration Date", &reading.expiration_date),
            ] {
                let gold = c
                    .cells
                    .get(&format!("{cat}-Answer"))
                    .and_then(|s| us_date(s.trim()));
                score_value(
                    &mut rows,
                    &mut report,
                    c,
                    cat,
                    gold.as_deref(),
                    got.as_deref(),
                    |a, b| a == b,
                    &row,
                );
            }
        }
        // Clause categories.
        for (cat, ty, words) in CATEGORIES {
            let gold = gold_yes(c, cat);
            let cues = reading.clauses.get(*ty);
            let found = cues.is_some_and(|cues| {
                words.is_empty()
                    || cues.iter().any(|q| {
                        let q = q.to_ascii_lowercase();
                        words.iter().any(|w| q.contains(w))
                    })
            });
            let i = row(&mut rows, cat);
            rows[i].cases += 1;
            rows[i].expected += usize::from(gold);
            rows[i].predicted += usize::from(found);
            rows[i].correct += usize::from(gold && found);
            if gold && !found {
                let context: String = c
                    .cells
                    .get(*cat)
                    .map(|s| s.chars().take(160).collect())
                    .unwrap_or_default();
                report.misses.push(miss(c, "missed", cat, &context));
            } else if found && !gold {
                let cue = cues.and_then(|q| q.first()).cloned().unwrap_or_default();
                report.misses.push(miss(c, "spurious", cat, &cue));
            }
        }
    }
    report.rows = rows;
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn score_value(
    rows: &mut Vec<Row>,
    report: &mut Report,
    c: &Contract,
    cat: &str,
    gold: Option<&str>,
    got: Option<&str>,
    same: impl Fn(&str, &str) -> bool,
    row: &impl Fn(&mut Vec<Row>, &str) -> usize,
) {
    let i = row(rows, cat);
    rows[i].cases += 1;
    rows[i].expected += usize::from(gold.is_some());
    rows[i].predicted += usize::from(got.is_some());
    let right = matches!((gold, got), (Some(g), Some(p)) if same(g, p));
    rows[i].correct += usize::from(right);
    if !right {
        if let Some(g) = gold {
            report.misses.push(miss(
                c,
                "missed",
                cat,
                &format!("{g} (found {})", got.unwrap_or("nothing")),
            ));
        } else if let Some(p) = got {
            report.misses.push(miss(c, "spurious", cat, p));
        }
    }
}

fn miss(c: &Contract, what: &'static str, cat: &str, value: &str) -> Miss {
    Miss {
        suite: SUITE.to_owned(),
        case: c.name.clone(),
        what,
        text: cat.to_owned(),
        value: value.to_owned(),
        context: String::new(),
    }
}

/// Macro-F1 over the clause categories of [`CATEGORIES`].
pub fn macro_f1(report: &Report) -> f64 {
    let f: Vec<f64> = CATEGORIES
        .iter()
        .filter_map(|(cat, _, _)| report.row(SUITE, cat).map(Row::f1))
        .collect();
    if f.is_empty() {
        0.0
    } else {
        f.iter().sum::<f64>() / f.len() as f64
    }
}

fn gold_yes(c: &Contract, cat: &str) -> bool {
    let answer = c
        .cells
        .get(&format!("{cat}-Answer"))
        .or_else(|| c.cells.get(&format!("{cat}- Answer")))
        .map_or("", |s| s.trim());
    match answer {
        "Yes" => true,
        "No" => false,
        other => {
            // Renewal Term, Notice Period: an answer (or a context) means present.
            let context = c.cells.get(cat).map_or("", |s| s.trim());
            !other.is_empty() || !(context.is_empty() || context == "[]")
        }
    }
}

/// `Acme Inc. ("Licensor"); Beta LLC ("Licensee", "Beta")` -> names with aliases.
pub fn gold_parties(answer: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for part in answer.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let name = part
            .split(['(', '\u{201c}', '"'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches([',', ';'])
            .trim();
        let mut names = Vec::new();
        if !name.is_empty() {
            names.push(name.to_owned());
        }
        // Quoted aliases.
        let mut rest = part;
        while let Some(i) = rest.find(['"', '\u{201c}']) {
            let after = &rest[i + rest[i..].chars().next().map_or(1, char::len_utf8)..];
            let Some(j) = after.find(['"', '\u{201d}']) else {
                break;
            };
            let alias = after[..j].trim();
            if !alias.is_empty() {
                names.push(alias.to_owned());
            }
            let close = after[j..].chars().next().map_or(1, char::len_utf8);
            rest = &after[j + close..];
        }
        if !names.is_empty() {
            out.push(names);
        }
    }
    out
}

const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "llc",
    "l l c",
    "ltd",
    "limited",
    "co",
    "company",
    "lp",
    "l p",
    "llp",
    "plc",
    "sa",
    "s a",
    "ag",
    "gmbh",
    "nv",
    "n v",
    "bv",
    "b v",
    "pte",
    "pty",
    "sarl",
    "spa",
    "ab",
    "as",
    "oy",
    "kk",
    "the",
];

/// Lowercase words without punctuation, corporate suffixes and `the`.
pub fn normalize_name(s: &str) -> String {
    // `&` is written `and` as often as not.
    let lower: String = s
        .replace('&', " and ")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    while words.first() == Some(&"the") {
        words.remove(0);
    }
    while let Some(last) = words.last() {
        if words.len() > 1 && SUFFIXES.contains(last) {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// Loose name match: equal after [`normalize_name`], or one is the other plus words.
pub fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (normalize_name(a), normalize_name(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.len() >= 3
        && (long.starts_with(&format!("{short} ")) || long.ends_with(&format!(" {short}")))
}

/// One-to-one matching of predicted to gold parties. Returns the count and which gold
/// and predicted parties were matched. Three passes, strongest evidence first, so that a
/// loose match cannot take the gold party another prediction names exactly (`TOM Online
/// Inc.` is `TOM Online Inc.`, not `TOM Online (BVI) Limited`): equal canonical names,
/// then loosely matching names, then aliases.
fn match_parties(gold: &[Vec<String>], pred: &[Vec<String>]) -> (usize, Vec<bool>, Vec<bool>) {
    let mut gold_hit = vec![false; gold.len()];
    let mut pred_hit = vec![false; pred.len()];
    let mut n = 0;
    let exact = |g: &[String], p: &[String]| {
        let a = normalize_name(&g[0]);
        !a.is_empty() && a == normalize_name(&p[0])
    };
    let loose = |g: &[String], p: &[String]| names_match(&g[0], &p[0]);
    // A shared role (`Licensor`, `Party A`) is not a shared name.
    let alias = |g: &[String], p: &[String]| {
        g.iter()
            .any(|g| !crate::extract::party::is_role(g) && p.iter().any(|q| names_match(g, q)))
    };
    type Pass = fn(&[String], &[String]) -> bool;
    let passes: [Pass; 3] = [exact, loose, alias];
    for pass in passes {
        for (pi, p) in pred.iter().enumerate() {
            if pred_hit[pi] {
                continue;
            }
            if let Some(gi) = (0..gold.len()).find(|&gi| !gold_hit[gi] && pass(&gold[gi], p)) {
                gold_hit[gi] = true;
                pred_hit[pi] = true;
                n += 1;
            }
        }
    }
    (n, gold_hit, pred_hit)
}

/// Loose jurisdiction match. CUAD separates several jurisdictions with `;` and adds the
/// country after a comma (`England, United Kingdom; Wales, United Kingdom`): any one of
/// them, with or without its country, matches.
fn law_matches(gold: &str, got: &str) -> bool {
    let p = normalize_name(got);
    if p.is_empty() {
        return false;
    }
    let whole = std::iter::once(gold);
    let parts = gold.split(';').map(|g| g.split(',').next().unwrap_or(g));
    whole.chain(parts).any(|g| {
        let g = normalize_name(g);
        !g.is_empty() && (g == p || g.contains(&p) || p.contains(&g))
    })
}

/// `5/8/14` -> `2014-05-08`; two-digit years above 50 are 19xx.
pub fn us_date(s: &str) -> Option<String> {
    let mut it = s.split('/');
    let m: u32 = it.next()?.trim().parse().ok()?;
    let d: u32 = it.next()?.trim().parse().ok()?;
    let y: u32 = it.next()?.trim().parse().ok()?;
    if it.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = match y {
        0..=50 => 2000 + y,
        51..=99 => 1900 + y,
        _ => y,
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_newlines() {
        let rows = parse_csv("a,b\n\"x, \"\"y\"\"\",\"l1\nl2\"\n");
        assert_eq!(rows, [vec!["a", "b"], vec!["x, \"y\"", "l1\nl2"]]);
    }

    #[test]
    fn gold_party_answers() {
        let g = gold_parties(
            "Birch First Global Investments Inc. (\"Company\"); Mount Kowledge Holdings Inc. (\"Marketing Affiliate\", \"MA\")",
        );
        assert_eq!(
            g,
            [
                vec!["Birch First Global Investments Inc.", "Company"],
                vec!["Mount Kowledge Holdings Inc.", "Marketing Affiliate", "MA"]
            ]
        );
    }

    #[test]
    fn loose_names() {
        assert!(names_match(
            "BIRCH FIRST GLOBAL INVESTMENTS INC.",
            "Birch First Global Investments, Inc"
        ));
        assert!(names_match("Rogers", "Rogers Cable Communications Inc."));
        assert!(names_match("The Coca-Cola Company", "Coca-Cola"));
        assert!(names_match(
            "Babcock & Wilcox Co.",
            "BABCOCK AND WILCOX COMPANY"
        ));
        assert!(!names_match("Acme Inc.", "Beta Inc."));
        assert!(!names_match("Inc.", "Acme Inc."));
    }

    #[test]
    fn shared_roles_are_not_shared_names() {
        let gold = gold_parties("Acme Corp. (\"Licensor\"); Rogers Cable Inc. (\"Rogers\")");
        let p = |n: &[&str]| vec![n.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        assert_eq!(match_parties(&gold, &p(&["Beta Inc.", "Licensor"])).0, 0);
        assert_eq!(
            match_parties(&gold, &p(&["ACME CORPORATION", "Licensor"])).0,
            1
        );
        assert_eq!(
            match_parties(&gold, &p(&["Rogers Communications", "Rogers"])).0,
            1
        );
    }

    #[test]
    fn exact_names_are_matched_before_loose_ones() {
        let gold = gold_parties(
            "Harbor Online BVI Limited (\"Online BVI\"); Harbor Online Inc. (\"Holding\")",
        );
        let pred: Vec<Vec<String>> = [
            ["Harbor Online Inc.", "Holding"],
            ["Harbor BVI Ltd", "Online BVI"],
        ]
        .iter()
        .map(|p| p.iter().map(|s| s.to_string()).collect())
        .collect();
        assert_eq!(
            match_parties(&gold, &pred),
            (2, vec![true, true], vec![true, true])
        );
        // A loose match still counts when nothing matches exactly.
        let one = vec![vec!["Harbor Online".to_string()]];
        assert_eq!(match_parties(&gold, &one).0, 1);
        // Still one to one: one prediction never takes two gold parties.
        let gold = gold_parties("Harbor Inc.; Harbor Inc.");
        let one = vec![vec!["Harbor Inc.".to_string()]];
        assert_eq!(match_parties(&gold, &one).0, 1);
    }

    #[test]
    fn dates_and_keys() {
        assert_eq!(us_date("5/8/14").as_deref(), Some("2014-05-08"));
        assert_eq!(us_date("12/31/1999").as_deref(), Some("1999-12-31"));
        assert_eq!(us_date("perpetual"), None);
        assert_eq!(file_key("A B.pdf'"), file_key("A B.txt"));
        assert!(law_matches(
            "England, United Kingdom; Wales, United Kingdom",
            "England"
        ));
        assert!(law_matches("New York", "NEW YORK"));
        assert!(law_matches("England; Wales", "England and Wales"));
        assert!(!law_matches("England; Wales", "Scotland"));
        assert!(!law_matches("New York", "Delaware"));
    }
}
