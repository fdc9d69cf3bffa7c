//! Obligations: each `shall` / `must` / `will` / `agrees to` (obligation), `shall not` /
//! `must not` / `may not` / `cannot` (prohibition) and `may` / `is entitled to`
//! (permission) in a contract, with the party it binds.
//!
//! The bound party is the subject just before the modal: a capitalized name or role
//! (`Licensee shall pay` -> `Licensee`, `the Company will` -> `Company`), or `Each party`,
//! `Either Party`, `Neither party`, `The Parties`. The fact's span runs from the party to
//! the end of the modal (`Licensee shall`); without a party it is the modal alone and the
//! party is `null`; when markup sits between party and modal (`Provider</span> will`) the
//! span is the modal alone. A `will` without a named party is not read (too often future
//! tense). Subjects that name things rather than parties (`This Agreement shall`,
//! `Confidential Information may`: the head noun decides) bind no party. Group subjects
//! get one spelling: `each party` -> `Each Party`, `the Parties` -> `Parties`. A place binds
//! no one: the object of a preposition (`the courts of Ohio shall`) or a state after a
//! city or county and a comma (`New York County, New York may`); an opening phrase before
//! a comma does not hide the party (`During the Term, Licensor shall`).
//!
//! Known limits: passive sentences (`Fees shall be paid by Licensee`) bind the object,
//! which is not read; `May` the month is skipped when a number follows.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::{Context, Extractor};
use crate::model::{DocKind, Document, Fact, FactKind, Modality, Span, Value};

/// ASCII mode on bytes: a Unicode `\b` would keep the engine off its DFA.
static MODAL: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?xi-u)\b(?:
            (?P<neg>shall\s+not|must\s+not|may\s+not|will\s+not|cannot|can\s+not|agrees?\s+not\s+to|shall\s+in\s+no\s+event)
          | (?P<perm>may|is\s+entitled\s+to|are\s+entitled\s+to|shall\s+be\s+entitled\s+to|shall\s+have\s+the\s+right\s+to)
          | (?P<oblig>shall|must|will|agrees?\s+to|is\s+required\s+to|are\s+required\s+to|undertakes?\s+to|covenants?\s+to)
        )\b",
    )
    .expect("static regex")
});

/// The group of [`MODAL`] a match came from, read off the matched text alone: the
/// alternation prefers `neg`, then `perm`, so a text that matches `neg` whole came from
/// `neg`. A plain search plus this costs less than a search with captures.
fn modality_of(modal: &[u8]) -> Modality {
    static NEG: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(
            r"(?xi-u)^(?:shall\s+not|must\s+not|may\s+not|will\s+not|cannot|can\s+not|agrees?\s+not\s+to|shall\s+in\s+no\s+event)$",
        )
        .expect("static regex")
    });
    static PERM: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(
            r"(?xi-u)^(?:may|is\s+entitled\s+to|are\s+entitled\s+to|shall\s+be\s+entitled\s+to|shall\s+have\s+the\s+right\s+to)$",
        )
        .expect("static regex")
    });
    if NEG.is_match(modal) {
        Modality::Prohibition
    } else if PERM.is_match(modal) {
        Modality::Permission
    } else {
        Modality::Obligation
    }
}

/// `Each party`, `either Party`, `the Parties`, `the receiving Party`: parties named by
/// quantity or by the role they play in a clause.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:each|either|neither|both|the|any|a|such|other)
        (?:\s+(?:other|receiving|disclosing|breaching|non-breaching|defaulting|non-defaulting
              |indemnifying|indemnified|terminating|non-terminating|requesting|affected
              |applicable|relevant|first|second))?
        \s+part(?:y|ies)\s*$",
    )
    .expect("static regex")
});

/// A one-word subject that is never the party bound: pronouns other than `You`/`We`,
/// determiners, and words that open a subordinate clause.
const NOT_SUBJECTS: &[&str] = &[
    "This",
    "That",
    "These",
    "Those",
    "Such",
    "Said",
    "It",
    "They",
    "He",
    "She",
    "Which",
    "Who",
    "Nothing",
    "No",
    "None",
    "All",
    "Any",
    "Each",
    "Every",
    "The",
    "Either",
    "Neither",
    "Subject",
    "Unless",
    "If",
    "Notwithstanding",
    "Except",
    "Upon",
    "In",
    "During",
    "Within",
    "Where",
    "When",
    "Whether",
    "There",
    "Otherwise",
    "However",
    "Thereafter",
];

/// Head nouns (the last word of the subject) of things, not parties: `This Agreement
/// shall`, `Confidential Information may`, `The Initial Term will`.
const NOT_PARTY_HEADS: &[&str] = &[
    "Agreement",
    "Agreements",
    "Amendment",
    "Section",
    "Sections",
    "Article",
    "Term",
    "Terms",
    "Notice",
    "Notices",
    "Product",
    "Products",
    "Service",
    "Services",
    "Fee",
    "Fees",
    "Price",
    "Prices",
    "Exhibit",
    "Schedule",
    "Order",
    "Orders",
    "Territory",
    "Information",
    "Software",
    "License",
    "Licenses",
    "Payment",
    "Payments",
    "Royalties",
    "Royalty",
    "Date",
    "Period",
    "Invoice",
    "Invoices",
    "Law",
    "Laws",
    "Data",
    "Content",
    "Materials",
    "Material",
    "Property",
    "Rights",
    "Right",
    "Documentation",
    "Plan",
    "Policy",
    "Program",
    "Budget",
    "Forecast",
    "Report",
    "Reports",
    "Statement",
    "Statements",
    "Warranty",
    "Obligations",
    "Provisions",
    "Provision",
    // `IN NO EVENT SHALL`, `Each Order Form will`, `the Shares shall be issued`,
    // `Deliverables must` (not `Time`: `Pretzel Time shall` is a franchisor)
    "Event",
    "Events",
    "Form",
    "Forms",
    "Share",
    "Shares",
    "Document",
    "Documents",
    "Deliverable",
    "Deliverables",
];

/// Sentences longer than this are read only up to here.
const MAX_SENTENCE: usize = 4000;

pub struct ObligationExtractor;

impl Extractor for ObligationExtractor {
    fn name(&self) -> &'static str {
        "obligation"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Obligation]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(MODAL, GROUP)
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
        extract_obligations(doc, out);
    }
}

/// Every obligation of a contract.
pub fn extract_obligations(doc: &Document, out: &mut Vec<Fact>) {
    {
        if doc.kind != DocKind::Contract {
            return;
        }
        for sent in doc.sentences() {
            let end = crate::ingest::floor_char_boundary(
                &doc.text,
                sent.end.min(sent.start + MAX_SENTENCE),
            );
            let s = &doc.text[sent.start..end];
            // End of the previous modal in this sentence: `may mutually agree to` is one
            // permission, not a permission and an obligation.
            let mut last_modal_end: Option<usize> = None;
            // Party of the first modal in this sentence, the main clause's subject:
            // `Fabrikam may host them, and may perform inference` gives both permissions
            // to Fabrikam; in `it shall give notice so that the Disclosing Party may
            // object, and shall disclose`, the second `shall` is not the Disclosing Party's.
            let mut first_party: Option<Option<String>> = None;
            for m in MODAL.find_iter(s.as_bytes()) {
                let verb_phrase = [&b"agree"[..], b"undertake", b"covenant"].iter().any(|v| {
                    m.as_bytes()
                        .get(..v.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(v))
                });
                let follows_modal =
                    last_modal_end.is_some_and(|e| s[e..m.start()].split_whitespace().count() <= 2);
                last_modal_end = Some(m.end());
                if verb_phrase && follows_modal {
                    continue;
                }
                let modality = modality_of(m.as_bytes());
                // `May 1, 2020` is a date.
                if m.as_bytes() == b"May" {
                    continue;
                }
                let before = &s[..m.start()];
                let subject = bound_party(before);
                let modal_at = sent.start + m.start();
                // The span runs from the party to the modal, unless markup sits between
                // them (`Provider</span> will`): then it is the modal alone. A modal right
                // after `and` / `or` shares the subject of the one before it (span: the
                // modal alone).
                let (start, party) = match subject {
                    Some((at, name)) => {
                        let at = sent.start + at;
                        let clean = doc.source.get(at..modal_at) == doc.text.get(at..modal_at);
                        (if clean { at } else { modal_at }, Some(name))
                    }
                    None if ends_with_conjunction(before) => {
                        (modal_at, first_party.clone().flatten())
                    }
                    None => (modal_at, None),
                };
                if first_party.is_none() {
                    first_party = Some(party.clone());
                }
                let is_will = m.as_bytes().eq_ignore_ascii_case(b"will");
                if is_will && party.is_none() {
                    continue;
                }
                out.push(Fact::new(
                    Value::Obligation { party, modality },
                    Span::new(start, sent.start + m.end()),
                    &doc.source,
                    "obligation",
                ));
            }
        }
    }
}

/// `before` ends with the word `and` or `or` (`..., and may`).
fn ends_with_conjunction(before: &str) -> bool {
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"))
}

/// The party at the end of `before` (the text before a modal): its offset and name.
fn bound_party(before: &str) -> Option<(usize, String)> {
    let trimmed = before.trim_end();
    if trimmed.len() != before.len() && trimmed.is_empty() {
        return None;
    }
    if let Some(g) = GROUP.find(trimmed) {
        return Some((g.start(), group_name(g.as_str())));
    }
    // Up to four capitalized words (or ALL CAPS names), only whitespace (or the quotes and
    // parentheses of a definition, `(the "Indemnifying Party") shall`) between them and
    // the modal. Function words end the name even in ALL CAPS text
    // (`LIABILITY UNDER THESE TERMS SHALL` binds no party).
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut end = trimmed.len();
    for w in trimmed.split_inclusive(char::is_whitespace).rev() {
        let at = end - w.len();
        end = at;
        let t = w.trim();
        if t.is_empty() {
            continue;
        }
        let t = t.trim_matches(is_quote_or_paren);
        let cap = t.chars().next().is_some_and(|c| c.is_uppercase());
        if !cap
            || words.len() >= 4
            || t.ends_with([',', ';', ':', '.'])
            || FUNCTION_WORDS.iter().any(|f| t.eq_ignore_ascii_case(f))
        {
            break;
        }
        let lead = w.len()
            - w.trim_start_matches(|c: char| c.is_whitespace() || is_quote_or_paren(c))
                .len();
        words.push((at + lead, t));
    }
    words.reverse();
    // Drop leading words that are not part of a name: `During the Term Licensor shall`
    // binds `Licensor`, `This Agreement shall` binds no one.
    let is_thing = |w: &str| {
        NOT_SUBJECTS
            .iter()
            .chain(NOT_PARTY_HEADS)
            .any(|n| w.eq_ignore_ascii_case(n))
    };
    let first = words.iter().position(|(_, w)| !is_thing(w))?;
    let (at, _) = words[first];
    // A place is not bound: `the courts of Ohio shall` (the object of a preposition, the
    // real subject is the noun before it) and `New York County, New York may` (a state
    // after a place and a comma). `During the Term, Licensor shall` still binds Licensor.
    if first == 0 {
        let prev = trimmed[..words[0].0].split_whitespace().next_back();
        if let Some(p) = prev {
            let p = p.trim_matches(is_quote_or_paren);
            if PREPOSITIONS.iter().any(|w| p.eq_ignore_ascii_case(w)) {
                return None;
            }
            let joined = words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
            if p.ends_with(',')
                && p.starts_with(char::is_uppercase)
                && super::places::US_STATES
                    .iter()
                    .chain(OTHER_PLACES)
                    .any(|pl| joined.eq_ignore_ascii_case(pl))
            {
                return None;
            }
        }
    }
    // The words are whitespace-free already: joining them is the collapsed name.
    let name = words[first..]
        .iter()
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ");
    let name = name.strip_suffix("'s").unwrap_or(&name).to_owned();
    let head = name.split_whitespace().last().unwrap_or("");
    if NOT_PARTY_HEADS.iter().any(|n| head.eq_ignore_ascii_case(n)) {
        return None;
    }
    Some((at, name))
}

/// Words that end a subject read backwards from the modal, whatever their case.
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "under", "out", "to", "for", "in", "on", "by", "with", "and", "or", "from", "at",
    "as", "its", "their", "his", "her", "our", "your", "if", "that", "which", "then",
];

/// Prepositions whose object is never the subject: `the laws of Florida shall`.
const PREPOSITIONS: &[&str] = &["of", "in", "at", "from", "within", "under", "by"];

/// Places that follow a city or county and a comma (`Denver, Colorado shall`): the US
/// states ([`super::places::US_STATES`]) and these other places contracts name as venues.
const OTHER_PLACES: &[&str] = &[
    "D.C",
    "D.C.",
    "England",
    "Ontario",
    "Quebec",
    "British Columbia",
    "Alberta",
    "Canada",
    "USA",
    "U.S.A.",
];

fn is_quote_or_paren(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '(' | ')')
}

/// `each party` / `Each Party` -> `Each Party`; `the Parties` -> `Parties`;
/// `the receiving Party` -> `Receiving Party`.
fn group_name(phrase: &str) -> String {
    let mut words: Vec<&str> = phrase.split_whitespace().collect();
    if words.len() > 1
        && (words[0].eq_ignore_ascii_case("the") || words[0].eq_ignore_ascii_case("a"))
    {
        words.remove(0);
    }
    words
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            cs.next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(cs).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;
    use std::path::Path;

    fn obligations(src: &str) -> Vec<(String, Option<String>, Modality)> {
        let text = format!("This Agreement is made by the parties hereto. The parties agree to the terms herein. Each party hereby agrees.\n\n{src}\n");
        let doc = ingest::parse(Path::new("c.txt"), text.as_bytes()).unwrap();
        let mut facts = Vec::new();
        extract_obligations(&doc, &mut facts);
        facts
            .into_iter()
            .filter(|f| f.span.start > 110)
            .map(|f| match f.value {
                Value::Obligation { party, modality } => (f.text, party, modality),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn a_modal_after_and_shares_the_subject_before_it() {
        let got = obligations(
            "Subject to Section 3.1, Fabrikam may host the models, and may perform inference.",
        );
        let parties: Vec<_> = got.iter().map(|(_, p, _)| p.as_deref()).collect();
        assert_eq!(parties, [Some("Fabrikam"), Some("Fabrikam")], "{got:?}");
        let got = obligations("Licensee shall keep records and shall not destroy them.");
        let parties: Vec<_> = got
            .iter()
            .map(|(t, p, m)| (t.as_str(), p.as_deref(), *m))
            .collect();
        assert_eq!(
            parties,
            [
                ("Licensee shall", Some("Licensee"), Modality::Obligation),
                ("shall not", Some("Licensee"), Modality::Prohibition),
            ]
        );
        // No subject to share: a thing before the first modal, a new subject after `and`,
        // a subordinate clause's subject between.
        let got = obligations("The fees may be invoiced monthly and may change yearly.");
        assert!(got.iter().all(|(_, p, _)| p.is_none()), "{got:?}");
        let got = obligations(
            "If required by law, it shall give notice so that the Owner may object, and shall \
             disclose only what is required.",
        );
        assert!(
            got.iter().all(|(t, p, _)| p.is_none() || t == "Owner may"),
            "{got:?}"
        );
        // A document is no party, and `will` without a party is future tense.
        let got = obligations("Each Order Form will start on its Order Date.");
        assert!(got.is_empty(), "{got:?}");
        let got = obligations("Licensor may audit, and Licensee shall cooperate.");
        let parties: Vec<_> = got.iter().map(|(_, p, _)| p.as_deref()).collect();
        assert_eq!(parties, [Some("Licensor"), Some("Licensee")], "{got:?}");
    }

    #[test]
    fn bound_parties_and_modalities() {
        let cases: &[(&str, &str, Option<&str>, Modality)] = &[
            (
                "Licensee shall pay the fees.",
                "Licensee shall",
                Some("Licensee"),
                Modality::Obligation,
            ),
            (
                "The Company shall not disclose it.",
                "Company shall not",
                Some("Company"),
                Modality::Prohibition,
            ),
            (
                "Each party may terminate this Agreement.",
                "Each party may",
                Some("Each Party"),
                Modality::Permission,
            ),
            (
                "IN NO EVENT SHALL EITHER PARTY BE LIABLE.",
                "SHALL",
                None,
                Modality::Obligation,
            ),
            (
                "The Purchased Shares shall be issued at Closing.",
                "shall",
                None,
                Modality::Obligation,
            ),
            (
                "Pretzel Time shall train the franchisee.",
                "Pretzel Time shall",
                Some("Pretzel Time"),
                Modality::Obligation,
            ),
            (
                "ADAMS GOLF will provide clubs.",
                "ADAMS GOLF will",
                Some("ADAMS GOLF"),
                Modality::Obligation,
            ),
            (
                "Neither Party shall assign it.",
                "Neither Party shall",
                Some("Neither Party"),
                Modality::Obligation,
            ),
            (
                "The fees must be paid in full.",
                "must",
                None,
                Modality::Obligation,
            ),
            (
                "The indemnifying party (the \"Indemnifying Party\") shall defend it.",
                "Indemnifying Party\") shall",
                Some("Indemnifying Party"),
                Modality::Obligation,
            ),
            (
                "Upon request, the receiving Party will return it.",
                "the receiving Party will",
                Some("Receiving Party"),
                Modality::Obligation,
            ),
            (
                "Thereafter, the parties may agree otherwise.",
                "the parties may",
                Some("Parties"),
                Modality::Permission,
            ),
            (
                "This Agreement may be signed in counterparts.",
                "may",
                None,
                Modality::Permission,
            ),
            (
                "Confidential Information shall remain secret.",
                "shall",
                None,
                Modality::Obligation,
            ),
            (
                "The Parties may mutually agree to extend the Term.",
                "The Parties may",
                Some("Parties"),
                Modality::Permission,
            ),
            (
                "LIABILITY UNDER THESE TERMS SHALL NOT EXCEED THE FEES.",
                "SHALL NOT",
                None,
                Modality::Prohibition,
            ),
            (
                "During the Term Licensor shall deliver updates.",
                "Licensor shall",
                Some("Licensor"),
                Modality::Obligation,
            ),
            (
                "During the Term, Licensor shall deliver updates.",
                "Licensor shall",
                Some("Licensor"),
                Modality::Obligation,
            ),
            (
                "Only the courts sitting in Kent County, Delaware may hear disputes.",
                "may",
                None,
                Modality::Permission,
            ),
            (
                "Any court located in Austin, Texas shall have jurisdiction.",
                "shall",
                None,
                Modality::Obligation,
            ),
            (
                "The state courts of Oregon shall have jurisdiction.",
                "shall",
                None,
                Modality::Obligation,
            ),
            (
                "Upon Closing, Buyer shall pay the price.",
                "Buyer shall",
                Some("Buyer"),
                Modality::Obligation,
            ),
            (
                "Acme Corp.'s distributor, BETA LLC must report sales.",
                "BETA LLC must",
                Some("BETA LLC"),
                Modality::Obligation,
            ),
        ];
        for (src, text, party, modality) in cases {
            let got = obligations(src);
            assert_eq!(got.len(), 1, "{src}: {got:?}");
            assert_eq!(got[0].0, *text, "{src}");
            assert_eq!(got[0].1.as_deref(), *party, "{src}");
            assert_eq!(got[0].2, *modality, "{src}");
        }
    }

    #[test]
    fn non_obligations() {
        for src in [
            "The meeting took place on May 5, 2020.",
            "Prices will rise next year.",
            "This Agreement will continue for two years.",
            "The Initial Term will end in 2030.",
            "This is a statement of fact.",
        ] {
            assert!(obligations(src).is_empty(), "{src}: {:?}", obligations(src));
        }
    }
}
