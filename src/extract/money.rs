//! Money facts.
//!
//! Matches an amount (digits, scale words, words; see [`super::number`]) with a currency:
//!
//! * before it: `$3 billion`, `$ 75 million`, `$50bn`, `$750k`, `$12 K`, `US$`, `C$` /
//!   `c $`, `A$`, `HK$`, `NZ$`, `S$`, `Mex$`, `€45,000,000`, `£3.4bn`, `¥1.2 trillion`
//!   (JPY), `₹`, `Rs. 5 crore` (INR), ISO codes `USD 1,250,000.00`, `EUR 1.250.000,00`,
//!   `CHF1,000,000`, `RMB 21 million`, `MUSD 30` (millions);
//! * after it: `10 dollars`, `forty-five million euros`, `25 mln dlrs`, `1.5 billion stg`,
//!   `5.5 billion yen`, `100 billion yuan`, `35 lakh rupees`, `5 cents`, `470 pence`,
//!   `420 million finnish markka`, `10,000 swiss francs`, `115USD`, `10 €`, `75 USD
//!   million`, qualified dollars (`australian dollars`, `Canadian dlrs`, `us dollars`).
//!
//! The echo idiom `Twenty Million Dollars ($20,000,000)` or `RMB 200,000 (TWO HUNDRED
//! THOUSAND CHINESE YUAN)` is one fact when both agree; cheque cents `Fifty Thousand and
//! NO/100 Dollars` and spoken cents `3 dollars 50 cents`, `thirteen dollars forty-five` are
//! added to the amount.
//!
//! Value: `{"amount": "3000000000", "currency": "USD"}`, an exact decimal and an ISO 4217
//! code (historic codes for historic currencies: DEM, FRF, FIM, ESP, NLG, ITL). Cents and
//! pence are hundredths of USD and GBP.
//!
//! Not matched, by design: a bare `$` with no amount; numbers without a currency (`10,000
//! units`, years, section and phone numbers); amounts glued to other text (`X100
//! dollars`, `5.4.3 dollars`); names shared by several currencies with no qualifier
//! (`francs`, `pesos`, `krone`); `pounds` and `marks` without a scale word (`10 pounds`
//! is as likely a weight, `10 marks` a grade) unless `sterling` / `deutsche` says so.
//! A bare `$` is read as USD: pactum has no per-document default currency yet.
//!
//! Speed: the pattern runs only in windows around a currency symbol, code or name.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::groups::{GroupMemo, Groups};
use super::money_scan;
use super::number::{
    head, may_hold_number, parse_number, windows_around, NUMBER_DIGITS_LOOSE, NUMBER_WORDS, SCALE,
};
use crate::extract::{Context, Extractor};
use crate::model::{Fact, FactKind, Span, Value};

pub struct MoneyExtractor;

/// Where money may be: a currency symbol, code or name (see [`money_scan`]). The scan
/// finds its matches; the pattern itself runs only on text the scan does not handle.
static TRIGGER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&money_scan::pattern()).expect("static regex"));

/// The money pattern; with `words`, amounts may also be number words (`forty-five
/// million euros`), the only branch that does not start with a currency or a digit.
fn money_pattern(words: bool) -> String {
    let codes = format!("(?:{})", money_scan::CODES.join("|"));
    let symbols = format!("[{}]", money_scan::SYMBOLS);
    let words = if words {
        format!("| {NUMBER_WORDS}")
    } else {
        String::new()
    };
    format!(
        r"(?x)
        (?:
            # A) currency first: `$3 billion`, `US$ 1.2bn`, `USD 1,250,000.00`, `Rs. 5 crore`
            (?P<pre>
                (?i: (?-u:\b) (?: u\.?\s?s\.? | usd | c | can | cad | aud | hk | hkd | nz | nzd | sgd | mex | mxn ) \s? \$ )
              | (?-u:\b) (?: A | AU | AUD | S | SG | SGD | R | NT ) \$
              | {symbols}
              | (?-u:\b) (?i: rs\.? | M? {codes} )
            )
            \s{{0,2}}
            (?P<pamt>
                {NUMBER_DIGITS_LOOSE} (?: {SCALE} | \x20? (?i: mm | k | m | bn | b ) (?-u:\b) )?
            )
            (?: \s* (?P<pcode> (?-u:\b) (?i: {codes} ) (?-u:\b) ) )?
          |
            # B) amount first: `45 million euros`, `25 mln dlrs`, `5 cents`, `115USD`
            (?P<samt>
                {NUMBER_DIGITS_LOOSE} (?: {SCALE} | (?i: mm | k | m | bn | b ) (?-u:\b) )?
              {words}
            )
            (?: \s* - \s* | \s* )
            (?P<suf>
                (?i:
                    (?-u:\b)
                    (?: (?: u\.?\s?s\.? | us | american | canadian | australian | hong \s+ kong
                          | new \s+ zealand | singapore | new \s+ taiwan | taiwan ) \s+ )?
                    (?: dollars? | dlrs? )
                  | euros? | pounds? \s+ sterling | sterling | stg | pounds?
                  | (?: japanese \s+ )? yen | (?: chinese \s+ )? (?: yuan | renminbi )
                  | (?: indian \s+ )? rupees? | cents? | cts | pence | penny | pennies
                  | (?: swiss | french | belgian ) \s+ francs? | (?: deutsche \s+ | d- ) marks?
                  | deutschmarks? | marks? | (?: finnish \s+ )? markkaa? | pesetas? | (?: dutch \s+ )? guilders?
                  | (?: italian \s+ )? lire | turkish \s+ lir[ae] | (?: south \s+ african \s+ )? rand
                  | (?: russian \s+ )? (?: rubles? | roubles? ) | mexican \s+ pesos?
                  | swedish \s+ kronor | kronor | norwegian \s+ kroner | danish \s+ kroner
                  | (?: south \s+ )? korean \s+ won | (?: israeli \s+ )? shekels? | saudi \s+ riyals?
                  | M? {codes}
                ) (?-u:\b)
              | {symbols}
            )
            (?P<sscale> \s+ (?i: thousand | million | billion | trillion | mln | bn ) (?-u:\b) )?
        )"
    )
}

static MONEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&money_pattern(true)).expect("static regex"));

/// [`MONEY`] without number-word amounts. Reading groups runs a backtracker whose work
/// grows with the pattern's size, and the number words are most of [`MONEY`]'s; a match
/// of this pattern over the same span as [`MONEY`]'s has the same groups (it keeps
/// every branch that has priority over number words, in the same order).
static MONEY_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&money_pattern(false)).expect("static regex"));

/// Spoken cents after a currency word: `50 cents`, `and forty-five`, `50`.
static CENTS: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?x) ^ \s+ (?: (?i: and ) \s+ )?
        (?P<n> [0-9]{{1,2}} (?-u:\b) | {NUMBER_WORDS} )
        (?P<unit> \s+ (?i: cents? | pence ) (?-u:\b) )?"
    );
    Regex::new(&re).expect("static regex")
});

impl Extractor for MoneyExtractor {
    fn name(&self) -> &'static str {
        "money"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Money]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(MONEY, MONEY_DIGITS, CENTS)
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
        for (span, amount, currency) in find_money(&doc.text) {
            out.push(Fact::new(
                Value::Money {
                    amount,
                    currency: currency.to_owned(),
                },
                span,
                &doc.source,
                self.name(),
            ));
        }
    }
}

/// Every amount of money in `text`: span, amount, ISO 4217 code.
pub fn find_money(text: &str) -> Vec<(Span, Decimal, &'static str)> {
    let mut out = Vec::new();
    let triggers = money_scan::triggers(text)
        .unwrap_or_else(|| TRIGGER.find_iter(text).map(|m| m.range()).collect());
    for w in windows_around(text, triggers, 8, 80) {
        // Most currency words come without an amount (`the American market`).
        if !may_hold_number(&text[w.clone()]) {
            continue;
        }
        let hay = &text[..w.end];
        let mut pos = w.start;
        while pos < w.end {
            let Some(c) = MONEY
                .find_at(hay, pos)
                .and_then(|m| money_groups(hay, m.range()))
            else {
                break;
            };
            let m = c.get(0).map_or(pos..pos, |m| m.range());
            pos = if m.end > pos { m.end } else { pos + 1 };
            if let Some(found) = read_match(text, &c) {
                pos = pos.max(found.0.end);
                out.push(found);
            } else if let Some(suf) = c
                .get(GROUPS.suf)
                .filter(|s| !s.as_str().starts_with(char::is_alphanumeric))
            {
                // `1 $10`: the symbol belongs to the amount after it; read again from it.
                pos = suf.start();
            }
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
    out
}

group_indexes! {
    /// Indexes of [`MONEY`]'s named groups (the same in [`MONEY_DIGITS`]).
    static GROUPS: MoneyGroups for MONEY => { pre, pamt, pcode, samt, suf, sscale }
}

/// [`MONEY`]'s groups, remembered by shape.
static MONEY_GROUPS: GroupMemo = GroupMemo::new(&MONEY);

/// [`MONEY_DIGITS`]'s groups, remembered by shape. Its spans are [`MONEY`]'s matches,
/// whose groups the shape decides all the same: when [`MONEY`]'s first path over a span
/// reads no number words, [`MONEY_DIGITS`] has that very path first (it keeps every
/// branch with priority over the words); when that path reads words, the span starts
/// with a letter where no branch of [`MONEY_DIGITS`] can match, whatever follows.
static MONEY_DIGITS_GROUPS: GroupMemo = GroupMemo::new(&MONEY_DIGITS);

/// The groups of the [`MONEY`] match over `span` in `hay`: from [`MONEY_DIGITS`] when it
/// matches the same span, else from [`MONEY`] itself.
fn money_groups(hay: &str, span: Range<usize>) -> Option<Groups<'_>> {
    MONEY_DIGITS_GROUPS
        .captures(hay, span.clone())
        .or_else(|| MONEY_GROUPS.captures(hay, span))
}

/// A currency as written, normalized: ISO code, multiplier (cents are 0.01, `MUSD` is a
/// million), and whether the amount needs a scale word to be read as money.
struct Currency {
    code: &'static str,
    factor: Decimal,
    needs_scale: bool,
}

fn currency(raw: &str) -> Option<Currency> {
    // Lower-case ASCII, spaces collapsed, dots dropped: `U.S. $` -> `us $`.
    let mut key = String::with_capacity(raw.len());
    for w in raw.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(
            w.chars()
                .filter(|&c| c != '.')
                .map(|c| c.to_ascii_lowercase()),
        );
    }
    let key = key.replace(" $", "$");
    let unit = |code| Currency {
        code,
        factor: Decimal::ONE,
        needs_scale: false,
    };
    let hundredth = |code| Currency {
        code,
        factor: Decimal::new(1, 2),
        needs_scale: false,
    };
    let scaled_only = |code| Currency {
        code,
        factor: Decimal::ONE,
        needs_scale: true,
    };
    // `MUSD`: millions of a code.
    if key.len() == 4 && key.starts_with('m') {
        if let Some(c) = code(&key[1..]) {
            return Some(Currency {
                code: c,
                factor: Decimal::from(1_000_000),
                needs_scale: false,
            });
        }
    }
    if let Some(c) = code(&key) {
        return Some(unit(c));
    }
    let k = key.as_str();
    Some(match k {
        "$" | "us$" | "usd$" | "dollar" | "dollars" | "dlr" | "dlrs" => unit("USD"),
        "c$" | "ca$" | "can$" | "cad$" => unit("CAD"),
        "a$" | "au$" | "aud$" => unit("AUD"),
        "hk$" | "hkd$" => unit("HKD"),
        "nz$" | "nzd$" => unit("NZD"),
        "s$" | "sg$" | "sgd$" => unit("SGD"),
        "mex$" | "mxn$" => unit("MXN"),
        "r$" => unit("BRL"),
        "nt$" => unit("TWD"),
        "€" | "euro" | "euros" => unit("EUR"),
        "£" | "sterling" | "stg" | "pound sterling" | "pounds sterling" => unit("GBP"),
        "pound" | "pounds" => scaled_only("GBP"),
        "¥" | "yen" | "japanese yen" => unit("JPY"),
        "元" | "yuan" | "chinese yuan" | "renminbi" | "chinese renminbi" => unit("CNY"),
        "₹" | "rs" | "rupee" | "rupees" | "indian rupee" | "indian rupees" => unit("INR"),
        "₩" => unit("KRW"),
        "₽" => unit("RUB"),
        "₪" => unit("ILS"),
        "₺" => unit("TRY"),
        "₫" => unit("VND"),
        "₦" => unit("NGN"),
        "₱" => unit("PHP"),
        "₴" => unit("UAH"),
        "₡" => unit("CRC"),
        "₾" => unit("GEL"),
        "₭" => unit("LAK"),
        "฿" => unit("THB"),
        "cent" | "cents" | "cts" => hundredth("USD"),
        "pence" | "penny" | "pennies" => hundredth("GBP"),
        "swiss franc" | "swiss francs" => unit("CHF"),
        "french franc" | "french francs" => unit("FRF"),
        "belgian franc" | "belgian francs" => unit("BEF"),
        "deutsche mark" | "deutsche marks" | "d-mark" | "d-marks" | "deutschmark"
        | "deutschmarks" => unit("DEM"),
        "marks" => scaled_only("DEM"),
        "markka" | "markkaa" | "finnish markka" | "finnish markkaa" => unit("FIM"),
        "peseta" | "pesetas" => unit("ESP"),
        "guilder" | "guilders" | "dutch guilder" | "dutch guilders" => unit("NLG"),
        "lire" | "italian lire" => unit("ITL"),
        "turkish lira" | "turkish lire" => unit("TRY"),
        "rand" | "south african rand" => unit("ZAR"),
        "ruble" | "rubles" | "rouble" | "roubles" | "russian ruble" | "russian rubles"
        | "russian rouble" | "russian roubles" => unit("RUB"),
        "mexican peso" | "mexican pesos" => unit("MXN"),
        "swedish kronor" | "kronor" => unit("SEK"),
        "norwegian kroner" => unit("NOK"),
        "danish kroner" => unit("DKK"),
        "korean won" | "south korean won" => unit("KRW"),
        "shekel" | "shekels" | "israeli shekel" | "israeli shekels" => unit("ILS"),
        "saudi riyal" | "saudi riyals" => unit("SAR"),
        _ => {
            // Qualified dollars: `australian dollars`, `us dollars`, `canadian dlrs`.
            let (q, d) = k.rsplit_once(' ')?;
            if !["dollar", "dollars", "dlr", "dlrs"].contains(&d) {
                return None;
            }
            unit(match q {
                "us" | "u s" | "american" => "USD",
                "canadian" => "CAD",
                "australian" => "AUD",
                "hong kong" => "HKD",
                "new zealand" => "NZD",
                "singapore" => "SGD",
                "taiwan" | "new taiwan" => "TWD",
                _ => return None,
            })
        }
    })
}

/// An ISO code from the list the pattern knows (`rmb` is CNY).
fn code(k: &str) -> Option<&'static str> {
    const CODES: [&str; 30] = [
        "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "HKD", "NZD", "SGD", "SEK",
        "NOK", "DKK", "ZAR", "MXN", "BRL", "KRW", "RUB", "PLN", "TWD", "AED", "SAR", "ILS", "THB",
        "MYR", "IDR", "CZK", "HUF",
    ];
    if k.eq_ignore_ascii_case("rmb") {
        return Some("CNY");
    }
    CODES.iter().copied().find(|c| c.eq_ignore_ascii_case(k))
}

/// True when the amount text carries a scale word or abbreviation (`3 million`, `1.2bn`).
fn has_scale(amount: &str) -> bool {
    amount.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        [
            "thousand", "million", "billion", "trillion", "mln", "mn", "bn", "bln", "tn", "k", "m",
            "mm", "b", "crore", "lakh", "lakhs", "crores", "millions", "billions",
        ]
        .iter()
        .any(|s| w.eq_ignore_ascii_case(s))
    })
}

fn read_match(text: &str, c: &Groups) -> Option<(Span, Decimal, &'static str)> {
    let all = c.get(0)?;
    let g = &*GROUPS;
    let (amt, cur_text, prefix) = match (c.get(g.pamt), c.get(g.samt)) {
        (Some(a), _) => {
            // `$5.4.3`, `$1,2345`: the amount runs on.
            let after = &text.as_bytes()[a.end()..];
            let runs_on = match after {
                [ch, ..] if ch.is_ascii_alphanumeric() => true,
                [b'.' | b',', d, ..] => d.is_ascii_digit(),
                _ => false,
            };
            if runs_on {
                return None;
            }
            let pre = c.get(g.pre)?.as_str();
            // `$5 million USD`: the code says which dollar.
            let cur = match c.get(g.pcode) {
                Some(code) if pre == "$" => code.as_str(),
                _ => pre,
            };
            (a, cur, true)
        }
        (None, Some(a)) => {
            let suf = c.get(g.suf)?;
            // `10 $ is not much`, `5 €,`: a symbol after the amount ends a phrase. Before
            // digits or a redaction (`Year 2 $[***]`, `1 $10`) it starts the next amount.
            let symbol = !suf.as_str().starts_with(char::is_alphanumeric);
            if symbol {
                let next = text[suf.end()..]
                    .trim_start_matches([' ', '\t'])
                    .chars()
                    .next();
                if next.is_some_and(|ch| !(ch.is_alphabetic() || ".,;:!?)\r\n".contains(ch))) {
                    return None;
                }
            }
            // `X100 dollars`, `5.4.3 dollars`: part of another token.
            let b = text.as_bytes();
            let before = a.start().checked_sub(1).map(|i| b[i]);
            let before2 = a.start().checked_sub(2).map(|i| b[i]);
            let glued = match before {
                Some(ch) if ch.is_ascii_alphanumeric() => true,
                Some(b'.') => before2.is_some_and(|ch| ch.is_ascii_digit()),
                _ => false,
            };
            if glued {
                return None;
            }
            (a, c.get(g.suf)?.as_str(), false)
        }
        _ => return None,
    };
    let cur = currency(cur_text)?;
    let scaled = has_scale(amt.as_str()) || c.get(g.sscale).is_some();
    if cur.needs_scale && !scaled {
        return None;
    }
    let mut amount = parse_number(amt.as_str())?;
    if let Some(s) = c.get(g.sscale) {
        amount = amount.checked_mul(parse_number(&format!("1{}", s.as_str()))?)?;
    }
    amount = amount.checked_mul(cur.factor)?;
    let start = if prefix {
        c.get(g.pre)?.start()
    } else {
        amt.start()
    };
    let mut end = all.end();
    // Spoken cents after a currency word: `3 dollars 50 cents`, `15 dollars and 15.`
    if !prefix && cur.factor == Decimal::ONE && !cur.needs_scale {
        if let Some((e, cents)) = spoken_cents(text, end) {
            amount += cents;
            end = e;
        }
    }
    // The echo: `Twenty Million Dollars ($20,000,000)`.
    if let Some(e) = echo(text, end, amount, cur.code) {
        end = e;
    }
    Some((Span::new(start, end), amount.normalize(), cur.code))
}

fn spoken_cents(text: &str, end: usize) -> Option<(usize, Decimal)> {
    let rest = &text[end..];
    let c = CENTS.captures(head(rest, 64))?;
    let n = parse_number(c.name("n")?.as_str())?;
    if n >= Decimal::ONE_HUNDRED || n.fract() != Decimal::ZERO {
        return None;
    }
    let stop = c.get(0)?.end();
    // `6.6 mln dlrs and 12.6 mln dlrs`: the number runs on, it is the next amount.
    let tail = rest.as_bytes().get(stop..).unwrap_or(&[]);
    if let [b'.' | b',' | b'/', d, ..] = tail {
        if d.is_ascii_digit() {
            return None;
        }
    }
    if c.name("unit").is_none() {
        // Only a number that ends the phrase: not `50 dollar 50 dollar`, `5 dollars 10 times`.
        let after = rest[stop..].trim_start_matches([' ', '\t']);
        if after.starts_with(|ch: char| ch.is_alphanumeric() || "$€£¥(".contains(ch)) {
            return None;
        }
    }
    Some((end + stop, n / Decimal::ONE_HUNDRED))
}

/// `(…)` right after `end` that states the same amount, in digits or words, with or
/// without its currency; returns the end after `)`.
fn echo(text: &str, end: usize, amount: Decimal, code: &str) -> Option<usize> {
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    let open = rest.len() - trimmed.len();
    if open > 3 || !trimmed.starts_with('(') {
        return None;
    }
    let close = head(trimmed, 120).find(')')?;
    let inner = trimmed[1..close].trim();
    let same = match find_money(inner).as_slice() {
        [(span, a, c)] => span.len() == inner.len() && *a == amount && *c == code,
        [] => parse_number(inner) == Some(amount),
        _ => false,
    };
    same.then_some(end + open + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, String, &'static str)> {
        find_money(text)
            .into_iter()
            .map(|(s, a, c)| (s.slice(text), a.to_string(), c))
            .collect()
    }

    #[test]
    fn matches() {
        let cases: &[(&str, &str, &str, &str)] = &[
            ("raised $3 billion in", "$3 billion", "3000000000", "USD"),
            ("a $50bn fund", "$50bn", "50000000000", "USD"),
            ("USD 1,250,000.00 due", "USD 1,250,000.00", "1250000", "USD"),
            ("paid €45,000,000.", "€45,000,000", "45000000", "EUR"),
            ("£3.4bn deal", "£3.4bn", "3400000000", "GBP"),
            ("¥1.2 trillion", "¥1.2 trillion", "1200000000000", "JPY"),
            ("a $750k fee", "$750k", "750000", "USD"),
            ("EUR 1.250.000,00 net", "EUR 1.250.000,00", "1250000", "EUR"),
            ("Rs. 5 crore", "Rs. 5 crore", "50000000", "INR"),
            ("US$ 150 million", "US$ 150 million", "150000000", "USD"),
            ("c $ 16.4 million", "c $ 16.4 million", "16400000", "CAD"),
            ("C$300", "C$300", "300", "CAD"),
            ("A$2.5m", "A$2.5m", "2500000", "AUD"),
            (
                "hk $ 10.05 billion",
                "hk $ 10.05 billion",
                "10050000000",
                "HKD",
            ),
            ("CAD 500", "CAD 500", "500", "CAD"),
            (
                "Principal Amount: 20 Million Dollars ($20,000,000)",
                "20 Million Dollars ($20,000,000)",
                "20000000",
                "USD",
            ),
            (
                "forty-five million euros",
                "forty-five million euros",
                "45000000",
                "EUR",
            ),
            ("10 dollars", "10 dollars", "10", "USD"),
            ("5 cents", "5 cents", "0.05", "USD"),
            ("25 mln dlrs", "25 mln dlrs", "25000000", "USD"),
            ("1.5 billion stg", "1.5 billion stg", "1500000000", "GBP"),
            (
                "10 mln Canadian dlrs",
                "10 mln Canadian dlrs",
                "10000000",
                "CAD",
            ),
            ("RMB 21 million only", "RMB 21 million", "21000000", "CNY"),
            (
                "100 billion yuan",
                "100 billion yuan",
                "100000000000",
                "CNY",
            ),
            ("CHF1,000,000, in", "CHF1,000,000", "1000000", "CHF"),
            ("20,625.75 USD", "20,625.75 USD", "20625.75", "USD"),
            ("115USD", "115USD", "115", "USD"),
            (
                "361 million pounds",
                "361 million pounds",
                "361000000",
                "GBP",
            ),
            ("2.5 mln marks", "2.5 mln marks", "2500000", "DEM"),
            ("10,000 swiss francs", "10,000 swiss francs", "10000", "CHF"),
            ("470 pence a share", "470 pence", "4.7", "GBP"),
            ("3 dollars 50 cents", "3 dollars 50 cents", "3.5", "USD"),
            (
                "thirteen dollars and forty-five cents",
                "thirteen dollars and forty-five cents",
                "13.45",
                "USD",
            ),
            (
                "Fifty Thousand and NO/100 Dollars ($50,000.00) ",
                "Fifty Thousand and NO/100 Dollars ($50,000.00)",
                "50000",
                "USD",
            ),
            (
                "RMB 200,000 (TWO HUNDRED THOUSAND CHINESE YUAN), payable",
                "RMB 200,000 (TWO HUNDRED THOUSAND CHINESE YUAN)",
                "200000",
                "CNY",
            ),
            ("test $12 K", "$12 K", "12000", "USD"),
            ("75 USD million", "75 USD million", "75000000", "USD"),
            ("30 MUSD", "30 MUSD", "30000000", "USD"),
            ("35 lakh rupees", "35 lakh rupees", "3500000", "INR"),
            (
                "12,34,567.89 rupees",
                "12,34,567.89 rupees",
                "1234567.89",
                "INR",
            ),
            ("a 12-cent dividend", "12-cent", "0.12", "USD"),
            ("$5 million USD", "$5 million USD", "5000000", "USD"),
            ("aud$ 15", "aud$ 15", "15", "AUD"),
            (
                "a quarter million us dollars",
                "a quarter million us dollars",
                "250000",
                "USD",
            ),
            ("half million usd", "half million usd", "500000", "USD"),
            ("1 $10 dollars bill", "$10", "10", "USD"),
        ];
        for (text, span, amount, code) in cases {
            assert_eq!(
                found(text),
                vec![(*span, amount.to_string(), *code)],
                "{text}"
            );
        }
    }

    #[test]
    fn non_matches() {
        for text in [
            "There are 10 dogs",
            "The model number is X100 for your vacuum",
            "There is no , money in the banana stand",
            "There are 5.4.3 dollars",
            "10,000 units in 2024 under Section 5.2, call 555-1234",
            "the $ sign alone",
            "he weighs 10 pounds",
            "got 10 marks",
            "528 million francs",
            "Mrs. 5 Smith",
            "Year 2 $[*****] 3.  Year 3 $ [***]",
            "50 percent",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn several_in_one_text() {
        assert_eq!(
            found("$1,000,000 individually or $3,000,000 in the"),
            vec![
                ("$1,000,000", "1000000".into(), "USD"),
                ("$3,000,000", "3000000".into(), "USD")
            ]
        );
        assert_eq!(
            found("50 dollar 50 dollar"),
            vec![
                ("50 dollar", "50".into(), "USD"),
                ("50 dollar", "50".into(), "USD")
            ]
        );
        assert_eq!(
            found("10 $ is not much, nor is 10 €"),
            vec![("10 $", "10".into(), "USD"), ("10 €", "10".into(), "EUR")]
        );
        // Multi-byte text right after an amount: the echo and cents windows stay on
        // char boundaries.
        let t = format!("® ten dollars ({}", "€".repeat(50));
        assert_eq!(found(&t), vec![("ten dollars", "10".into(), "USD")]);
        let t = format!("ten dollars {}", "€".repeat(50));
        assert_eq!(found(&t), vec![("ten dollars", "10".into(), "USD")]);
        // Cents only when the number ends there.
        assert_eq!(
            found("of 6.6 mln dlrs and 12.6 mln dlrs, respectively"),
            vec![
                ("6.6 mln dlrs", "6600000".into(), "USD"),
                ("12.6 mln dlrs", "12600000".into(), "USD")
            ]
        );
        // The echo disagrees: two facts.
        assert_eq!(
            found("Twenty Thousand Dollars ($25,000)"),
            vec![
                ("Twenty Thousand Dollars", "20000".into(), "USD"),
                ("$25,000", "25000".into(), "USD")
            ]
        );
    }

    #[test]
    fn digits_pattern_numbers_groups_like_the_full_one() {
        let full: Vec<_> = MONEY.capture_names().collect();
        let digits: Vec<_> = MONEY_DIGITS.capture_names().collect();
        assert_eq!(full, digits);
    }

    /// The remembered groups (read with [`MONEY_DIGITS`] where it matches the same span)
    /// equal [`MONEY`]'s own, for random texts read twice (the second time from the
    /// tables).
    #[test]
    fn remembered_groups_agree_with_the_full_pattern() {
        let pieces = [
            "$",
            "US$",
            "USD",
            "usd",
            "Rs.",
            "£",
            "€",
            "5",
            "27",
            "1,250",
            "0.8",
            ".5",
            "3/4",
            "five",
            "Twenty-two",
            "a hundred",
            " million",
            "mln",
            " mln",
            "bn",
            "k",
            " dlrs",
            " cts",
            "cents",
            " euros",
            " pounds sterling",
            " and 50/100",
            "/100",
            " and NO/100",
            " ",
            "  ",
            "x",
            "(",
            ")",
            ".",
            ",",
            "-",
            "\n",
        ];
        let names: Vec<&str> = MONEY.capture_names().flatten().collect();
        let mut compared = 0;
        for t in (1..=7).flat_map(|n| crate::testing::random_mixes(&pieces, 3_000, n)) {
            for _ in 0..2 {
                for m in MONEY.find_iter(&t) {
                    let want = MONEY.captures_at(&t, m.start()).expect("a match");
                    let got = money_groups(&t, m.range()).expect("a match");
                    for n in &names {
                        let want = want.name(n).map(|g| g.range());
                        assert_eq!(got.name(n).map(|g| g.range()), want, "{n} in {t:?}");
                    }
                    compared += 1;
                }
            }
        }
        assert!(compared > 10_000, "{compared} matches compared");
    }

    #[test]
    fn pathological_inputs() {
        let dollars = "$".repeat(100_000);
        assert!(find_money(&dollars).is_empty());
        let digits = format!("${}", "9".repeat(10_000_000));
        assert!(find_money(&digits).is_empty());
        let many = "$1 ".repeat(100_000);
        assert_eq!(find_money(&many).len(), 100_000);
        let words = "one dollar ".repeat(50_000);
        assert_eq!(find_money(&words).len(), 50_000);
    }
}
