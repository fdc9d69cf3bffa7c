//! Floors on the evaluation suites in ../shared/eval (see `pactum::eval`): a regression
//! in the percent or money extractors fails here. Floors sit slightly below the numbers
//! measured when they were set (`pactum eval all` prints the current ones).
//!
//! Dates and durations are scored by the same harness; their floors were set from the
//! extractors as they landed on main.

use pactum::eval::{self, Report, Which};

fn report() -> Report {
    let dir = eval::shared_dir().join("eval");
    eval::run(Which::All, &dir).unwrap_or_else(|e| {
        panic!("cannot run the evaluation ({e}); set PACTUM_SHARED to the folder holding eval/")
    })
}

#[test]
fn every_kind_stays_above_its_floor() {
    let report = report();
    // (suite, kind, F1 floor, measured when set)
    let floors = [
        ("recognizers/PercentModel", "percent", 0.97, 1.000),
        ("lexnlp/percents", "percent", 0.95, 0.973),
        ("recognizers/CurrencyModel", "money", 0.93, 0.952),
        ("lexnlp/money", "money", 0.92, 0.947),
        ("recognizers/NumberModel", "number", 0.35, 0.378),
        ("lexnlp/amounts", "number", 0.68, 0.709),
        ("recognizers/DateExtractor", "date", 0.92, 0.942),
        ("lexnlp/dates", "date", 0.96, 0.982),
        ("recognizers/DurationExtractor", "duration", 0.94, 0.959),
        ("lexnlp/durations", "duration", 0.95, 0.976),
    ];
    let mut failures = Vec::new();
    for (suite, kind, floor, _measured) in floors {
        let row = report
            .row(suite, kind)
            .unwrap_or_else(|| panic!("no row for {suite} / {kind}"));
        assert!(row.cases > 0, "{suite}: no cases loaded");
        if row.f1() < floor {
            failures.push(format!(
                "{suite} / {kind}: F1 {:.3} below floor {floor} (P {:.3}, R {:.3})",
                row.f1(),
                row.precision(),
                row.recall()
            ));
        }
    }
    if !failures.is_empty() {
        let mut table = Vec::new();
        report.write(&mut table, true).unwrap();
        panic!(
            "{}\n\n{}",
            failures.join("\n"),
            String::from_utf8_lossy(&table)
        );
    }
}

#[test]
fn every_exclusion_is_a_named_group_with_a_reason() {
    let report = report();
    for e in &report.excluded {
        assert!(!e.reason.is_empty() && e.count > 0, "{e:?}");
    }
    // The rules never swallow a whole suite.
    for row in &report.rows {
        assert!(row.cases > 0, "{} / {} has no cases", row.suite, row.kind);
    }
}

/// Throughput of the number-based extractors alone, single thread, over the real corpus
/// (not a test of speed: it asserts nothing about time). Run with
/// `cargo test --release --test eval -- --ignored --nocapture throughput`.
#[test]
#[ignore]
fn throughput_of_percent_and_money_over_the_corpus() {
    use pactum::extract::{money, number, percent};
    let root = eval::shared_dir().join("corpus");
    let mut texts = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    // CPU time of this thread (Linux), so other processes on the machine do not count.
    let cpu = || -> f64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        let ticks = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (ticks(11) + ticks(12)) / 100.0
    };
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let (t, c) = (std::time::Instant::now(), cpu());
        let n: usize = texts.iter().map(|t| f(t)).sum();
        let (s, cs) = (t.elapsed().as_secs_f64(), cpu() - c);
        println!(
            "{name:<14} {n:>8} found  {mb:.1} MB: wall {s:.2} s = {:.0} MB/s, cpu {cs:.2} s = {:.0} MB/s",
            mb / s,
            mb / cs.max(0.01)
        );
    };
    time("percent", &|t| percent::find_percents(t).len());
    time("money", &|t| money::find_money(t).len());
    time("find_numbers", &|t| number::find_numbers(t).len());
}
