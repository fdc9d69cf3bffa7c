//! Floors on the CUAD evaluation (`pactum eval cuad`, see `pactum::eval::cuad`): parties,
//! governing law, the expiration date and the macro-F1 over the mapped clause categories. Floors sit slightly
//! below the numbers measured when they were set.

use pactum::eval::{self, cuad};

#[test]
fn cuad_stays_above_its_floors() {
    let corpus = eval::shared_dir().join("corpus");
    let report = cuad::run(&corpus).unwrap_or_else(|e| {
        panic!(
            "cannot run the CUAD evaluation ({e}); set PACTUM_SHARED to the folder holding corpus/"
        )
    });
    // (row, F1 floor, measured when set)
    let floors = [
        ("Parties", 0.850, 0.852),
        ("Governing Law", 0.94, 0.950),
        // Term ends (session 11); was 0.159 before them.
        ("Expiration Date", 0.37, 0.376),
    ];
    let mut failures = Vec::new();
    for (kind, floor, _measured) in floors {
        let row = report
            .row(cuad::SUITE, kind)
            .unwrap_or_else(|| panic!("no row for {kind}"));
        assert_eq!(row.cases, 510, "{kind}: every contract is scored");
        if row.f1() < floor {
            failures.push(format!("{kind}: F1 {:.3} below floor {floor}", row.f1()));
        }
    }
    let macro_f1 = cuad::macro_f1(&report);
    if macro_f1 < 0.752 {
        failures.push(format!(
            "clause macro-F1 {macro_f1:.3} below floor 0.752 (measured 0.757)"
        ));
    }
    if !failures.is_empty() {
        let mut table = Vec::new();
        report.write(&mut table, false).unwrap();
        panic!(
            "{}\n\n{}",
            failures.join("\n"),
            String::from_utf8_lossy(&table)
        );
    }
}
