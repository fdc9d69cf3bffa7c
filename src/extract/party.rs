//! Parties: who a contract binds, or which organizations a news story is about.
//!
//! Contracts:
//! * the preamble (`by and between Acme Corp., a Delaware corporation ("Licensor"), and
//!   Beta LLC ("Licensee")`): each parenthesized group of quoted aliases names the party
//!   written just before it (cut at `, a Delaware corporation`, `having its office`...);
//!   parties listed without aliases are kept when they carry a corporate suffix;
//! * signature blocks: an organization with a corporate suffix just before `By:`.
//!
//! News: organizations with a corporate suffix (`Fabrikam Inc.`), or named in an
//! organization context (`Microsoft said it`, `shares of OpenAI`, `Amazon Web Services'
//! revenue`, `a stake in Mistral`).
//!
//! One canonical party per organization per document (`Value::Party { name, aliases,
//! role }`, the role being an alias such as `Licensee`); every mention of its name, of its
//! name without the suffix and of its aliases is a fact.
//!
//! Known limits: a preamble that names parties only in a table or in a later recital is
//! missed; people in news are not parties; an alias paren more than 300 bytes long is not
//! read (unbalanced quotes and parentheses are skipped, never followed to the end).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::Extractor;
use crate::model::{DocKind, Document, Fact, FactKind, Span, Value};

/// Where the party list of a preamble starts.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:by\s+and\s+between|by\s+and\s+among|between|among|by|with)\s")
        .expect("static regex")
});

/// Where the party list ends.
static PREAMBLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:WHEREAS|Whereas|RECITALS|Recitals|NOW,?\s+THEREFORE|Now,?\s+Therefore|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|BACKGROUND|(?i:agree\s+as\s+follows))",
    )
    .expect("static regex")
});

/// A corporate suffix ending an organization name.
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:,\s*|\s+)
        (?:Inc|INC|Incorporated|INCORPORATED|Corp|CORP|Corporation|CORPORATION|LLC|L\.L\.C|Ltd|LTD|Limited|LIMITED
          |LLP|L\.L\.P|LP|L\.P|PLC|plc|Plc|GmbH|AG|SE|S\.A|SA|N\.V|NV|B\.V|BV|Pty|PTY|S\.p\.A|SpA|S\.A\.S|SAS|S\.L|AB|ASA|Oy|KK|K\.K|Co|CO|Company|COMPANY)
        \b\.?",
    )
    .expect("static regex")
});

/// News contexts in which a capitalized name is an organization.
static ORG_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<a>[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]){0,3})
        (?:\s+(?:said|says)\s+(?:it|its|on\s+\w+\s+it)\b
          |['’]s?\s+(?:shares|stock|profits?|revenues?|sales|earnings|chief\s+executive|board|CEO|chairman|shareholders|subsidiary|unit|takeover|acquisition|role\s+as|partnership|stake|investment|cloud\s+platform|share\s+price|market\s+value)\b
          |\s+(?:shares|stock)\s+(?:rose|fell|jumped|dropped|slipped|gained|closed)\b
          |\s+(?:announced|reported|posted)\s+(?:a|an|its|net|record|plans)\b
          |\s+(?:agreed|plans|offered)\s+to\s+(?:buy|acquire|sell|invest|pay|merge)\b
          |,\s+(?:the|a)\s+(?:[\w\-]+\s+){0,3}(?:company|firm|group|maker|giant|bank|retailer|carrier|operator|start-?up|manufacturer|insurer|airline|conglomerate)\b)
        |(?i:shares\s+(?:of|in)|stake\s+in|acquisition\s+of|takeover\s+of|bid\s+for|merger\s+with|investment\s+in|partnership\s+with|deal\s+with|invested\s+in|acquired\s+by|backed\s+by)\s+
        (?P<b>[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]){0,3})",
    )
    .expect("static regex")
});

/// Aliases that are defined terms, not parties.
static NOT_A_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:the\s+|this\s+)?(?:agreement|amendment|contract|addendum|effective\s+date|execution\s+date|commencement\s+date|closing\s+date|date|territory|term|products?|services?|part(?:y|ies)|each\s+a\s+party|software|program|plan|property|premises|notes?|shares?|license|work|schedule|exhibit|act|securities\s+act|exchange\s+act|code|project|purpose|business|transaction|merger|offering|system|brand|marks?|trademarks?|deliverables?|effective\s+time|[\w\s]*\s(?:agreement|date|act|period))$",
    )
    .expect("static regex")
});

/// Role words: an alias that is one of these is the party's role.
const ROLES: &[&str] = &[
    "licensor",
    "licensee",
    "company",
    "distributor",
    "supplier",
    "customer",
    "vendor",
    "buyer",
    "seller",
    "purchaser",
    "contractor",
    "consultant",
    "client",
    "provider",
    "service provider",
    "reseller",
    "manufacturer",
    "franchisee",
    "franchisor",
    "agent",
    "partner",
    "developer",
    "publisher",
    "lender",
    "borrower",
    "landlord",
    "tenant",
    "lessor",
    "lessee",
    "sponsor",
    "investor",
    "producer",
    "endorser",
    "marketer",
    "owner",
    "operator",
    "host",
    "member",
    "parent",
    "bank",
    "employer",
    "employee",
    "executive",
    "adviser",
    "advisor",
    "manager",
    "sub-adviser",
    "shipper",
    "carrier",
    "transferor",
    "transferee",
    "assignor",
    "assignee",
    "grantor",
    "grantee",
    "guarantor",
    "recipient",
    "discloser",
    "disclosing party",
    "receiving party",
    "collaborator",
    "affiliate",
    "representative",
    "dealer",
    "retailer",
    "wholesaler",
    "sublicensee",
    "contractor",
];

/// Words that start a sentence, never a name.
const LEADING_STOP: &[&str] = &[
    "The", "THE", "This", "THIS", "That", "Each", "EACH", "Any", "Such", "Under", "Between",
    "BETWEEN", "By", "BY", "And", "AND", "With", "WITH", "From", "For", "To", "In", "On", "Of",
    "As", "If", "When", "Both", "Neither", "Either", "Whereas", "WHEREAS", "Among", "AMONG",
    "Said", "Its", "Their", "Our", "Dated", "Shares", "But", "After", "Before", "While",
];

const PREAMBLE_WINDOW: usize = 12_000;
const PARTY_LIST_MAX: usize = 2_500;
const ALIAS_GROUP_MAX: usize = 300;

#[derive(Debug, Clone)]
struct Party {
    name: String,
    aliases: Vec<String>,
    role: Option<String>,
}

pub struct PartyExtractor;

impl Extractor for PartyExtractor {
    fn name(&self) -> &'static str {
        "party"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Party]
    }
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        let mut parties: Vec<Party> = Vec::new();
        match doc.kind {
            DocKind::Contract => {
                preamble_parties(&doc.text, &mut parties);
                signature_parties(&doc.text, &mut parties);
            }
            DocKind::News => news_orgs(&doc.text, &mut parties),
        }
        mentions(doc, &parties, out);
    }
}

/// Add a party, merging it with one of the same organization.
fn add(parties: &mut Vec<Party>, p: Party) {
    let key = key(&p.name);
    if key.is_empty() {
        return;
    }
    for q in parties.iter_mut() {
        if key_of_names(q).contains(&key)
            || p.aliases
                .iter()
                .any(|a| q.aliases.contains(a) && !is_generic(a))
        {
            for a in p.aliases {
                if !q.aliases.contains(&a) {
                    q.aliases.push(a);
                }
            }
            if q.role.is_none() {
                q.role = p.role;
            }
            return;
        }
    }
    parties.push(p);
}

fn is_generic(alias: &str) -> bool {
    matches!(alias.to_ascii_lowercase().as_str(), "party" | "parties")
}

fn key_of_names(p: &Party) -> Vec<String> {
    std::iter::once(key(&p.name)).collect()
}

/// Lowercase alphanumeric words without corporate suffixes: the identity of a name.
fn key(name: &str) -> String {
    let lower: String = name
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
    while words.len() > 1
        && matches!(
            *words.last().unwrap_or(&""),
            "inc"
                | "incorporated"
                | "corp"
                | "corporation"
                | "llc"
                | "ltd"
                | "limited"
                | "co"
                | "company"
                | "lp"
                | "llp"
                | "plc"
                | "gmbh"
                | "ag"
                | "sa"
                | "nv"
                | "bv"
                | "pty"
                | "l"
                | "c"
                | "p"
                | "a"
                | "v"
                | "s"
        )
    {
        words.pop();
    }
    words.join(" ")
}

fn preamble_parties(text: &str, parties: &mut Vec<Party>) {
    let window = &text[..crate::ingest::floor_char_boundary(text, PREAMBLE_WINDOW)];
    // The first `between` / `among` followed soon by an alias group or a suffix.
    for m in BETWEEN.find_iter(window) {
        let start = m.end();
        let probe_end = crate::ingest::floor_char_boundary(window, start + 400);
        let probe = &window[start..probe_end];
        let looks = probe.contains("(\"")
            || probe.contains("(\u{201c}")
            || probe.contains("as \"")
            || probe.contains("as \u{201c}")
            || SUFFIX.is_match(probe);
        let word = m.as_str().trim().to_ascii_lowercase();
        if !looks || ((word == "by" || word == "with") && !probe.contains('(')) {
            continue;
        }
        let list_end = crate::ingest::floor_char_boundary(text, start + PARTY_LIST_MAX);
        let list = &text[start..list_end];
        let list = match PREAMBLE_END.find(list) {
            Some(e) => &list[..e.start()],
            None => list,
        };
        let before = parties.len();
        party_list(list, parties);
        if parties.len() > before {
            return;
        }
    }
}

/// Read `Acme Corp., a Delaware corporation ("Licensor"), and Beta LLC ("Licensee")`.
fn party_list(list: &str, parties: &mut Vec<Party>) {
    let bytes = list.as_bytes();
    let mut boundary = 0;
    let mut found = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'(' {
            i += 1;
            continue;
        }
        // The group up to its `)`, bounded; an unbalanced group is skipped.
        let close = bytes[i..]
            .iter()
            .take(ALIAS_GROUP_MAX)
            .position(|&b| b == b')')
            .map(|j| i + j);
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let inner = &list[i + 1..close];
        let aliases = quoted(inner);
        if aliases.is_empty() {
            i = close + 1;
            continue;
        }
        let name_text = &list[boundary..i];
        boundary = close + 1;
        i = close + 1;
        let aliases: Vec<String> = aliases
            .into_iter()
            .filter(|a| {
                !NOT_A_PARTY.is_match(a) && a.chars().next().is_some_and(|c| c.is_alphanumeric())
            })
            .collect();
        if aliases.is_empty() {
            continue;
        }
        let pieces = split_names(name_text);
        // The party is the last piece that starts like a name (a descriptor such as
        // `organized and existing under...` may hold an `and`).
        // `organized under the laws of England and Wales`: `Wales` continues a
        // jurisdiction, it is not a party.
        let pick = pieces
            .iter()
            .enumerate()
            .rposition(|(k, p)| {
                starts_like_name(p) && !(k > 0 && ends_in_jurisdiction(pieces[k - 1]))
            })
            .unwrap_or(pieces.len().saturating_sub(1));
        let Some((last, earlier)) = pieces[..(pick + 1).min(pieces.len())].split_last() else {
            continue;
        };
        for e in earlier {
            if let Some(name) = clean_name(e) {
                if SUFFIX.is_match(&name) {
                    add(
                        parties,
                        Party {
                            name,
                            aliases: Vec::new(),
                            role: None,
                        },
                    );
                }
            }
        }
        let Some(name) = clean_name(last) else {
            // `("Licensee")` right after a previous group: more aliases of that party.
            if let Some(p) = parties.last_mut() {
                if name_text.trim().trim_matches(',').trim().is_empty() {
                    for a in aliases {
                        if !p.aliases.contains(&a) {
                            p.aliases.push(a);
                        }
                    }
                }
            }
            continue;
        };
        let role = aliases
            .iter()
            .find(|a| ROLES.contains(&a.to_ascii_lowercase().as_str()))
            .cloned();
        // Past two parties, later groups are usually defined terms (`the "Territory"`):
        // only a corporate name or a role makes another party.
        if found >= 2 && role.is_none() && !SUFFIX.is_match(&name) {
            continue;
        }
        found += 1;
        add(
            parties,
            Party {
                name,
                aliases,
                role,
            },
        );
    }
    // Parties listed without aliases: `between Acme Inc. and Beta Corp.`
    let tail = &list[boundary.min(list.len())..];
    let tail = &tail[..crate::ingest::floor_char_boundary(tail, 400)];
    if parties.is_empty() || boundary > 0 {
        static SENTENCE_END: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\b[a-z]{3,}\.\s|;|\n\s*\n").expect("static regex"));
        let tail = match SENTENCE_END.find(tail) {
            Some(m) => &tail[..m.start()],
            None => tail,
        };
        for piece in split_names(tail) {
            if let Some(name) = clean_name(piece) {
                if SUFFIX.is_match(&name) && name.len() < 100 {
                    add(
                        parties,
                        Party {
                            name,
                            aliases: Vec::new(),
                            role: None,
                        },
                    );
                }
            }
        }
    }
}

/// Quoted strings inside an alias group: `the "Company"`, `“Licensee”`.
fn quoted(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['"', '\u{201c}', '\u{201d}']) {
        let open_len = rest[i..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[i + open_len..];
        let Some(j) = after.find(['"', '\u{201d}', '\u{201c}']) else {
            break;
        };
        let q = after[..j].trim().trim_end_matches([',', '.']).trim();
        if !q.is_empty() && q.len() <= 60 && q.split_whitespace().count() <= 6 {
            out.push(collapse(q));
        }
        let close_len = after[j..].chars().next().map_or(1, char::len_utf8);
        rest = &after[j + close_len..];
    }
    out
}

/// Split a run of names at `, and`, ` and `, `;`, `between`.
fn split_names(s: &str) -> Vec<&str> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:;|,?\s+(?:and|AND|And)\s+|\bbetween\b|\bBETWEEN\b|\bamong\b|\bAMONG\b)")
            .expect("static regex")
    });
    SPLIT.split(s).filter(|p| !p.trim().is_empty()).collect()
}

/// The name at the start of a piece: leading lowercase words and connectors dropped, cut
/// at the descriptor (`, a Delaware corporation`, `having its office`).
fn clean_name(piece: &str) -> Option<String> {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x),\s*(?:a|an|the|its|on|acting|through|by|with|having|whose|located|organized|incorporated|existing|doing|d/b/a|and|as|each|in|of|who|which|formerly|hereinafter|herein|residing|whom)\b
            |,\s*[a-z]
            |\s+(?:having|with|whose|located|organized|incorporated|existing|residing|hereinafter|herein|acting|a|an|the|as|dated|effective|on|is|are|for|to|who|which|that|and/or|or)\b",
        )
        .expect("static regex")
    });
    let mut s = piece.trim();
    // Leading lowercase words and punctuation: `professional golfer, TOM WATSON`.
    loop {
        let t = s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ':' | '-' | '*' | '_')
        });
        let first = t.split_whitespace().next().unwrap_or("");
        let lowercase_word = first.chars().next().is_some_and(|c| c.is_lowercase());
        if lowercase_word || LEADING_STOP.contains(&first.trim_end_matches(',')) {
            match t.find(char::is_whitespace) {
                Some(k) => {
                    s = &t[k..];
                    // `professional golfer, TOM WATSON`: skip to after a comma if the
                    // lowercase run ends with one.
                    continue;
                }
                None => return None,
            }
        }
        s = t;
        break;
    }
    let s = match CUT.find(s) {
        Some(m) => &s[..m.start()],
        None => s,
    };
    let s = s.trim().trim_end_matches([',', ';', ':', '-']).trim();
    let s = collapse(s);
    let words = s.split_whitespace().count();
    if words == 0
        || words > 12
        || s.len() < 2
        || !s
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    if !s.chars().any(|c| c.is_alphabetic()) || !name_words(&s) {
        return None;
    }
    Some(s)
}

/// A piece that opens with a capitalized word (not `The`, not a street number).
/// Does `piece` end inside a jurisdiction (`... under the laws of England`)?
fn ends_in_jurisdiction(piece: &str) -> bool {
    static JURISDICTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:laws?|state|province|commonwealth|republic|kingdom)\s+of\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*$")
            .expect("static regex")
    });
    JURISDICTION.is_match(piece.trim_end())
}

fn starts_like_name(piece: &str) -> bool {
    let first = piece
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '-' | '*' | '_'))
        .split_whitespace()
        .next()
        .unwrap_or("");
    first.chars().next().is_some_and(char::is_uppercase)
        && !LEADING_STOP.contains(&first.trim_end_matches(','))
}

/// Every word of a name is capitalized, a connector, or a domain-like word
/// (`eDiets.com`): `ESSI product suite` and addresses are not names.
fn name_words(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let first_is_number = words
        .clone()
        .next()
        .is_some_and(|w| w.trim_end_matches(',').bytes().all(|b| b.is_ascii_digit()));
    !first_is_number
        && words.all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '"' | '\''));
            w.is_empty()
                || !w.chars().next().is_some_and(char::is_lowercase)
                || matches!(
                    w,
                    "of" | "and"
                        | "&"
                        | "de"
                        | "du"
                        | "la"
                        | "the"
                        | "for"
                        | "y"
                        | "von"
                        | "van"
                        | "der"
                        | "le"
                        | "des"
                        | "et"
                )
                || w.contains('.')
                || w.chars().skip(1).any(char::is_uppercase)
        })
}

/// `ACME INC.` / `By:` signature blocks near the end.
fn signature_parties(text: &str, parties: &mut Vec<Party>) {
    static BY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:By|BY)\s*:").expect("static regex"));
    let from = crate::ingest::floor_char_boundary(text, text.len() / 2);
    let mut n = 0;
    for m in BY.find_iter(&text[from..]) {
        n += 1;
        if n > 20 {
            break;
        }
        let at = from + m.start();
        let back = crate::ingest::floor_char_boundary(text, at.saturating_sub(160));
        let back = (back..at).find(|&i| text.is_char_boundary(i)).unwrap_or(at);
        let window = &text[back..at];
        // The last organization with a suffix in the window.
        if let Some(name) = last_org(window) {
            if parties.iter().any(|p| key(&p.name) == key(&name)) || parties.len() < 2 {
                add(
                    parties,
                    Party {
                        name,
                        aliases: Vec::new(),
                        role: None,
                    },
                );
            }
        }
    }
}

/// The last `Name Inc.` in `s`.
fn last_org(s: &str) -> Option<String> {
    let m = SUFFIX.find_iter(s).last()?;
    org_before(s, m.start(), m.end())
}

/// Walk back from a suffix over capitalized words: `Fabrikam Holdings` + ` Inc.`.
fn org_before(s: &str, suffix_start: usize, suffix_end: usize) -> Option<String> {
    // Only the last 200 bytes can hold the name: keeps the walk linear over the text.
    let from = crate::ingest::floor_char_boundary(s, suffix_start.saturating_sub(200));
    let head = &s[from..suffix_start];
    let mut start = head.len();
    let mut words = 0;
    for w in head
        .split_inclusive(char::is_whitespace)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let t = w.trim();
        if t.is_empty() {
            start -= w.len();
            continue;
        }
        let cap = t
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let connector = matches!(t, "&" | "of" | "and" | "de" | "du" | "la" | "der" | "von");
        if !(cap || connector) || words >= 6 || t.ends_with([',', ';', ':', '.', ')']) && words > 0
        {
            break;
        }
        start -= w.len();
        words += 1;
    }
    if words == 0 {
        return None;
    }
    let mut name = collapse(&s[from + start..suffix_end]);
    // Drop leading stop words and connectors.
    loop {
        let first = name.split_whitespace().next().unwrap_or("");
        if LEADING_STOP.contains(&first) || matches!(first, "&" | "of" | "and" | "de") {
            name = name[first.len()..].trim_start().to_owned();
        } else {
            break;
        }
    }
    let core = key(&name);
    if core.is_empty() || core.len() < 2 || name.split_whitespace().count() < 2 {
        return None;
    }
    Some(name)
}

fn news_orgs(text: &str, parties: &mut Vec<Party>) {
    // Prefilter: no capital letter, no organization.
    for m in SUFFIX.find_iter(text) {
        // `Co` and `Company` only after at least two capitalized words, and never `the Company`.
        let suffix = m.as_str().trim_start_matches([',', ' ']);
        if let Some(name) = org_before(text, m.start(), m.end()) {
            let generic = matches!(
                suffix.trim_end_matches('.'),
                "Co" | "CO" | "Company" | "COMPANY" | "SA" | "SE" | "AB" | "AG" | "NV" | "BV"
            ) && name.split_whitespace().count() < 3;
            if !generic && !is_sentence_word(&name) {
                add(
                    parties,
                    Party {
                        name,
                        aliases: Vec::new(),
                        role: None,
                    },
                );
            }
        }
    }
    for c in ORG_CONTEXT.captures_iter(text) {
        let Some(m) = c.name("a").or_else(|| c.name("b")) else {
            continue;
        };
        let mut name = m.as_str();
        // `The`, `Shares` etc. before the name.
        while let Some(first) = name.split_whitespace().next() {
            if LEADING_STOP.contains(&first) {
                name = name[first.len()..].trim_start();
            } else {
                break;
            }
        }
        if name.is_empty()
            || is_sentence_word(name)
            || !name.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        add(
            parties,
            Party {
                name: name.to_owned(),
                aliases: Vec::new(),
                role: None,
            },
        );
    }
}

/// Capitalized words that are not names: days, months, pronouns, titles.
fn is_sentence_word(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Government",
        "Analysts",
        "Officials",
        "Investors",
        "Company",
        "Group",
        "Corporation",
        "Bank",
        "Reuters",
        "Minister",
        "President",
        "Chairman",
    ];
    let first = name.split_whitespace().next().unwrap_or("");
    WORDS.contains(&first) || name.len() < 2
}

/// One fact per mention of each party's name, short name and aliases.
fn mentions(doc: &Document, parties: &[Party], out: &mut Vec<Fact>) {
    if parties.is_empty() {
        return;
    }
    // Surface form -> party index, longest first so `Acme Corp.` wins over `Acme`.
    let mut forms: HashMap<String, usize> = HashMap::new();
    for (i, p) in parties.iter().enumerate() {
        forms.entry(p.name.clone()).or_insert(i);
        if let Some(short) = short_name(&p.name) {
            forms.entry(short).or_insert(i);
        }
        for a in &p.aliases {
            forms.entry(a.clone()).or_insert(i);
        }
    }
    // Every occurrence of every form (memmem, whole words only), longest form first so
    // `Acme Corp.` wins over `Acme` at the same place.
    let text = doc.text.as_bytes();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (form, &i) in &forms {
        let f = form.as_bytes();
        for at in memchr::memmem::find_iter(text, f) {
            let end = at + f.len();
            let word_before = at > 0 && is_word(text[at - 1]) && is_word(f[0]);
            let word_after = end < text.len() && is_word(text[end]) && is_word(f[f.len() - 1]);
            if !word_before && !word_after {
                found.push((at, end, i));
            }
        }
    }
    // A name written with other spacing (`ACME  CORP.`) has no exact hit: look for it
    // once with flexible whitespace so every party keeps at least one mention.
    for (i, p) in parties.iter().enumerate() {
        if found.iter().any(|f| f.2 == i) {
            continue;
        }
        let pattern = regex::escape(&p.name).replace(' ', r"\s+");
        if let Ok(re) = Regex::new(&pattern) {
            found.extend(re.find_iter(&doc.text).map(|m| (m.start(), m.end(), i)));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let values: Vec<Value> = parties
        .iter()
        .map(|p| Value::Party {
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            role: p.role.clone(),
        })
        .collect();
    let mut last_end = 0;
    for (start, end, i) in found {
        if start < last_end {
            continue;
        }
        last_end = end;
        out.push(Fact::new(
            values[i].clone(),
            Span::new(start, end),
            &doc.source,
            "party",
        ));
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// `Fabrikam Inc.` -> `Fabrikam`; none when the short name would be a common word.
fn short_name(name: &str) -> Option<String> {
    let m = SUFFIX.find_iter(name).last()?;
    if m.end() != name.len() {
        return None;
    }
    let short = name[..m.start()].trim().trim_end_matches(',').trim();
    let words = short.split_whitespace().count();
    if words == 0 || (words == 1 && short.len() < 4) || LEADING_STOP.contains(&short) {
        return None;
    }
    Some(short.to_owned())
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;
    use std::path::Path;

    fn parties(name: &str, src: &str) -> Vec<(String, Vec<String>, Option<String>)> {
        let doc = ingest::parse(Path::new(name), src.as_bytes()).unwrap();
        let mut facts = Vec::new();
        PartyExtractor.extract(&doc, &mut facts);
        let mut out: Vec<(String, Vec<String>, Option<String>)> = Vec::new();
        for f in facts {
            assert_eq!(&doc.source[f.span.range()], f.text);
            if let Value::Party {
                name,
                aliases,
                role,
            } = f.value
            {
                if !out.iter().any(|p| p.0 == name) {
                    out.push((name, aliases, role));
                }
            }
        }
        out
    }

    const BODY: &str = "\n\nWHEREAS the parties wish to agree. Each party shall perform the terms herein and hereby agrees.\n1. Licensee shall pay the Licensor. The Company is bound hereunder.\n";

    #[test]
    fn preamble_with_aliases() {
        let src = format!("LICENSE AGREEMENT\n\nThis Agreement (the \"Agreement\") is made by and between Acme Corp., a Delaware corporation (\"Licensor\"), and Beta LLC (\"Licensee\").{BODY}");
        let p = parties("c.txt", &src);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].0, "Acme Corp.");
        assert_eq!(p[0].2.as_deref(), Some("Licensor"));
        assert_eq!(p[1].0, "Beta LLC");
        assert_eq!(p[1].1, ["Licensee"]);
    }

    #[test]
    fn preamble_variants() {
        let cases: &[(&str, &[&str])] = &[
            ("This Agreement is entered into on January 13, 2005 between professional golfer, TOM WATSON, (hereinafter referred to as \"CONSULTANT\") and ADAMS GOLF, LTD. (hereinafter referred to as \"ADAMS GOLF\").", &["TOM WATSON", "ADAMS GOLF, LTD."]),
            ("This agreement is made between Birch First Global Investments Inc. (\u{201c}Company\u{201d}) and Mount Knowledge Holdings Inc. (\u{201c}Marketing Affiliate\u{201d}, \u{201c}MA\u{201d}).", &["Birch First Global Investments Inc.", "Mount Knowledge Holdings Inc."]),
            ("THIS AGREEMENT is made as of May 1, 2010, by and among Foo Holdings, Inc., a Nevada corporation, having its principal office at 1 Main St. (the \"Company\"), and Bar Partners LP (\"Investor\").", &["Foo Holdings, Inc.", "Bar Partners LP"]),
            ("This Agreement is made between Acme Inc. and Beta Corp. as of today.", &["Acme Inc.", "Beta Corp."]),
        ];
        for (pre, want) in cases {
            let src = format!("{pre}{BODY}");
            let got: Vec<String> = parties("c.txt", &src).into_iter().map(|p| p.0).collect();
            assert_eq!(&got, want, "{pre}");
        }
    }

    #[test]
    fn unbalanced_quotes_do_not_break_the_preamble() {
        let src = format!("This Agreement is made between Acme Inc. (\"Licensor) and Beta LLC (\"Licensee\").{BODY}");
        let got: Vec<String> = parties("c.txt", &src).into_iter().map(|p| p.0).collect();
        assert!(got.contains(&"Beta LLC".to_owned()), "{got:?}");
    }

    #[test]
    fn every_mention_is_a_fact() {
        let src = format!("This Agreement is made between Acme Inc. (\"Licensor\") and Beta LLC (\"Licensee\").{BODY}");
        let doc = ingest::parse(Path::new("c.txt"), src.as_bytes()).unwrap();
        let mut facts = Vec::new();
        PartyExtractor.extract(&doc, &mut facts);
        let licensee = facts.iter().filter(|f| f.text == "Licensee").count();
        assert_eq!(licensee, 2);
    }

    #[test]
    fn news_organizations() {
        let src = "Microsoft said it would invest more in OpenAI. Fabrikam Inc. agreed to buy a stake in Contoso. Shares of Amazon Web Services rose. Fabrikam will pay cash. John Smith said he was pleased.";
        let got: Vec<String> = parties("n.txt", src).into_iter().map(|p| p.0).collect();
        for want in [
            "Microsoft",
            "Fabrikam Inc.",
            "Contoso",
            "Amazon Web Services",
        ] {
            assert!(got.contains(&want.to_owned()), "{want} in {got:?}");
        }
        assert!(!got.iter().any(|g| g.contains("John")), "{got:?}");
        let doc = ingest::parse(Path::new("n.txt"), src.as_bytes()).unwrap();
        let mut facts = Vec::new();
        PartyExtractor.extract(&doc, &mut facts);
        // `Fabrikam` alone is the same party as `Fabrikam Inc.`.
        let fab: Vec<_> = facts
            .iter()
            .filter(|f| f.text.starts_with("Fabrikam"))
            .collect();
        assert_eq!(fab.len(), 2);
        assert!(fab.iter().all(|f| f.value == fab[0].value));
    }

    #[test]
    fn possessive_business_nouns_name_an_organization() {
        let src = "Northwind\u{2019}s role as Tailspin\u{2019}s cloud partner remains. Litware's stake in Adatum grew. The firm\u{2019}s role is small.";
        let got: Vec<String> = parties("n.txt", src).into_iter().map(|p| p.0).collect();
        for want in ["Northwind", "Litware"] {
            assert!(got.contains(&want.to_owned()), "{want} in {got:?}");
        }
        assert!(
            !got.iter().any(|g| g == "The" || g.contains("firm")),
            "{got:?}"
        );
    }

    #[test]
    fn a_jurisdiction_after_and_is_not_a_party() {
        let src = format!("This Agreement is made between Litware Inc., a Washington corporation (\"Licensor\"), and Contoso Ltd., a company organized under the laws of England and Wales (\"Licensee\").{BODY}");
        let got = parties("c.txt", &src);
        let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        assert!(names.contains(&"Contoso Ltd."), "{names:?}");
        assert!(!names.contains(&"Wales"), "{names:?}");
    }
}
