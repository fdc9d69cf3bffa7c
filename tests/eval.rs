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
