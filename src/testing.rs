//! Helpers shared by tests in several modules.

/// `texts` texts of `per_text` pieces each, drawn from `pieces` by a fixed xorshift
/// sequence: the same mixes on every run, for tests that must hold on many of them.
pub(crate) fn random_mixes<'a>(
    pieces: &'a [&'a str],
    texts: usize,
    per_text: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    (0..texts).map(move |_| {
        let mut text = String::new();
        for _ in 0..per_text {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        text
    })
}
