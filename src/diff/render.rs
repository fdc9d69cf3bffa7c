//! Printers for diffs: human (grouped by clause, colors optional), JSON and JSON Lines.
//! They write to any `io::Write`; the library itself never prints.

use std::io::{self, Write};

use serde::Serialize;

use super::{Change, ChangeType, ClauseRef, Diff, DocRef, Summary, WordOp, WordTag, SECTION};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Most word hunks printed per clause in human output (JSON has them all).
const MAX_HUNKS: usize = 4;
/// Longest run of deleted or inserted words printed in human output.
const MAX_RUN: usize = 240;

/// wdiff-style text: `remit [-75%-]{+95%+} of the sale`.
pub fn wdiff(words: &[WordOp]) -> String {
    render_words(words, false, usize::MAX)
}

fn render_words(words: &[WordOp], color: bool, max: usize) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        let text = clip(&w.text, max);
        match (w.op, color) {
            (WordTag::Equal, _) => s.push_str(&text),
            (WordTag::Delete, false) => {
                s.push_str("[-");
                s.push_str(&text);
                s.push_str("-]");
            }
            (WordTag::Insert, false) => {
                s.push_str("{+");
                s.push_str(&text);
                s.push_str("+}");
            }
            (WordTag::Delete, true) => s.push_str(&format!("{RED}[-{text}-]{RESET}")),
            (WordTag::Insert, true) => s.push_str(&format!("{GREEN}{{+{text}+}}{RESET}")),
        }
    }
    s
}

/// Cut the middle out of a long run of words.
fn clip(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_owned();
    }
    let head: String = s.chars().take(max * 2 / 3).collect();
    let tail: String = s.chars().skip(n - max / 3).collect();
    format!("{head} … {tail}")
}

fn doc_line(d: &DocRef) -> String {
    match &d.version {
        Some(v) => format!("{} ({v})", d.path),
        None => d.path.clone(),
    }
}

/// The clause a change is listed under: the new one, with the old one when it differs.
fn group_label(c: &Change) -> String {
    let old = c.old_clause.as_ref();
    let new = c.new_clause.as_ref();
    match (old, new) {
        (Some(_), None) => ClauseRef::label(old),
        (None, Some(_)) => ClauseRef::label(new),
        (None, None) => ClauseRef::label(None),
        (Some(o), Some(n)) => {
            let (lo, ln) = (ClauseRef::label(Some(o)), ClauseRef::label(Some(n)));
            if lo == ln {
                ln
            } else {
                format!("{ln} (was {lo})")
            }
        }
    }
}

/// Human output, grouped by clause.
pub fn write_human(out: &mut impl Write, d: &Diff, color: bool) -> io::Result<()> {
    let (b, r) = if color { (BOLD, RESET) } else { ("", "") };
    writeln!(out, "{b}--- {}{r}", doc_line(&d.old))?;
    writeln!(out, "{b}+++ {}{r}", doc_line(&d.new))?;
    let mut last_group: Option<String> = None;
    for c in &d.changes {
        let group = group_label(c);
        let inline = c.kind == SECTION && c.change != ChangeType::Changed;
        if inline {
            let (col, tag) = match c.change {
                ChangeType::Added => (GREEN, "added"),
                ChangeType::Removed => (RED, "removed"),
                _ => (YELLOW, "moved"),
            };
            let label = match c.change {
                ChangeType::Moved => format!(
                    "{} -> {}",
                    ClauseRef::label(c.old_clause.as_ref()),
                    ClauseRef::label(c.new_clause.as_ref())
                ),
                _ => group.clone(),
            };
            if color {
                writeln!(out, "{BOLD}{label}{RESET}  {col}{tag}{RESET}")?;
            } else {
                writeln!(out, "{label}  {tag}")?;
            }
            for f in &c.facts {
                let sign = if c.change == ChangeType::Added {
                    '+'
                } else {
                    '-'
                };
                writeln!(
                    out,
                    "  {:<10} {sign} {}  \"{}\"",
                    kind_of(f),
                    f.display,
                    one_line(&f.plain)
                )?;
            }
            last_group = None;
            continue;
        }
        if last_group.as_deref() != Some(group.as_str()) {
            if color {
                writeln!(out, "{BOLD}{group}{RESET}")?;
            } else {
                writeln!(out, "{group}")?;
            }
            last_group = Some(group);
        }
        let kind = if c.kind == SECTION { "words" } else { &c.kind };
        let what = match (&c.old_fact, &c.new_fact) {
            (Some(o), Some(n)) => format!("{} -> {}", o.display, n.display),
            (Some(o), None) => {
                let t = format!("- {}  \"{}\"", o.display, one_line(&o.plain));
                if color {
                    format!("{RED}{t}{RESET}")
                } else {
                    t
                }
            }
            (None, Some(n)) => {
                let t = format!("+ {}  \"{}\"", n.display, one_line(&n.plain));
                if color {
                    format!("{GREEN}{t}{RESET}")
                } else {
                    t
                }
            }
            (None, None) => String::new(),
        };
        let mut hunks = c.words.iter();
        if c.kind == SECTION {
            if let Some(h) = hunks.next() {
                let text = render_words(&h.words, color, MAX_RUN);
                if color {
                    writeln!(out, "  {CYAN}{kind:<10}{RESET} {text}")?;
                } else {
                    writeln!(out, "  {kind:<10} {text}")?;
                }
            }
        } else if color {
            writeln!(out, "  {CYAN}{kind:<10}{RESET} {what}")?;
        } else {
            writeln!(out, "  {kind:<10} {what}")?;
        }
        let shown = hunks.by_ref().take(MAX_HUNKS).collect::<Vec<_>>();
        for h in shown {
            writeln!(
                out,
                "  {:<10} {}",
                "",
                render_words(&h.words, color, MAX_RUN)
            )?;
        }
        let more = hunks.count();
        if more > 0 {
            let t = format!("… {more} more (see --format json)");
            if color {
                writeln!(out, "  {:<10} {DIM}{t}{RESET}", "")?;
            } else {
                writeln!(out, "  {:<10} {t}", "")?;
            }
        }
    }
    write_summary_line(out, &d.summary)
}

fn kind_of(f: &super::FactRef) -> &'static str {
    f.kind.map_or("fact", |k| k.as_str())
}

fn one_line(s: &str) -> String {
    crate::output::one_line(s, 80)
}

fn write_summary_line(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    if s.changes == 0 {
        return writeln!(out, "no changes ({} clauses aligned)", s.clauses_aligned);
    }
    writeln!(
        out,
        "terms: {} changed, {} added, {} removed; clauses: {} added, {} removed, {} moved, {} reworded ({} aligned)",
        s.terms_changed,
        s.terms_added,
        s.terms_removed,
        s.clauses_added,
        s.clauses_removed,
        s.clauses_moved,
        s.clauses_changed,
        s.clauses_aligned
    )
}

/// One JSON document: `{"old", "new", "changes": [...], "summary"}`.
pub fn write_json(out: &mut impl Write, d: &Diff) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, d)?;
    writeln!(out)
}

/// One change per line, then one line `{"old", "new", "summary"}`.
pub fn write_jsonl(out: &mut impl Write, d: &Diff) -> io::Result<()> {
    for c in &d.changes {
        serde_json::to_writer(&mut *out, c)?;
        writeln!(out)?;
    }
    #[derive(Serialize)]
    struct Tail<'a> {
        old: &'a DocRef,
        new: &'a DocRef,
        summary: &'a Summary,
    }
    serde_json::to_writer(
        &mut *out,
        &Tail {
            old: &d.old,
            new: &d.new,
            summary: &d.summary,
        },
    )?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wdiff_marks_deletions_and_insertions() {
        let w = |op, t: &str| WordOp {
            op,
            text: t.to_owned(),
        };
        let words = [
            w(WordTag::Equal, "GitHub will remit"),
            w(WordTag::Delete, "75%"),
            w(WordTag::Insert, "95%"),
            w(WordTag::Equal, "of the sale price"),
        ];
        assert_eq!(
            wdiff(&words),
            "GitHub will remit [-75%-] {+95%+} of the sale price"
        );
    }

    #[test]
    fn clip_keeps_both_ends() {
        let s = "a ".repeat(200);
        let c = clip(&s, 30);
        assert!(c.contains('…') && c.chars().count() < 40, "{c}");
    }
}
