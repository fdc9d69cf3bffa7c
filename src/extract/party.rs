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
//! revenue`, `a stake in Mistral`). Names wrapped across the indented lines of wire copy
//! are read whole (`Burlington` / `Industries Inc`), but not across a headline; an owner
//! or place before a name is not part of it (`Britain's Redland Plc`, `Boston-based FMR
//! Corp`, `Robert Brusca of Nikko Securities Co`); `X of Y` names are whole (`Bank of
//! England`); countries and cities are not organizations (`the US says it`).
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

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

use crate::extract::{Context, Extractor};
use crate::model::{DocKind, Document, Fact, FactKind, Span, Value};

/// Where the party list of a preamble starts: `by and between`, `BETWEEN:`, `among`,
/// `B E T W E E N:`, a `Parties:` heading, or `by` / `with` before a name.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)
        (?:(?i:by\s+and\s+between|by\s+and\s+among|between|among)
          # `by` and `with` only in lower case: `FILED SEPARATELY WITH THE COMMISSION`
          # in a legend names nobody.
          |by|with
          # A letter agreement names its parties after the salutation.
          |Ladies\s+and\s+Gentlemen\s*:|Dear\s+Sirs?\s*:
          |B\sE\sT\sW\sE\sE\sN
          |(?:PARTIES|Parties)\s*:
          # A `PARTIES` heading over a numbered list.
          |(?:PARTIES|Parties)\s+(?:\(1\)|1\.))
        # `by and between, Acme Inc.`: a stray comma.
        \s*[:,]?\s",
    )
    .expect("static regex")
});

/// The start of another party list: a list ends there.
static NEXT_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:by\s+and\s+between|by\s+and\s+among)(?-u:\b)").expect("static regex")
});

/// Where the party list ends.
static PREAMBLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)(?:WHEREAS|Whereas|RECITALS|Recitals|NOW,?\s+THEREFORE|Now,?\s+Therefore|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|BACKGROUND|(?i:agree\s+as\s+follows))",
    )
    .expect("static regex")
});

/// A corporate suffix ending an organization name.
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:,\s*|\s+)
        (?:Inc|INC|Incorporated|INCORPORATED|Corp|CORP|Corporation|CORPORATION|LLC|L\.L\.C|Ltd|LTD|Limited|LIMITED
          |LLP|L\.L\.P|LP|L\.P|PLC|plc|Plc|GmbH|AG|SE|S\.A|SA|N\.V|NV|B\.V|BV|Pty|PTY|S\.p\.A|SpA|S\.A\.S|SAS|S\.L|AB|ASA|Oy|KK|K\.K|Co|CO|Company|COMPANY
          # Luxembourg and Malaysian forms: `S.à r.l.`, `S.À R.L`, `Sdn. Bhd.`
          |S\.\s?[àÀ]\s?[rR]\.\s?[lL]|S[àÀ]RL|SARL|Sdn\.?\s+Bhd|SDN\.?\s+BHD)
        (?-u:\b)\.?",
    )
    .expect("static regex")
});

/// News contexts in which a capitalized name is an organization. ASCII word boundaries
/// keep the lazy DFA on text with curly quotes. A match may start at any capitalized
/// word, so the lazy DFA needs more states than its default 2 MB cache holds: with the
/// default it cleared and rebuilt its cache over and over (callgrind over
/// ../shared/corpus: the party extractor took 2.31 G instructions, 1.83 G with room for
/// every state; the cache grows only as states are built, +1.5 MB peak RSS on the news).
static ORG_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    regex::RegexBuilder::new(
        r"(?x)
        (?P<a>[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9](?:[\ \t]+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]){0,3})
        (?:\s+(?:said|says)\s+(?:it|its|on\s+[A-Za-z]+\s+it)(?-u:\b)
          |['’]s?\s+(?:shares|stock|profits?|revenues?|sales|earnings|chief\s+executive|board|CEO|chairman|shareholders|subsidiary|unit|takeover|acquisition|role\s+as|partnership|stake|investment|cloud\s+platform|share\s+price|market\s+value)(?-u:\b)
          # `X's Gemini models`, `X's Claude and Y's Gemini models`: a product of X.
          |['’]s\s+[A-Z][A-Za-z0-9\-]*(?:\s+[A-Z][A-Za-z0-9\-]*){0,2}
           (?:\s+and\s+(?P<c>[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9](?:[\ \t]+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]){0,3})['’]s\s+[A-Z][A-Za-z0-9\-]*(?:\s+[A-Z][A-Za-z0-9\-]*){0,2})?
           \s+(?:models?|services?|platforms?|chatbots?|assistants?|apps?|software|chips?|cloud|engines?|browsers?|devices?|phones?|operating\s+system)(?-u:\b)
          |\s+(?:shares|stock)\s+(?:rose|fell|jumped|dropped|slipped|gained|closed)(?-u:\b)
          |\s+(?:announced|reported|posted)\s+(?:a|an|its|net|record|plans)(?-u:\b)
          |\s+(?:agreed|plans|offered)\s+to\s+(?:buy|acquire|sell|invest|pay|merge)(?-u:\b)
          # `Amazon, which recently announced`: `which`, not `who`.
          |,\s+which\s+(?:recently\s+|also\s+|last\s+\w+\s+)?(?:announced|reported|posted|owns|operates|acquired|agreed|invested|sells|makes|employs)(?-u:\b)
          |,\s+(?:the|a)\s+(?:[A-Za-z0-9\-]+\s+){0,3}(?:company|firm|group|maker|giant|bank|retailer|carrier|operator|start-?up|manufacturer|insurer|airline|conglomerate)(?-u:\b))
        |(?i:shares\s+(?:of|in)|stake\s+in|acquisition\s+of|takeover\s+of|bid\s+for|merger\s+with|investment\s+in|partnership\s+with|deal\s+with|invested\s+in|acquired\s+by|backed\s+by
            # `cloud platform, including Amazon Web Services`: one of a list of companies.
            |(?:platforms?|providers?|rivals?|competitors|companies|firms|vendors)\s*,?\s+(?:including|such\s+as|like))\s+
        (?P<b>[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9](?:[\ \t]+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]){0,3})",
    )
    .dfa_size_limit(32 << 20)
    .build()
    .expect("static regex")
});

/// Where a name in a party list ends: its descriptor (`, a Delaware corporation`,
/// `having its office`, `d/b/a`), an address, a parenthesis.
static CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x),\s*(?:a|an|the|its|on|acting|through|by|with|having|whose|located|organized|incorporated|existing|doing|d/b/a|and|as|each|in|of|who|which|formerly|hereinafter|herein|residing|whom)(?-u:\b)
        |,\s*[a-z]
        # `, 100 Main Street`: an address; so is `Jane Roe of 4 High Street`.
        |,\s*[0-9]
        |\s+of\s+(?:[0-9]|\[)
        |\s*\(
        |\s+(?:a|an|the|as|on|is|are|for|to|who|which|that|and/or|or|d/b/a|dba|f/k/a|fka|doing\s+business)(?-u:\b)
        # `Golfers Incorporated, a Delaware corporation`: the suffix, not a descriptor.
        |\s+(?i:having|with|whose|located|organized|incorporated\s+(?:in|under|on|as|pursuant|with|by)|existing|residing|hereinafter|herein|acting|dated|effective|registered|address|domiciled|principal\s+office)(?-u:\b)",
    )
    .expect("static regex")
});

/// Aliases that are defined terms, not parties.
static NOT_A_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:the\s+|this\s+)?(?:agreement|amendment|contract|addendum|effective\s+date|execution\s+date|commencement\s+date|closing\s+date|date|territory|term|products?|services?|part(?:y|ies)|each\s+a\s+party|software|program|plan|property|premises|notes?|shares?|license|work|schedule|exhibit|act|securities\s+act|exchange\s+act|code|project|purpose|business|transaction|merger|offering|system|brand|marks?|trademarks?|deliverables?|effective\s+time|[\w\s()]*\s(?:agreement|date|act|period|note|amount|report|information|shares|session|fees?|price|notice|plan|policy|rights?|products?|services?|marks?|materials?|data|territory|license|documents?|program|system|units?|stock))$",
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

/// Is `alias` a role (`Licensor`, `the Company`, `Party A`) rather than a name?
pub fn is_role(alias: &str) -> bool {
    let a = alias.trim();
    let a = a
        .strip_prefix("the ")
        .or_else(|| a.strip_prefix("The "))
        .unwrap_or(a);
    let lower = a.to_ascii_lowercase();
    ROLES.contains(&lower.as_str())
        || is_party_letter(a)
        || matches!(lower.as_str(), "party" | "parties" | "you" | "we" | "us")
}

/// Words that start a sentence, never a name.
const LEADING_STOP: &[&str] = &[
    "The",
    "THE",
    "This",
    "THIS",
    "That",
    "Each",
    "EACH",
    "Any",
    "Such",
    "Under",
    "Between",
    "BETWEEN",
    "By",
    "BY",
    "And",
    "AND",
    "With",
    "WITH",
    "From",
    "For",
    "To",
    // `AMENDMENT TO PALMER SQUARE BDC ADVISOR LLC`.
    "TO",
    "In",
    "On",
    "Of",
    "As",
    "If",
    "When",
    "Both",
    "Neither",
    "Either",
    "Whereas",
    "WHEREAS",
    "Among",
    "AMONG",
    "Said",
    "Its",
    "Their",
    "Our",
    "Dated",
    "Shares",
    "But",
    "After",
    "Before",
    "While",
    "During",
    "Upon",
    "Pursuant",
    "Notwithstanding",
    "Subject",
    "Except",
    "Unless",
    "Until",
    "Within",
    "Without",
    "Following",
    "Prior",
    "Hereafter",
    "Hereinafter",
    "HEREINAFTER",
];

const PREAMBLE_WINDOW: usize = 12_000;
const PARTY_LIST_MAX: usize = 2_500;
const ALIAS_GROUP_MAX: usize = 300;
/// Signature lines read per contract: bounds the work on a text made of `By:` lines.
const SIGNATURE_BY_MAX: usize = 200;

#[derive(Debug, Clone)]
struct Party {
    name: String,
    aliases: Vec<String>,
    role: Option<String>,
    /// Other spellings of the name (`ACME CORP.` beside `Acme Corp.`): mentions, not
    /// part of the value.
    spellings: Vec<String>,
}

pub struct PartyExtractor;

impl Extractor for PartyExtractor {
    fn name(&self) -> &'static str {
        "party"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Party]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(
            BETWEEN,
            NEXT_LIST,
            PREAMBLE_END,
            SUFFIX,
            ORG_CONTEXT,
            CUT,
            NOT_A_PARTY
        )
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
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
            // The same name in another spelling: a mixed-case spelling (the preamble's
            // `Acme Corp.`) is canonical over an ALL CAPS one (a title or signature
            // line's `ACME CORP.`), whichever is read first.
            if p.name != q.name && key == self::key(&q.name) {
                let other = if is_all_caps(&q.name)
                    && !is_all_caps(&p.name)
                    && p.name.split_whitespace().count() >= q.name.split_whitespace().count()
                {
                    std::mem::replace(&mut q.name, p.name)
                } else {
                    p.name
                };
                // `Acme LLC.` beside `Acme LLC`: the period ends a sentence.
                let other = if q.name.ends_with('.') {
                    other
                } else {
                    other.trim_end_matches('.').to_owned()
                };
                if other != q.name && !q.spellings.contains(&other) {
                    q.spellings.push(other);
                }
            }
            return;
        }
    }
    parties.push(p);
}

/// `ACME CORP.`: no lowercase letter, at least two uppercase ones.
fn is_all_caps(name: &str) -> bool {
    !name.chars().any(char::is_lowercase) && name.chars().filter(|c| c.is_uppercase()).count() >= 2
}

fn is_generic(alias: &str) -> bool {
    matches!(alias.to_ascii_lowercase().as_str(), "party" | "parties")
}

fn key_of_names(p: &Party) -> Vec<String> {
    std::iter::once(key(&p.name)).collect()
}

/// Lowercase alphanumeric words without corporate suffixes: the identity of a name.
fn key(name: &str) -> String {
    // `L.P.`, `S.A.`: the dots after single letters go, so `Fund IV-A, L.P.` keys as
    // `fund iv a lp`, not `fund iv a l p`.
    let mut lower = String::with_capacity(name.len());
    let mut prev = [' ', ' '];
    for c in name.chars() {
        let single_letter_dot = c == '.' && prev[1].is_alphabetic() && !prev[0].is_alphanumeric();
        prev = [prev[1], c];
        if single_letter_dot {
            continue;
        }
        if c == '&' {
            lower.push_str(" and ");
        } else if c.is_alphanumeric() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.push(' ');
        }
    }
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    while words.first() == Some(&"the") {
        words.remove(0);
    }
    loop {
        let n = words.len();
        if n <= 1 {
            break;
        }
        if matches!(
            words[n - 1],
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
        ) {
            words.pop();
            continue;
        }
        // `L.L.C.`, `S.A.`, `N.V.`: a run of single letters. One letter alone is part
        // of the name (`Fund IV-A` and `Fund IV-C` are two funds).
        let run = words
            .iter()
            .rev()
            .take_while(|w| matches!(**w, "l" | "c" | "p" | "a" | "v" | "s" | "n" | "b"))
            .count();
        if run >= 2 && run < n {
            words.truncate(n - run);
            continue;
        }
        break;
    }
    words.join(" ")
}

fn preamble_parties(text: &str, parties: &mut Vec<Party>) {
    let window = &text[..crate::ingest::floor_char_boundary(text, PREAMBLE_WINDOW)];
    // The first `between` / `among` followed soon by an alias group or a suffix.
    let mut listed = false;
    for m in BETWEEN.find_iter(window) {
        let start = m.end();
        let probe_end = crate::ingest::floor_char_boundary(window, start + 400);
        let probe = &window[start..probe_end];
        let word = m
            .as_str()
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ','))
            .to_ascii_lowercase();
        // `by` and `with` are common words: only right before a name and an alias group
        // (`made by Acme Inc. ("Acme")`, never `with an address at ...`).
        if (word == "by" || word == "with") && (!probe.contains('(') || !opens_with_name(probe)) {
            continue;
        }
        if !SUFFIX.is_match(probe) && alias_marks(probe).is_empty() {
            continue;
        }
        let list_end = crate::ingest::floor_char_boundary(text, start + PARTY_LIST_MAX);
        let list = &text[start..list_end];
        let list = match PREAMBLE_END.find(list) {
            Some(e) => &list[..e.start()],
            None => list,
        };
        // A title page's list (`AGREEMENT BETWEEN ACME FUND AND BETA, LLC This
        // Agreement ... by and between Acme Fund, a Delaware trust ("Fund"), and ...`) ends
        // where the preamble's own list begins.
        let list = match NEXT_LIST.find(list) {
            Some(e) => &list[..e.start()],
            None => list,
        };
        if !listed {
            let before = parties.len();
            party_list(list, parties);
            if parties.len() > before {
                if parties.iter().any(|p| !p.aliases.is_empty()) {
                    break;
                }
                listed = true;
            }
            continue;
        }
        // A title page lists the parties without aliases (`between ACME CORP. and BETA
        // LLC`); the preamble after it names them again, with their aliases and often
        // in mixed case. A later list is the preamble only if it names a party of the
        // first.
        if alias_marks(probe).is_empty() {
            continue;
        }
        let mut again = Vec::new();
        party_list(list, &mut again);
        // `ExxonMobil Research and Engineering Company` read as two names.
        again.retain(|p| !truncated(&p.name, parties));
        if again
            .iter()
            .any(|p| parties.iter().any(|q| key(&q.name) == key(&p.name)))
        {
            for p in again {
                add(parties, p);
            }
            break;
        }
    }
    // Labels also give roles to parties a title page listed without them.
    if parties.len() < 2 || parties.iter().all(|p| p.aliases.is_empty()) {
        labelled_parties(window, parties);
    }
}

/// `PARTY A` -> `Party A`, `licensor` -> `Licensor`.
fn title_case(s: &str) -> String {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect();
    words.join(" ")
}

/// `Party A: Acme Co., Ltd.`, `LICENSOR: Beta Inc.`: a role label, then the name, at
/// the start of a line or after a wide gap.
fn labelled_parties(window: &str, parties: &mut Vec<Party>) {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)(?:(?:^|\n|[\ \t]{2,})[\ \t]*
            (?P<role>Party\s+[A-C]|PARTY\s+[A-C]|(?i:licensor|licensee|supplier|customer|distributor|manufacturer|buyer|seller|purchaser|vendor|contractor|consultant|client|company|franchisor|franchisee|reseller|sponsor|provider))
            # `Party A:` labels no prose: it may follow a sentence or a name on its line.
            |(?-u:\b)(?P<letter>Party\ [A-C]|PARTY\ [A-C]))
            [\ \t]*[:\u{ff1a}][\ \t]*
            (?P<name>[^\n:;]{2,160})",
        )
        .expect("static regex")
    });
    for c in LABEL.captures_iter(window).take(6) {
        let (Some(role), Some(rest)) = (c.name("role").or(c.name("letter")), c.name("name")) else {
            continue;
        };
        // The name runs to a wide gap; with a suffix, it ends after the suffix.
        let rest = rest.as_str();
        let rest = rest.find("  ").map_or(rest, |k| &rest[..k]);
        let rest = match SUFFIX.find(rest) {
            Some(m) => {
                let mut end = m.end();
                while let Some(n) = SUFFIX.find(&rest[end..]).filter(|n| n.start() == 0) {
                    end += n.end();
                }
                &rest[..end]
            }
            None => rest,
        };
        let Some(name) = clean_name(rest) else {
            continue;
        };
        if name.split_whitespace().count() > 8 || is_role(&name) {
            continue;
        }
        let title = title_case(&collapse(role.as_str()));
        let role_value = ROLES
            .contains(&title.to_ascii_lowercase().as_str())
            .then(|| title.clone());
        add(
            parties,
            Party {
                name,
                aliases: vec![title],
                role: role_value,
                spellings: Vec::new(),
            },
        );
    }
}

/// Does `s` open with a name (`Acme`, `ACME`, `3M`, `drkoop.com`), after list markers?
fn opens_with_name(s: &str) -> bool {
    let first = strip_separators(s).split_whitespace().next().unwrap_or("");
    let Some(c) = first.chars().next() else {
        return false;
    };
    (c.is_uppercase() || c.is_ascii_digit() || (c.is_lowercase() && first.contains(".com")))
        && !LEADING_STOP.contains(&first.trim_end_matches(','))
}

/// Leading separators of a party in a list: spaces, `,`, `;`, `:`, dashes, `and`, list
/// markers (`(1)`, `(b)`, `2.`).
fn strip_separators(s: &str) -> &str {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[\s,;:*_\-\u{2013}\u{2014}]+|(?:and|AND|And|&)(?-u:\b)|\(\s*(?:[0-9]{1,2}|[a-hA-H]|[ivx]{1,4})\s*\)|[0-9]{1,2}\.\s)")
            .expect("static regex")
    });
    let mut s = s;
    for _ in 0..12 {
        match MARKER.find(s) {
            Some(m) if !m.is_empty() => s = &s[m.end()..],
            _ => break,
        }
    }
    s
}

/// A place in a party list that names the party before it: a parenthesis with a
/// quoted alias (`("Licensor")`, `(the 'Company')`), an unquoted role in a parenthesis
/// (`(the Company)`, `(hereinafter referred to as Party A)`), or an alias outside any
/// parenthesis (`hereinafter referred to as "Customer"`).
struct Mark {
    start: usize,
    end: usize,
    aliases: Vec<String>,
}

fn alias_marks(list: &str) -> Vec<Mark> {
    static OUTSIDE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?x)(?i:hereinafter(?:\s+(?:referred\s+to|called|known)\s+as)?|referred\s+to\s+(?:herein\s+)?as|(?:herein\s+)?called)
            \s*:?\s*(?:the\s+)?["\u{201c}](?P<t>[^"\u{201c}\u{201d}\n]{1,60})["\u{201d}]"#,
        )
        .expect("static regex")
    });
    let bytes = list.as_bytes();
    let mut marks: Vec<Mark> = Vec::new();
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'(', &bytes[i..]) {
        let open = i + j;
        // The group up to its `)`, bounded; an unbalanced group is skipped.
        let close = bytes[open..]
            .iter()
            .take(ALIAS_GROUP_MAX)
            .position(|&b| b == b')')
            .map(|k| open + k);
        let Some(close) = close else {
            i = open + 1;
            continue;
        };
        let aliases = paren_aliases(&list[open + 1..close]);
        if !aliases.is_empty() {
            marks.push(Mark {
                start: open,
                end: close + 1,
                aliases,
            });
        }
        i = close + 1;
    }
    let paren_marks = marks.len();
    for c in OUTSIDE.captures_iter(list) {
        let (Some(all), Some(t)) = (c.get(0), c.name("t")) else {
            continue;
        };
        let inside = marks[..paren_marks]
            .iter()
            .any(|m| m.start <= all.start() && all.start() < m.end);
        let alias = collapse(t.as_str().trim().trim_end_matches([',', '.']).trim());
        if !inside && !alias.is_empty() && alias.split_whitespace().count() <= 6 {
            marks.push(Mark {
                start: all.start(),
                end: all.end(),
                aliases: vec![alias],
            });
        }
    }
    marks.sort_by_key(|m| m.start);
    marks
}

/// Aliases in one parenthesis: quoted strings, `'Company'`, or an unquoted role
/// (`the Company`, `hereinafter referred to as Party A`).
fn paren_aliases(inner: &str) -> Vec<String> {
    static UNQUOTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^\s*(?P<lead>(?i:hereinafter\s+(?:referred\s+to\s+as|called)|referred\s+to\s+(?:herein\s+)?as|hereinafter)\s+)?
            ['\u{2018}]?(?P<the>(?i:the)\s+)?
            ['\u{2018}]?(?P<t>[A-Z][A-Za-z\-]*(?:\s+[A-Z][A-Za-z\-]*){0,2})['\u{2019}]?\s*[.,]?\s*$",
        )
        .expect("static regex")
    });
    let q = quoted(inner);
    if !q.is_empty() {
        return q;
    }
    // `("Licensor)`: an unbalanced quote still names the alias.
    let t = inner.trim();
    if let Some(rest) = t.strip_prefix(['"', '\u{201c}']) {
        let words = rest.split_whitespace().count();
        if (1..=4).contains(&words)
            && rest.chars().next().is_some_and(char::is_uppercase)
            && rest
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        {
            return vec![collapse(rest)];
        }
    }
    let Some(c) = UNQUOTED.captures(inner) else {
        return Vec::new();
    };
    let Some(t) = c.name("t") else {
        return Vec::new();
    };
    let t = t.as_str();
    let quoted_single = inner.contains(['\'', '\u{2018}']);
    let role = ROLES.contains(&t.to_ascii_lowercase().as_str()) || is_party_letter(t);
    let ok = c.name("lead").is_some()
        || (quoted_single && c.name("the").is_some())
        || (c.name("the").is_some() && role)
        || (quoted_single && role);
    if ok {
        vec![collapse(t)]
    } else {
        Vec::new()
    }
}

/// `Party A`, `Party B`: the roles of Chinese-style contracts.
fn is_party_letter(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 7 && t.starts_with("Party ") && b[6].is_ascii_uppercase()
}

/// Read `Acme Corp., a Delaware corporation ("Licensor"), and Beta LLC ("Licensee")`.
fn party_list(list: &str, parties: &mut Vec<Party>) {
    let mut boundary = 0;
    let mut found = 0;
    for mark in alias_marks(list) {
        if mark.start < boundary {
            continue;
        }
        let name_text = &list[boundary..mark.start];
        boundary = mark.end;
        let aliases: Vec<String> = mark
            .aliases
            .into_iter()
            .filter(|a| {
                !NOT_A_PARTY.is_match(a) && a.chars().next().is_some_and(|c| c.is_alphanumeric())
            })
            .collect();
        if aliases.is_empty() {
            continue;
        }
        let Some((earlier, name)) = segment_names(name_text) else {
            // `("Licensee")` right after a previous group: more aliases of that party.
            if let Some(p) = parties.last_mut() {
                if strip_separators(name_text).trim().is_empty() {
                    for a in aliases {
                        if !p.aliases.contains(&a) {
                            p.aliases.push(a);
                        }
                    }
                }
            }
            continue;
        };
        for name in earlier {
            add(
                parties,
                Party {
                    name,
                    aliases: Vec::new(),
                    role: None,
                    spellings: Vec::new(),
                },
            );
        }
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
                spellings: Vec::new(),
            },
        );
    }
    // Parties listed without aliases: `between Acme Inc. and Beta Corp.`
    let tail = &list[boundary.min(list.len())..];
    let tail = &tail[..crate::ingest::floor_char_boundary(tail, 400)];
    if parties.is_empty() || boundary > 0 {
        let tail = &tail[..list_end(tail)];
        // Each name opens its piece: `the Main Board of The Stock Exchange of Hong Kong
        // Limited` in a descriptor is no party.
        for piece in split_names(tail) {
            if !starts_like_name(strip_separators(piece)) {
                continue;
            }
            if let Some(name) = clean_name(piece) {
                if SUFFIX.is_match(&name) && name.len() < 100 {
                    add(
                        parties,
                        Party {
                            name,
                            aliases: Vec::new(),
                            role: None,
                            spellings: Vec::new(),
                        },
                    );
                }
            }
        }
    }
}

/// Where a list of names without aliases ends: at a sentence end, a `;` or a blank
/// line, except a blank line around a lone `and` or after a comma (a title page's
/// `ACME PTY LTD` / `AND` / `BETA LLC`, one name to a line).
fn list_end(tail: &str) -> usize {
    static SENTENCE_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)[a-z]{3,}\.\s|;|\n\s*\n").expect("static regex"));
    let lone_and = |w: &str| matches!(w, "and" | "AND" | "And");
    for m in SENTENCE_END.find_iter(tail) {
        if !m.as_str().starts_with('\n') {
            return m.start();
        }
        let before = tail[..m.start()].trim_end();
        let after = tail[m.end()..].trim_start();
        let last_line = before.rsplit('\n').next().unwrap_or("").trim();
        let next_line = after.split('\n').next().unwrap_or("").trim();
        let joined = before.ends_with(',') || lone_and(last_line) || lone_and(next_line);
        if !joined {
            return m.start();
        }
    }
    tail.len()
}

/// The party named by the text before an alias group, and corporate names listed
/// before it without aliases. The name opens the text (`Acme Inc., a Delaware
/// corporation with offices at ...`); when it does not, the last piece after `and`
/// that starts like a name (`professional golfer, TOM WATSON`).
fn segment_names(name_text: &str) -> Option<(Vec<String>, String)> {
    let head = strip_separators(name_text);
    // `AND 2. Beta Limited`: each piece without its list marker.
    let pieces: Vec<&str> = split_names(head)
        .into_iter()
        .map(strip_separators)
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut names: Vec<String> = Vec::new();
    for (k, p) in pieces.iter().enumerate() {
        let name = clean_name(p);
        if k > 0 {
            // `Acme Research and Engineering Company`, `Savings and Loan Association`:
            // a bare name, ` and `, then a name, before one alias group, are one name.
            let prev = pieces[k - 1];
            let prev_start = prev.as_ptr() as usize - head.as_ptr() as usize;
            let start = p.as_ptr() as usize - head.as_ptr() as usize;
            let gap = &head[prev_start + prev.len()..start];
            let bare_prev = names.last().is_some_and(|n| {
                !ends_with_suffix(n)
                    && !is_role(n)
                    && collapse(prev) == *n
                    && n.split_whitespace().count() <= 4
            }) && !name.as_deref().is_some_and(is_role);
            if bare_prev && matches!(gap.trim(), "and" | "AND" | "And" | "&") && !gap.contains('\n')
            {
                if let Some(joined) = clean_name(&head[prev_start..start + p.len()]) {
                    names.pop();
                    names.push(joined);
                    continue;
                }
            }
            // After `and`: another party only when it starts like a name, does not
            // continue a jurisdiction (`laws of England and Wales`), and is a corporate
            // name or follows a bare name (`Acme Inc. and Beta`), not a descriptor
            // (`with offices at Research and Development Park`). A descriptor ends at
            // `, and` or after an address's postal code (`..., IL 60053 and Jane Roe`).
            let prev = pieces[k - 1];
            let descriptor_ended =
                gap.contains(',') || prev.trim_end().ends_with(|c: char| c.is_ascii_digit());
            // `..., TX 75069 and the American Kite Association, Inc.`: after a finished
            // descriptor, a lowercase article may open the name.
            let the_name = descriptor_ended
                && p.strip_prefix("the ")
                    .is_some_and(|r| r.starts_with(char::is_uppercase));
            let ok = (starts_like_name(p) || the_name)
                && !ends_in_jurisdiction(prev)
                && name.as_deref().is_some_and(|n| {
                    ends_with_suffix(n)
                        || !CUT.is_match(prev)
                        || descriptor_ended && n.split_whitespace().count() >= 2
                });
            if !ok {
                continue;
            }
        }
        names.extend(name);
    }
    let mut last = names.pop()?;
    // `("A"), a company incorporated in Japan, with an address at ..., Beta Limited
    // ("B")`: after the previous party's descriptor, the name is the corporate name that
    // ends the text.
    let descriptor = head.chars().next().is_some_and(|c| c.is_lowercase())
        && !cased_name_word(head.split_whitespace().next().unwrap_or(""));
    let tail = name_text.trim_end();
    if descriptor && !ends_with_suffix(&last) {
        if let Some(m) = SUFFIX
            .find_iter(tail)
            .last()
            .filter(|m| m.end() == tail.len())
        {
            if let Some(n) = org_before(tail, m.start(), m.end(), false) {
                last = n;
            }
        }
    }
    let earlier = names.into_iter().filter(|n| ends_with_suffix(n)).collect();
    Some((earlier, last))
}

fn ends_with_suffix(s: &str) -> bool {
    SUFFIX
        .find_iter(s)
        .last()
        .is_some_and(|m| m.end() == s.len())
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

/// Split a run of names at `, and`, ` and `, `;`, a numbered item ` (2) `, `between`.
fn split_names(s: &str) -> Vec<&str> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:;|,?\s+(?:and|AND|And)\s+|,[\ \t]*\n\s*\n|\s\(\s?[0-9]{1,2}\s?\)\s|\bbetween\b|\bBETWEEN\b|\bamong\b|\bAMONG\b)")
            .expect("static regex")
    });
    SPLIT.split(s).filter(|p| !p.trim().is_empty()).collect()
}

/// The name at the start of a piece: leading lowercase words and connectors dropped, cut
/// at the descriptor (`, a Delaware corporation`, `having its office`).
fn clean_name(piece: &str) -> Option<String> {
    let mut s = piece.trim();
    // `Customer Name: MTS, INC.`, `ACCEPTED: WebMD, Inc.`: a label before the name.
    if let Some(i) = s.find(':').filter(|&i| i <= 30) {
        let label = &s[..i];
        let words = label.split_whitespace().count();
        if (1..=4).contains(&words)
            && label.chars().all(|c| c.is_alphabetic() || c == ' ')
            && s[i + 1..].starts_with(char::is_whitespace)
        {
            s = s[i + 1..].trim_start();
        }
    }
    // `a Nevada Corporation`: a descriptor right after its article, not a name.
    let mut article = false;
    // Leading lowercase words and punctuation: `professional golfer, TOM WATSON`.
    loop {
        let t = s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ':' | '-' | '*' | '_')
        });
        let first = t.split_whitespace().next().unwrap_or("");
        let lowercase_word =
            first.chars().next().is_some_and(|c| c.is_lowercase()) && !cased_name_word(first);
        if lowercase_word || LEADING_STOP.contains(&first.trim_end_matches([',', ':'])) {
            article = matches!(first, "a" | "an");
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
    if article {
        return None;
    }
    let s = match CUT.find(s) {
        Some(m) => &s[..paren_place_end(s, m.start()).unwrap_or(m.start())],
        None => s,
    };
    let s = s.trim().trim_end_matches([',', ';', ':', '-']).trim();
    // `Acme Limited Unit 5, Harbour Road`: a strong suffix ends the name, before the
    // words after it are counted.
    let s = cut_after_suffix(&collapse(s));
    let words = s.split_whitespace().count();
    if words == 0
        || words > 12
        || s.len() < 2
        || !s
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !cased_name_word(s.split_whitespace().next().unwrap_or(""))
    {
        return None;
    }
    let n_words = s.split_whitespace().count();
    let last = s.split_whitespace().next_back().unwrap_or("");
    if matches!(last, "of" | "and" | "&" | "the" | "for")
        || n_words == 1
            && (is_role(&s)
                || is_signature_word(&s)
                || is_suffix_word(&s)
                || LEADING_STOP.contains(&s.as_str()))
        || MONTHS.contains(&s.split_whitespace().next().unwrap_or(""))
    {
        return None;
    }
    // Parts of the document, not parties.
    let first = s.split_whitespace().next().unwrap_or("");
    if matches!(
        first.to_ascii_lowercase().as_str(),
        "schedule"
            | "exhibit"
            | "section"
            | "annex"
            | "appendix"
            | "article"
            | "suite"
            | "attn"
            | "attention"
    ) {
        return None;
    }
    if !s.chars().any(|c| c.is_alphabetic()) || !name_words(&s) {
        return None;
    }
    // A place alone (`with his offices located in California; and ...`) is no party.
    if super::places::US_STATES.contains(&s.as_str()) {
        return None;
    }
    Some(s)
}

/// `Acme, (Bermuda) Ltd.`, `Dialog Semiconductor (UK) Ltd.`: a place in parentheses
/// at `at`, then a corporate suffix, still belong to the name. Returns where it ends.
fn paren_place_end(s: &str, at: usize) -> Option<usize> {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^,?\s*\([A-Z][A-Za-z.]{1,12}(?:\ [A-Z][A-Za-z.]{1,12})?\)")
            .expect("static regex")
    });
    let rest = &s[at..];
    let place = PLACE.find(rest)?;
    let after = &rest[place.end()..];
    let suffix = SUFFIX.find(after).filter(|m| m.start() == 0)?;
    Some(at + place.end() + suffix.end())
}

/// Month names as they open a sentence (`March 3 ...` is a date, not a name).
const MONTHS: &[&str] = &[
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
];

/// `ACME LIMITED Unit 05` -> `ACME LIMITED`: after a strong suffix (not `Co`, `Company`)
/// only another suffix continues the name.
fn cut_after_suffix(s: &str) -> String {
    static GMBH_CO_KG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*&\s*(?:Co|CO)\.?\s+(?:KG|KGaA)(?-u:\b)\.?").expect("static regex")
    });
    for m in SUFFIX.find_iter(s) {
        let suffix = m
            .as_str()
            .trim_start_matches([',', ' '])
            .trim_end_matches('.');
        if matches!(suffix, "Co" | "CO" | "Company" | "COMPANY") {
            continue;
        }
        let rest = &s[m.end()..];
        // The German limited partnership `Acme GmbH & Co. KG` is one name.
        if let Some(kg) = GMBH_CO_KG.find(rest) {
            return s[..m.end() + kg.end()].to_owned();
        }
        let next = rest.split_whitespace().next().unwrap_or("");
        if next.is_empty()
            || is_suffix_word(next)
            || SUFFIX.find(rest).is_some_and(|n| n.start() == 0)
            || matches!(
                next.trim_end_matches([',', '.'])
                    .to_ascii_lowercase()
                    .as_str(),
                "partnership" | "liability" | "company" | "co"
            )
        {
            continue;
        }
        return s[..m.end()].to_owned();
    }
    s.to_owned()
}

/// A lowercase-initial word that is still a name: `eDiets`, `iBio`, `drkoop.com`.
fn cased_name_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    w.len() >= 3
        && (w.chars().skip(1).any(char::is_uppercase)
            || w.rsplit_once('.').is_some_and(|(a, b)| {
                !a.is_empty()
                    && matches!(
                        b.to_ascii_lowercase().as_str(),
                        "com" | "net" | "org" | "io"
                    )
            }))
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

/// A piece that opens with a capitalized word (not `The`, not a street number).
/// Does `piece` end inside a jurisdiction (`... under the laws of England`)?
fn ends_in_jurisdiction(piece: &str) -> bool {
    static JURISDICTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:(?:laws?|state|province|commonwealth|republic|kingdom)\s+of|(?:incorporated|registered|organi[sz]ed|formed|existing)\s+(?:in|under))\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*$")
            .expect("static regex")
    });
    JURISDICTION.is_match(piece.trim_end())
}

fn starts_like_name(piece: &str) -> bool {
    let mut words = piece
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '-' | '*' | '_'))
        .split_whitespace();
    let mut first = words.next().unwrap_or("");
    // `and The Deerskin Companies, Inc.`: a name may open with its article.
    if matches!(first, "The" | "THE") {
        first = words.next().unwrap_or("");
    }
    // `ebix.com, Inc.`, `iVillage, Inc.`, `2205925 Ontario Limited`
    cased_name_word(first)
        || first.starts_with(|c: char| c.is_ascii_digit())
        || (first.chars().next().is_some_and(char::is_uppercase)
            && !LEADING_STOP.contains(&first.trim_end_matches(',')))
}

/// Every word of a name is capitalized, a connector, or a domain-like word
/// (`eDiets.com`): `ESSI product suite` and addresses are not names.
fn name_words(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let first_is_number = words
        .clone()
        .next()
        .is_some_and(|w| w.trim_end_matches(',').bytes().all(|b| b.is_ascii_digit()));
    // `2205925 Ontario Limited` is a numbered company; `100 Main Street` an address.
    let numbered_company =
        first_is_number && s.split_whitespace().count() >= 3 && ends_with_suffix(s);
    (!first_is_number || numbered_company)
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

/// `ACME INC.` / `By:` signature blocks near the end. An organization written right
/// before `By:` signs the contract, so it is a party even past the first two (joint
/// filings, consortium agreements); one further back (a title, a date in between) only
/// when fewer than two parties are known.
fn signature_parties(text: &str, parties: &mut Vec<Party>) {
    static BY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(?:By|BY)\s*:").expect("static regex"));
    let from = signature_start(text);
    behalf_parties(text, from, parties);
    let mut n = 0;
    for m in BY.find_iter(&text[from..]) {
        n += 1;
        if n > SIGNATURE_BY_MAX {
            break;
        }
        let at = from + m.start();
        let back = crate::ingest::floor_char_boundary(text, at.saturating_sub(160));
        let back = (back..at).find(|&i| text.is_char_boundary(i)).unwrap_or(at);
        let window = &text[back..at];
        // The last organization with a suffix in the window.
        let Some(last) = SUFFIX.find_iter(window).last() else {
            continue;
        };
        let Some(name) = org_before(window, last.start(), last.end(), false) else {
            continue;
        };
        let tight = window[last.end()..]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '_' | '-'))
            .is_empty();
        // `By: Beta GP, LLC, its general partner`: a signer for the party, not a party.
        let lead =
            crate::ingest::floor_char_boundary(window, last.start().saturating_sub(name.len() + 8));
        let signer = window[lead..last.start()].contains("By:")
            || window[lead..last.start()].contains("BY:");
        let k = key(&name);
        let known = parties.iter().any(|p| key(&p.name) == k);
        if !known && (truncated(&name, parties) || run_together(&k, parties)) {
            continue;
        }
        if known || parties.len() < 2 || (tight && !signer) {
            add(
                parties,
                Party {
                    name,
                    aliases: Vec::new(),
                    role: None,
                    spellings: Vec::new(),
                },
            );
        }
    }
}

/// Where signature blocks may start: the second half of the text, or the first `IN
/// WITNESS WHEREOF` if it comes earlier (a short joint filing agreement is mostly
/// signatures).
fn signature_start(text: &str) -> usize {
    static WITNESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:IN\s+WITNESS\s+WHEREOF|In\s+[Ww]itness\s+[Ww]hereof)")
            .expect("static regex")
    });
    let half = crate::ingest::floor_char_boundary(text, text.len() / 2);
    // `In` opens many sentences: find the rare `itness`/`ITNESS` first (memchr), then
    // read the phrase around it.
    let bytes = &text.as_bytes()[..half];
    let first = [&b"ITNESS"[..], &b"itness"[..]]
        .iter()
        .filter_map(|w| memchr::memmem::find(bytes, w))
        .min();
    let Some(at) = first else {
        return half;
    };
    let from = crate::ingest::floor_char_boundary(text, at.saturating_sub(12));
    match WITNESS.find(&text[from..half]) {
        Some(m) => from + m.start(),
        None => half,
    }
}

/// `For and on behalf of Acme Telecom` (a line of a signature block, British style):
/// the organization that signs, with or without a corporate suffix. The name runs to
/// the end of its line or a wide gap, and must read as a name (`for and on behalf of
/// the Company` or of `such Indemnified Party` does not).
fn behalf_parties(text: &str, from: usize, parties: &mut Vec<Party>) {
    static BEHALF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)(?-u:\b)(?i:for\s+and\s+on\s+behalf\s+of)[\ \t]*[:)]?[\ \t]*(?:\r?\n[\ \t]*){0,6}
            (?P<name>(?:(?:the|THE)\s+)?[A-Z0-9][^\n]{1,150})",
        )
        .expect("static regex")
    });
    // Where the name ends on its line.
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?x)\s{2,}|\s*(?:\)|/s/|(?i:by|name|title|date|represented\s+by)\s*:|\bby\b|\bBY\b|[;:])")
            .expect("static regex")
    });
    // `for` is everywhere: run the pattern only from the first `behalf` (memchr).
    let rest = &text.as_bytes()[from..];
    let first = [&b"behalf"[..], &b"Behalf"[..], &b"BEHALF"[..]]
        .iter()
        .filter_map(|w| memchr::memmem::find(rest, w))
        .min();
    let Some(at) = first else {
        return;
    };
    let from = crate::ingest::floor_char_boundary(text, (from + at).saturating_sub(30));
    for c in BEHALF.captures_iter(&text[from..]).take(SIGNATURE_BY_MAX) {
        let Some(m) = c.name("name") else { continue };
        let raw = m.as_str();
        let raw = END.find(raw).map_or(raw, |e| &raw[..e.start()]);
        let raw = raw.trim().trim_end_matches(',');
        // `the Bank of Foo Limited`: only a corporate name after `the`.
        let bare = raw
            .strip_prefix("the ")
            .or_else(|| raw.strip_prefix("THE "));
        if bare.is_some_and(|b| !ends_with_suffix(b) || b.split_whitespace().count() < 2) {
            continue;
        }
        let Some(name) = clean_name(bare.unwrap_or(raw)) else {
            continue;
        };
        // The whole rest of the line must be the name (no `in connection with ...`).
        if collapse(bare.unwrap_or(raw)) != name
            || name.split_whitespace().count() > 8
            || truncated(&name, parties)
        {
            continue;
        }
        add(
            parties,
            Party {
                name,
                aliases: Vec::new(),
                role: None,
                spellings: Vec::new(),
            },
        );
    }
}

/// Does the name keyed `k` end with a known party's whole name after other words
/// (`BETA UNIVERSITY ACME LABS, INC.`: two signature columns run together on one line)?
fn run_together(k: &str, parties: &[Party]) -> bool {
    parties.iter().any(|p| {
        let q = key(&p.name);
        !q.is_empty()
            && k.len() > q.len()
            && k.ends_with(&q)
            && k.as_bytes()[k.len() - q.len() - 1] == b' '
    })
}

/// Is `name` the last word of a known party's name (`Operations, Inc.` of `Acme Western
/// Operations, Inc.`), or its start without a suffix (`ACME ECONOMIC` of `ACME ECONOMIC
/// SERVICE LIMITED`)? A name a signature column cut in two.
fn truncated(name: &str, parties: &[Party]) -> bool {
    let k = key(name);
    // `Acme Partners L.P.` beside `Acme Partners GP, LLC` is another company.
    let suffixed = ends_with_suffix(name);
    // `Beta Systems Limited` beside `Acme Beta Systems Limited` may be its parent.
    let one_word = !k.contains(' ');
    !k.is_empty()
        && parties.iter().any(|p| {
            let q = key(&p.name);
            q.len() > k.len()
                && (!suffixed && q.starts_with(&k) && q.as_bytes()[k.len()] == b' '
                    || one_word && q.ends_with(&k) && q.as_bytes()[q.len() - k.len() - 1] == b' ')
        })
}

/// Walk back from a suffix over capitalized words: `Fabrikam Holdings` + ` Inc.`.
/// In news a name never runs across lines (`...Scanner Hardware` + newline + `Adatum
/// Corporation` is a headline over a sentence); in a contract it may wrap, but not
/// across a blank line.
fn org_before(s: &str, suffix_start: usize, suffix_end: usize, news: bool) -> Option<String> {
    // Only the last 200 bytes can hold the name: keeps the walk linear over the text.
    let from = crate::ingest::floor_char_boundary(s, suffix_start.saturating_sub(200));
    let head = &s[from..suffix_start];
    let mut start = head.len();
    let mut words = 0;
    let mut all_caps = false;
    let mut upper_so_far = true;
    let mut newlines = 0;
    let pieces: Vec<&str> = head.split_inclusive(char::is_whitespace).collect();
    // The word of the name read last (the first of the name so far).
    let mut last_word = "";
    // Where the piece read last starts in `head`.
    let mut piece_end = head.len();
    for (k, w) in pieces.iter().copied().enumerate().rev() {
        let piece_start = piece_end - w.len();
        piece_end = piece_start;
        let t = w.trim();
        let nl = w.matches('\n').count();
        newlines = if t.is_empty() { newlines + nl } else { nl };
        // A contract may wrap an ALL CAPS name (`INTERNATIONAL FAST FOOD` + newline +
        // `CORPORATION`); `Managing Member` + newline + `Acme LP` is a title over a name.
        // Wire copy wraps its indented lines anywhere (`Burlington` + newline +
        // `Industries Inc`), but a headline above a name is not part of it: a line
        // without lower case, or an unindented line of mostly capitalized words.
        let wrapped = newlines == 1
            && if news {
                t.chars().next().is_some_and(char::is_uppercase) && {
                    let line_start = head[..piece_start].rfind('\n').map(|i| i + 1);
                    let line = &head[line_start.unwrap_or(0)..piece_start + w.len()];
                    let indented = line_start.is_some() && line.starts_with([' ', '\t']);
                    // A title-case headline has a few small words (`and`, `to`); prose has
                    // mostly lower-case ones.
                    let (mut all, mut lower) = (0, 0);
                    for x in line.split_whitespace() {
                        all += 1;
                        lower += usize::from(x.starts_with(char::is_lowercase));
                    }
                    line.chars().any(char::is_lowercase) && (2 * lower >= all || indented)
                }
            } else {
                upper_so_far && is_upper_word(t)
            };
        if words > 0 && newlines >= 1 && !wrapped {
            break;
        }
        if t.is_empty() {
            start -= w.len();
            continue;
        }
        // `Acme (BVI) Limited`, `FUND (CAYMAN) MANAGEMENT L.P.`: a one-word place in
        // parentheses is part of the name.
        let paren_word = t.len() > 3
            && t.starts_with('(')
            && t.ends_with(')')
            && t[1..].chars().next().is_some_and(char::is_uppercase)
            && t[1..t.len() - 1].chars().all(char::is_alphabetic);
        let cap = paren_word
            || cased_name_word(t)
            || t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let connector = matches!(t, "&" | "of" | "and" | "de" | "du" | "la" | "der" | "von");
        let upper = is_upper_word(t);
        // News: `Britain's Redland Plc`, `Boston-based FMR Corp`: the name starts after
        // an owner or a place.
        if news && words > 0 && (owner_possessive(t, &pieces[..k]) || is_place_adjective(t)) {
            break;
        }
        // Wire copy brackets names with tickers: `&lt;CCL Industries Inc>`.
        if let Some(rest) = t.strip_prefix("&lt;").filter(|_| news && words < 6) {
            // `&lt;ACY>` closes at once: a ticker, not the name's first word.
            if rest.starts_with(|c: char| c.is_uppercase()) && !rest.contains('>') {
                start -= w.len() - "&lt;".len();
                words += 1;
            }
            break;
        }
        // `Bond Corp Holdings Ltd`: in news, a suffix before `Holdings`, `Group` or
        // `International` is part of the name.
        let inner_suffix = news && matches!(last_word, "Holdings" | "Group" | "International");
        // `Chief Officer ACME HOLDINGS, INC.`: an ALL CAPS name ends at the first word
        // that is not. `Acme Corporation Beta LLC` (signature blocks side by side): a
        // name ends at another name's suffix. `CEO`, `AGREED`: signature words.
        if !(cap || connector)
            || words >= 6
            || t.ends_with([',', ';', ':', '.', ')']) && words > 0 && !paren_word
                // `B.A.T. Industries Plc`, `J.P. Morgan and Co`: initials, in news; not
                // `U.S.` (`U.S. Firm Amoco Corp`).
                && !(news && is_initials(t) && !is_place(t))
            || all_caps && !upper && !connector
            || words > 0
                && (is_suffix_word(t) && !inner_suffix
                    || is_signature_word(t)
                    || t.eq_ignore_ascii_case("dba"))
        {
            break;
        }
        last_word = t;
        upper_so_far &= upper || connector;
        if upper_so_far && upper && t.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            all_caps = true;
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
        // `2013 Fitness Publications, Inc.`: a year before the name.
        // `2,088,461 Grant Industries Inc` (a share count in wire copy).
        let number = first.bytes().any(|b| b.is_ascii_digit())
            && first
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
        if LEADING_STOP.contains(&first) || matches!(first, "&" | "of" | "and" | "de") || number {
            name = name[first.len()..].trim_start().to_owned();
        } else {
            break;
        }
    }
    if news {
        name = without_role_noun(without_person_of(name));
    }
    let core = key(&name);
    // `GP, LLC`, `A Mutual Company`, `Nevada Corporation` (`a Nevada corporation`): no
    // name before the suffix.
    let first = name.split_whitespace().next().unwrap_or("");
    let before = s[from..from + start]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    if core.len() < 3
        || name.split_whitespace().count() < 2
        || matches!(first, "A" | "An" | "AN")
        || matches!(before, "a" | "an" | "A" | "An" | "AN")
        // `(Holdings) Ltd`: the name before the parenthesis was not read.
        || first.starts_with('(')
    {
        return None;
    }
    Some(name)
}

/// A possessive naming who owns the organization after it: a place (`Britain's`), a
/// company (`Sun Co's`, `Inc>'s`) or a name of two words or more (`Alan Bond's`,
/// `Union Pacific's`, on one line). A lone possessive word is taken as part of the name
/// (`Moody's Investors Service Inc`, `Wendy's International Inc`); `before` holds the
/// text before `t`, in whitespace-ended pieces.
fn owner_possessive(t: &str, before: &[&str]) -> bool {
    let Some(owner) = t.strip_suffix("'s").or_else(|| t.strip_suffix("’s")) else {
        return false;
    };
    let owner = owner.trim_end_matches('>');
    // The word before, on the same line (a headline above is not part of a name).
    let mut previous = "";
    for p in before.iter().rev() {
        if p.contains('\n') {
            break;
        }
        if !p.trim().is_empty() {
            previous = p.trim();
            break;
        }
    }
    is_place(owner)
        || is_suffix_word(owner)
        || previous.chars().next().is_some_and(char::is_uppercase)
            && !previous.ends_with(['.', ',', ';', ':'])
            && !LEADING_STOP.contains(&previous)
}

/// Initials with dots: `B.A.T.`, `J.P.`, `U.S.` (one letter before each dot).
fn is_initials(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 4
        && b.chunks(2)
            .all(|c| c.len() == 2 && c[0].is_ascii_uppercase() && c[1] == b'.')
}

/// Countries, regions and cities that news names as owners or actors (`Britain's`,
/// `the US says it`), not organizations.
fn is_place(w: &str) -> bool {
    const PLACES: &[&str] = &[
        "Africa",
        "America",
        "Argentina",
        "Asia",
        "Australia",
        "Austria",
        "Belgium",
        "Brazil",
        "Britain",
        "Canada",
        "Chile",
        "China",
        "Denmark",
        "Egypt",
        "England",
        "Europe",
        "Finland",
        "France",
        "Germany",
        "Greece",
        "Holland",
        "Hungary",
        "India",
        "Indonesia",
        "Iran",
        "Iraq",
        "Ireland",
        "Israel",
        "Italy",
        "Japan",
        "Korea",
        "Kuwait",
        "London",
        "Malaysia",
        "Mexico",
        "Netherlands",
        "Nigeria",
        "Norway",
        "Paris",
        "Philippines",
        "Poland",
        "Portugal",
        "Russia",
        "Scotland",
        "Singapore",
        "Spain",
        "Sweden",
        "Switzerland",
        "Sydney",
        "Taiwan",
        "Thailand",
        "Tokyo",
        "Toronto",
        "Turkey",
        "UK",
        "U.K.",
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "Venezuela",
        "Wales",
        "Zealand",
        "Arabia",
        "Kong",
    ];
    // ALL CAPS in headlines: `ARGENTINA`.
    PLACES.contains(&w) || w.len() > 3 && PLACES.iter().any(|p| p.eq_ignore_ascii_case(w))
}

/// `Boston-based`, `Sydney-listed`, `wholly-owned`, `US-registered`: a word that says
/// where an organization is or who owns it, before its name.
fn is_place_adjective(t: &str) -> bool {
    let Some((_, tail)) = t.rsplit_once('-') else {
        return false;
    };
    [
        "based",
        "owned",
        "listed",
        "registered",
        "controlled",
        "led",
        "backed",
        "headquartered",
        "run",
    ]
    .iter()
    .any(|w| tail.eq_ignore_ascii_case(w))
}

/// A corporate suffix written as a word: `Inc.`, `CORPORATION`, `LLC`.
fn is_suffix_word(t: &str) -> bool {
    matches!(
        t.trim_end_matches([',', '.']).to_ascii_lowercase().as_str(),
        "inc"
            | "incorporated"
            | "corp"
            | "corporation"
            | "llc"
            | "l.l.c"
            | "ltd"
            | "limited"
            | "lp"
            | "l.p"
            | "llp"
            | "plc"
            | "gmbh"
            | "ag"
            | "sa"
            | "s.a"
            | "nv"
            | "n.v"
            | "bv"
            | "b.v"
            | "company"
    )
}

/// Words of a signature block that precede the signing company: `CEO`, `AGREED`.
fn is_signature_word(t: &str) -> bool {
    let w = t.trim_end_matches([',', '.', ':']).to_ascii_lowercase();
    matches!(
        w.as_str(),
        "ceo"
            | "cfo"
            | "coo"
            | "president"
            | "title"
            | "name"
            | "date"
            | "dated"
            | "agreement"
            | "agreed"
            | "accepted"
            | "approved"
            | "acknowledged"
            | "witness"
            | "signature"
            | "signed"
            | "its"
            | "by"
            | "director"
            | "manager"
            | "secretary"
            | "treasurer"
            | "officer"
            | "chairman"
            | "execution"
            | "affirmation"
            | "usa"
            | "licensor"
            | "licensee"
            | "distributor"
            | "supplier"
            | "customer"
            | "vendor"
            | "buyer"
            | "seller"
            | "purchaser"
            | "contractor"
            | "consultant"
            | "franchisee"
            | "franchisor"
            | "reseller"
            | "sponsor"
            | "managing"
            | "member"
    )
}

/// `ACME`, `IV-A,`: letters all uppercase, at least two of them.
fn is_upper_word(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.chars().any(char::is_lowercase)
}

fn news_orgs(text: &str, parties: &mut Vec<Party>) {
    // Prefilter: no capital letter, no organization.
    for m in SUFFIX.find_iter(text) {
        // `Co` and `Company` only after at least two capitalized words, and never `the Company`.
        let suffix = m.as_str().trim_start_matches([',', ' ']);
        let name = org_before(text, m.start(), m.end(), true).and_then(|name| {
            // A name in wire copy's ticker brackets (`&lt;SYSTEMS FOR HEALTH CARE INC>`)
            // is whole, whatever words it holds.
            if in_ticker_brackets(text, m.start(), &name) {
                Some(name)
            } else {
                headline_tail(name)
            }
        });
        if let Some(name) = name {
            let generic = matches!(
                suffix.trim_end_matches('.'),
                "Co" | "CO" | "Company" | "COMPANY" | "SA" | "SE" | "AB" | "AG" | "NV" | "BV"
            ) && name.split_whitespace().count() < 3;
            let bare = is_suffix_word(name.split_whitespace().next().unwrap_or(""));
            if !generic && !bare && !is_sentence_word(&name) {
                add(
                    parties,
                    Party {
                        name,
                        aliases: Vec::new(),
                        role: None,
                        spellings: Vec::new(),
                    },
                );
            }
        }
    }
    for c in ORG_CONTEXT.captures_iter(text) {
        for m in [c.name("a"), c.name("b"), c.name("c")]
            .into_iter()
            .flatten()
        {
            news_name(&text[of_name_start(text, m.start())..m.end()], parties);
        }
    }
}

/// Does `name`, read back from the suffix at `suffix_start`, open right after wire
/// copy's escaped ticker bracket `&lt;`? Only ALL CAPS names are looked up (the headline
/// rule leaves the others alone), and only in the 300 bytes before the suffix, so the
/// check stays linear in the text.
fn in_ticker_brackets(text: &str, suffix_start: usize, name: &str) -> bool {
    if name.chars().any(char::is_lowercase) {
        return false;
    }
    let first = name.split_whitespace().next().unwrap_or("");
    let from = crate::ingest::floor_char_boundary(text, suffix_start.saturating_sub(300));
    !first.is_empty()
        && text[from..suffix_start]
            .rfind(first)
            .is_some_and(|at| text[..from + at].ends_with("&lt;"))
}

/// An ALL CAPS name read back from its suffix through a headline (`COMPUTER ASSOCIATES
/// TO ACQUIRE UCCEL CORP`, `AVON SAYS IT TO BUY GIORGIO INC`): only the words after the
/// headline's last verb, preposition or figure are the name (`UCCEL CORP`), after a
/// leading `OF`, `OR`, `AND` or `THE`; a headline's `COMPANY` is a common noun (`BUYS WEST
/// GERMAN COMPANY`), so such a name is none. Names in mixed case, and ALL CAPS names
/// without such a word (`BANK OF NEW ENGLAND CORP`), are kept whole.
fn headline_tail(name: String) -> Option<String> {
    const BREAKS: &[&str] = &[
        "TO",
        "FOR",
        "FROM",
        "IN",
        "ON",
        "AT",
        "BY",
        "WITH",
        "INTO",
        "OVER",
        "AFTER",
        "SAYS",
        "SAID",
        "SAY",
        "SEES",
        "SEE",
        "BUY",
        "BUYS",
        "BOUGHT",
        "SELL",
        "SELLS",
        "SOLD",
        "ACQUIRE",
        "ACQUIRES",
        "ACQUIRED",
        "ACQUISITION",
        "BID",
        "BIDS",
        "OFFER",
        "OFFERS",
        "STAKE",
        "PCT",
        "DLRS",
        "DLR",
        "MLN",
        "BILLION",
        "IT",
        "WILL",
        "PLANS",
        "PLAN",
        "MERGE",
        "MERGES",
        "MERGER",
        "AGREES",
        "AGREE",
        "COMPLETES",
        "COMPLETE",
        "SETS",
        "CUTS",
        "RAISES",
        "TENDER",
        "SALE",
        "SEEKS",
        "SEEKING",
        "INTEREST",
        "SHARES",
        "SHR",
        "BEGINS",
        "CONSIDERS",
        "PROPOSES",
        "TERMINATING",
        "TERMINATES",
        "TALKS",
        "UNIT",
    ];
    if name.chars().any(char::is_lowercase) {
        return Some(name);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(i) = words
        .iter()
        .rposition(|w| BREAKS.contains(&w.trim_end_matches([',', ':'])))
    else {
        return Some(name);
    };
    let mut tail = &words[i + 1..];
    while let Some((first, rest)) = tail.split_first() {
        if !matches!(*first, "OF" | "OR" | "AND" | "THE") {
            break;
        }
        tail = rest;
    }
    if tail.len() < 2 || tail.last() == Some(&"COMPANY") {
        return None;
    }
    Some(tail.join(" "))
}

/// Words naming a kind of organization, written before `of` in a name (`Bank of
/// England`, `Aluminum Co of America`).
const ORG_KINDS: &[&str] = &[
    "Bank",
    "Department",
    "Ministry",
    "University",
    "Association",
    "Union",
    "College",
    "Board",
    "Council",
    "Institute",
    "Federation",
    "Chamber",
    "Commission",
    "Exchange",
    "Society",
    "Agency",
    "Authority",
    "Corp",
    "Corporation",
    "Co",
    "Company",
    "Trust",
    "Fund",
    "Bureau",
    "Academy",
    "Foundation",
    "Organization",
    "Organisation",
    "School",
];

/// News: `Stephen Roach of Morgan Stanley and Co`, `Process Chemicals Division of
/// Occidental Petroleum Corp`: someone, or a part, of the organization named after `of`,
/// when that name has two words or more before its suffix. Kept whole: `Aluminum Co of
/// America` (a kind of organization before `of`), `Richardson Greenshields of Canada
/// Ltd` (one word after it).
fn without_person_of(name: String) -> String {
    let Some(at) = name.rfind(" of ") else {
        return name;
    };
    let (owner, org) = (&name[..at], &name[at + 4..]);
    let last = owner.rsplit(' ').next().unwrap_or("");
    let org_words = org
        .split_whitespace()
        .filter(|w| !is_suffix_word(w))
        .count();
    // `of South Africa Ltd`, `of West Virginia Inc`, `of New England Inc`: a place.
    let first = org.split(' ').next().unwrap_or("");
    let place = is_place(first) || matches!(first, "North" | "South" | "East" | "West" | "New");
    if ORG_KINDS.contains(&last) || org_words < 2 || place {
        return name;
    }
    org.to_owned()
}

/// News: `Subsidiary Strata Bit Corp`, `Publisher Harcourt Brace Jovanovich Inc`,
/// `Packer John Morrell and Co`: a capitalized word saying what the organization is, in
/// front of its name (title-case wire copy). Dropped when two words or more follow and
/// the next is capitalized; `Unit Corp` keeps its one word after.
fn without_role_noun(name: String) -> String {
    const ROLES: &[&str] = &[
        "Subsidiary",
        "Affiliate",
        "Unit",
        "Parent",
        "Firm",
        "Publisher",
        "Packer",
        "Retailer",
        "Maker",
        "Manufacturer",
        "Producer",
        "Distributor",
        "Supplier",
        "Carrier",
        "Insurer",
        "Brokerage",
        "Rival",
    ];
    let mut words = name.splitn(2, ' ');
    let (Some(first), Some(rest)) = (words.next(), words.next()) else {
        return name;
    };
    let rest = rest.trim_start();
    if ROLES.contains(&first)
        && rest.split_whitespace().count() >= 2
        && rest.starts_with(|c: char| c.is_uppercase())
    {
        return rest.to_owned();
    }
    name
}

/// Where the name starting at `at` begins when it is written `X of Y` (`Bank of
/// England`, `Commonwealth Bank of Australia`, `Dynamics Corp of America`): at the start
/// of `X`, one to three capitalized words on the same line before ` of `, the last a kind
/// of organization (`Bank`, `Department`, `Corp`...); else at `at`.
fn of_name_start(text: &str, at: usize) -> usize {
    let from = crate::ingest::floor_char_boundary(text, at.saturating_sub(80));
    let head = &text[from..at];
    let blank = [' ', '\t'];
    let h = head.trim_end_matches(blank);
    let Some(h) = h.strip_suffix("of").filter(|_| h.len() < head.len()) else {
        return at;
    };
    let lead = h.trim_end_matches(blank);
    if lead.len() == h.len() {
        return at;
    }
    // The word before `of` names a kind of organization.
    let last = lead.rsplit(blank).next().unwrap_or("");
    if !ORG_KINDS.contains(&last) {
        return at;
    }
    let mut name_start = None;
    let mut end = lead.len();
    for _ in 0..3 {
        let w_start = lead[..end].rfind(blank).map_or(0, |i| i + 1);
        let w = &lead[w_start..end];
        let capitalized = w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '&' | '-'));
        if !capitalized || LEADING_STOP.contains(&w) || is_place(w) {
            break;
        }
        name_start = Some(w_start);
        if w_start == 0 {
            break;
        }
        end = lead[..w_start].trim_end_matches(blank).len();
    }
    name_start.map_or(at, |s| from + s)
}

/// A name found in a news context, without leading sentence words (`The`, `Shares`).
fn news_name(name: &str, parties: &mut Vec<Party>) {
    // Wire copy escapes its ticker brackets: `ERC INTERNATIONAL&lt;ERC>`.
    let mut name = name.find("&lt").map_or(name, |i| name[..i].trim_end());
    while let Some(first) = name.split_whitespace().next() {
        if LEADING_STOP.contains(&first) || is_place_adjective(first) {
            name = name[first.len()..].trim_start();
        } else {
            break;
        }
    }
    // `Inc said it`: the end of a name wrapped onto a new line, not a name.
    if name.is_empty()
        || is_place(name)
        || is_sentence_word(name)
        || is_suffix_word(name.split_whitespace().next().unwrap_or(""))
        || !name.chars().next().is_some_and(char::is_uppercase)
    {
        return;
    }
    add(
        parties,
        Party {
            name: name.to_owned(),
            aliases: Vec::new(),
            role: None,
            spellings: Vec::new(),
        },
    );
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
    // `Bank of England` is a name; `Bank said` is not.
    let bank_of = first == "Bank" && name.contains(" of ");
    !bank_of && WORDS.contains(&first) || MONTHS.contains(&first) || name.len() < 2
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
        for n in &p.spellings {
            forms.entry(n.clone()).or_insert(i);
            if let Some(short) = short_name(n) {
                forms.entry(short).or_insert(i);
            }
        }
    }
    // Every occurrence of every form (Aho-Corasick for many forms, leftmost-longest so
    // `Acme Corp.` wins over `Acme` at the same place), whole words only.
    let text = doc.text.as_bytes();
    let mut forms: Vec<(String, usize)> = forms.into_iter().collect();
    forms.sort();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut push = |at: usize, end: usize, k: usize| {
        let f = forms[k].0.as_bytes();
        let word_before =
            is_word(f[0]) && doc.text[..at].chars().next_back().is_some_and(is_word_char);
        let word_after =
            is_word(f[f.len() - 1]) && doc.text[end..].chars().next().is_some_and(is_word_char);
        if !word_before && !word_after {
            found.push((at, end, forms[k].1));
        }
    };
    if forms.len() <= 6 {
        // A few forms: one SIMD substring scan each is cheaper than building an automaton.
        for (k, (form, _)) in forms.iter().enumerate() {
            for at in memchr::memmem::find_iter(text, form.as_bytes()) {
                push(at, at + form.len(), k);
            }
        }
    } else if let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(forms.iter().map(|f| f.0.as_bytes()))
    {
        for m in ac.find_iter(text) {
            push(m.start(), m.end(), m.pattern().as_usize());
        }
    }
    // A name written with other spacing (`ACME  CORP.`) has no exact hit: look for it
    // with flexible whitespace so every party keeps at least one mention.
    for (i, p) in parties.iter().enumerate() {
        if !found.iter().any(|f| f.2 == i) {
            found.extend(
                find_spaced(text, &p.name)
                    .into_iter()
                    .map(|(s, e)| (s, e, i)),
            );
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

/// Occurrences of `name` with any run of whitespace between its words.
fn find_spaced(text: &[u8], name: &str) -> Vec<(usize, usize)> {
    let words: Vec<&[u8]> = name.split_whitespace().map(str::as_bytes).collect();
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut last_end = 0;
    for at in memchr::memmem::find_iter(text, first) {
        if at < last_end {
            continue;
        }
        let mut end = at + first.len();
        let mut ok = true;
        for w in rest {
            let gap = text[end..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            if gap == 0 || !text[end + gap..].starts_with(w) {
                ok = false;
                break;
            }
            end += gap + w.len();
        }
        if ok {
            out.push((at, end));
            last_end = end;
        }
    }
    out
}

/// A letter, digit or `_`: `Google’s` is a mention of `Google`, `Googles` is not.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
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

    /// The canonical party names found in a contract.
    fn contract_names(src: &str) -> Vec<String> {
        parties("c.txt", src).into_iter().map(|p| p.0).collect()
    }

    fn parties(name: &str, src: &str) -> Vec<(String, Vec<String>, Option<String>)> {
        let doc = ingest::parse(Path::new(name), src.as_bytes()).unwrap();
        let mut facts = Vec::new();
        PartyExtractor.extract(&Context::new(&doc), &mut facts);
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
            let got: Vec<String> = contract_names(&src);
            assert_eq!(&got, want, "{pre}");
        }
    }

    #[test]
    fn unbalanced_quotes_do_not_break_the_preamble() {
        let src = format!("This Agreement is made between Acme Inc. (\"Licensor) and Beta LLC (\"Licensee\").{BODY}");
        let got: Vec<String> = contract_names(&src);
        assert!(got.contains(&"Beta LLC".to_owned()), "{got:?}");
    }

    #[test]
    fn every_mention_is_a_fact() {
        let src = format!("This Agreement is made between Acme Inc. (\"Licensor\") and Beta LLC (\"Licensee\").{BODY}");
        let doc = ingest::parse(Path::new("c.txt"), src.as_bytes()).unwrap();
        let mut facts = Vec::new();
        PartyExtractor.extract(&Context::new(&doc), &mut facts);
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
        PartyExtractor.extract(&Context::new(&doc), &mut facts);
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

    #[test]
    fn preamble_layouts() {
        let cases: &[(&str, &[&str])] = &[
            // `BETWEEN:` with numbered parties and unquoted roles.
            ("This Agreement is made on 1 May 2024 BETWEEN: (1) NORTHCOAST TRADING LIMITED whose registered office is at 4 Harbour Road, Leeds (the Company) (2) JANE DOE (the Executive).", &["NORTHCOAST TRADING LIMITED", "JANE DOE"]),
            // Aliases outside parentheses, addresses after the names, `And` between.
            ("This Supply Agreement is entered into by and between: ORCHARD FOODS INC. with its principal place of business at 12 Elm Street. Hereinafter referred to as \"Buyer\" And PLAINVIEW PACKAGING LTD. with a principal place of business at 3 Mill Lane. Hereinafter referred to as \"Seller.\"", &["ORCHARD FOODS INC.", "PLAINVIEW PACKAGING LTD."]),
            // A lowercase domain name; an address between the name and the alias.
            ("This Sponsorship Agreement is entered into by and between bluefin.com, inc., a Delaware corporation, located at 1 Ocean Drive (\"bluefin.com\"), and Harbor Lights Inc., 20 Pier Road, Boston (\"Sponsor\").", &["bluefin.com", "Harbor Lights Inc."]),
            // Single-quoted roles, `of one part AND`.
            ("This Agreement is made between Maple Leaf Holdings Ltd. ('the Manufacturer') of one part AND Cedar Point Distribution Limited ('the Customer') of the other part.", &["Maple Leaf Holdings Ltd.", "Cedar Point Distribution Limited"]),
            // A `Parties:` heading and a list.
            ("Parties:\n\n1. Bright Harbor LLC, a Delaware limited liability company (\u{201c}Bright\u{201d}); and\n2. Quarry Lane Corporation, a Nevada corporation (\u{201c}Quarry\u{201d}).", &["Bright Harbor LLC", "Quarry Lane Corporation"]),
            // `with an address at ...` is not a party list; the names come from `between`.
            ("This Agreement is made between Gull Rock Inc. (\"Gull\") and Tern Bay LLC, with an address at 9 Dock Street (\"Tern\").", &["Gull Rock Inc.", "Tern Bay LLC"]),
            // Parties listed with commas, each descriptor after its alias.
            ("This Agreement is made by and among Alder Hill Limited (\"AHL\"), a company incorporated in Japan, with an address at 2 Sakura Road, Osaka, Japan, Birch Systems Limited (\"BSL\"), a company incorporated in Japan, and Cobalt Works, Inc. (\"Cobalt\").", &["Alder Hill Limited", "Birch Systems Limited", "Cobalt Works, Inc."]),
            ("This Agreement is made between Harbor Savings and Loan Association (\"Harbor\") and Pier Nine, Inc. (\"Pier\").", &["Harbor Savings and Loan Association", "Pier Nine, Inc."]),
            // A letter agreement: the parties follow the salutation.
            ("Ladies and Gentlemen:\n\nOakmont Bancorp, Inc., a Maryland corporation (the \"Company\"), and Oakmont Savings Bank, a savings bank (the \"Bank\"), hereby confirm their agreement with Pine Securities LLC (the \"Agent\") as follows:", &["Oakmont Bancorp, Inc.", "Oakmont Savings Bank", "Pine Securities LLC"]),
            // A name with `and` in it.
            ("This Agreement is made between:\n\nHarbor Research and Design Company, a Delaware corporation (\"Harbor\"); and\n\nPier Nine, Inc. (\"Pier\").", &["Harbor Research and Design Company", "Pier Nine, Inc."]),
            // `d/b/a` ends the name.
            ("This Agreement is made between Lantern Media, Inc. d/b/a Lantern Radio (\"Lantern\") and Wick Studios LLC (\"Wick\").", &["Lantern Media, Inc.", "Wick Studios LLC"]),
        ];
        for (pre, want) in cases {
            let src = format!("{pre}{BODY}");
            let got: Vec<String> = contract_names(&src);
            assert_eq!(&got, want, "{pre}");
        }
    }

    #[test]
    fn descriptors_addresses_and_title_pages() {
        let cases: &[(&str, &[&str])] = &[
            // `a New Jersey Corporation` is a descriptor; the next party opens with `The`.
            ("This Agreement is made between Harbor Direct, Inc. (\"HDI\"), a New Jersey Corporation, located at 15 Bay Road, Weehawken, NJ 07087, and The Pinecone Companies, Inc. (the \"Company\"), a Nevada corporation.", &["Harbor Direct, Inc.", "Pinecone Companies, Inc."]),
            // `, and` ends the descriptor: a name without a suffix follows.
            ("This Agreement is entered into by and between Quill Labs, Inc. (\"Quill\"), a Nevada corporation, having a business address of 9 Elm Road, Austin, Texas 78701, and Rivet Pharmaceuticals, (\"Rivet\"), a Polish corporation.", &["Quill Labs, Inc.", "Rivet Pharmaceuticals"]),
            // So does a postal code.
            ("This Agreement is made by and between Marble Foods, Inc. (\"Marble\") with a principal business address of 12 Oak Street, Springfield, IL 60053 and Jane Roe(\"Individual\") on her own behalf.", &["Marble Foods, Inc.", "Jane Roe"]),
            ("This Agreement is made between Gull Rock Inc. (\"Gull\"), with its principal place of business at 1 Bay Road, McKinney, TX 75069 and the American Kite Association, Inc. (\"Association\"), an Ohio not-for-profit corporation.", &["Gull Rock Inc.", "American Kite Association, Inc."]),
            ("This Agreement is made between Gull Rock Inc. (\"Gull\") and Tern Holdings Inc. (\"Tern\"), a company listed on the National Market in the United States of America and the Main Board of The Stock Exchange of Hong Kong Limited, whose address is 1 Bay Road.", &["Gull Rock Inc.", "Tern Holdings Inc."]),
            // Lowercase-initial names after `and`.
            ("This Agreement is by and between Sparrow.com, Inc. (\"Sparrow\"), a Delaware corporation, located at 1 Main St, Boston, MA 02110 and eFinch.com, Inc. (\"eFinch\"), a Delaware corporation.", &["Sparrow.com, Inc.", "eFinch.com, Inc."]),
            // A title page, one name to a line around a lone `And`.
            ("SUPPLY AGREEMENT\n\nbetween\n\nKestrel Devices Pty Ltd\n\nAnd\n\nOsprey Medical LLC\n\nDated 1 May 2020\n\nThe parties agree.", &["Kestrel Devices Pty Ltd", "Osprey Medical LLC"]),
            // A stray comma after `between`.
            ("This Agreement is made by and between, Heron Works Corporation LLC, a USA limited liability company, (\"Company\"), and Egret Inc. (\"Distributor\").", &["Heron Works Corporation LLC", "Egret Inc."]),
            // An address line after an alias, then the next numbered party.
            ("PARTIES (1) KESTREL (HONG KONG) LTD, a company incorporated in Hong Kong whose office is at Unit 3 (\"Kestrel\"); and  Harbour Plaza, 1 Harbour Rd, Hong Kong     (2) OSPREY GROUP HOLDINGS PLC a company incorporated in England (\"Osprey\")", &["KESTREL (HONG KONG) LTD", "OSPREY GROUP HOLDINGS PLC"]),
            // `GAS AND ELECTRIC` in capitals is one name.
            ("This Agreement is made by and between KESTREL PIPELINE COMPANY, a Delaware Corporation, hereinafter referred to as \"Transporter\" and LAKESIDE GAS AND ELECTRIC COMPANY, a Kentucky Corporation, hereinafter referred to as \"Shipper.\"", &["KESTREL PIPELINE COMPANY", "LAKESIDE GAS AND ELECTRIC COMPANY"]),
            // Addresses after the names, `And:`, numbered parties.
            ("Between: Lark Photo Corp. Suite 207 - 1130 Main Avenue, Coquitlam, British Columbia, Canada V3K 3P5 (hereinafter referred to as \"Lark\")\n\nAnd: Wren Industries Limited Room 1302 Golden Gate Commercial Bldg 136 Austin Road Tsimshatsui, Hong Kong (hereinafter referred to as \"Wren\")", &["Lark Photo Corp.", "Wren Industries Limited"]),
            ("BETWEEN\n\n1. Heron Data Corp., a Delaware corporation (\"Heron\"), having an address at 380 Elm Street, Malden, Massachusetts, 02148, USA\n\nAND\n\n2. Egret Science Limited a company registered in England (\"Egret\")", &["Heron Data Corp.", "Egret Science Limited"]),
            ("This Agreement is between Plover Corp. (\"Plover\"), an Ontario corporation with its principal place of business at 22 King Street, Toronto, Ontario M2J 5B5, and 2205925 Ontario Limited, with its principal place of business at 1 Main Street West, North Bay (the \"Reseller\").", &["Plover Corp.", "2205925 Ontario Limited"]),
            ("THIS AGREEMENT IS MADE ON 19 MAY 2010     PARTIES     (1) KESTREL (HONG KONG) LTD, a company incorporated in Hong Kong (\"Kestrel\") (2) OSPREY GROUP HOLDINGS PLC, a company incorporated in England (\"Osprey\")", &["KESTREL (HONG KONG) LTD", "OSPREY GROUP HOLDINGS PLC"]),
            // An upper-case legend (`MARKED BY BRACKETS ... WITH THE COMMISSION`) is no party list.
            ("CERTAIN PORTIONS MARKED BY BRACKETS HAVE BEEN FILED SEPARATELY WITH THE COMMISSION.\n\nSERVICES AGREEMENT\n\nBetween\n\nLARK INDUSTRIES, INC. (\"Company\")\n\nAnd\n\nWREN HEALTH, LLC (\"Contractor\")", &["LARK INDUSTRIES, INC.", "WREN HEALTH, LLC"]),
            // A title's list ends where the preamble's begins: the fund without a
            // suffix is read from the preamble.
            ("SERVICES AGREEMENT BETWEEN HERON BOND FUND AND EGRET ADVISERS, LLC This Agreement (\"Agreement\") is made as of May 1, 2020 by and between HERON BOND FUND, a Delaware statutory trust (the \"Fund\"), and EGRET ADVISERS, LLC, a Delaware limited liability company (the \"Adviser\").", &["HERON BOND FUND", "EGRET ADVISERS, LLC"]),
            // A recital's `by and among` names the parties of another agreement.
            ("This Amendment is made by and among Plover AB, a Swedish corporation (\"Plover\"), and Tern Co., Ltd. (\"Tern\"), as an amendment to the agreement dated March 7, 2016 by and among Gull ASP, Inc. (\"Gull ASP\") and Tern.", &["Plover AB", "Tern Co., Ltd."]),
            // `Incorporated` and `GmbH & Co. KG` end names; `incorporated in` is a descriptor.
            ("This Agreement is made by and between Lark Golf Incorporated, a Delaware corporation (\"Company\"), and Wren Oleo GmbH & Co. KG (\"Wren\").", &["Lark Golf Incorporated", "Wren Oleo GmbH & Co. KG"]),
            ("This Agreement is made by and between Finch Holdings incorporated in Ohio (\"Finch\") and Egret LLC (\"Egret\").", &["Finch Holdings", "Egret LLC"]),
            // `of` and an address (or a redacted one) ends a person's name.
            ("This Agreement is made between Kestrel Limited, a company registered in England (the \"Employer\"); and (2) Jane Roe of [address removed] (the \"Executive\").", &["Kestrel Limited", "Jane Roe"]),
            ("This Agreement is made between Kestrel Limited, a company registered in England (the \"Employer\"); and Jane Roe of 4 High Street, Oxford (the \"Executive\").", &["Kestrel Limited", "Jane Roe"]),
        ];
        for (pre, want) in cases {
            let src = format!("{pre}{BODY}");
            let got: Vec<String> = contract_names(&src);
            assert_eq!(&got, want, "{pre}");
        }
        for (piece, want) in [
            ("a Nevada Corporation", None),
            ("an Ontario corporation", None),
            // A state alone, left over from `located in California; and ...`.
            ("California", None),
            ("New York", None),
            (
                "New York Life Insurance Company",
                Some("New York Life Insurance Company"),
            ),
            ("professional golfer, TOM WATSON", Some("TOM WATSON")),
            (
                "Harbor Labs, (Bermuda) Ltd. (the",
                Some("Harbor Labs, (Bermuda) Ltd."),
            ),
            (
                "Kite Semiconductor (UK) Ltd., a company",
                Some("Kite Semiconductor (UK) Ltd."),
            ),
            (
                "Kite Semiconductor (the Seller)",
                Some("Kite Semiconductor"),
            ),
        ] {
            assert_eq!(clean_name(piece).as_deref(), want, "{piece}");
        }
    }

    #[test]
    fn preamble_non_parties() {
        // A salutation before prose names nobody.
        let src = format!(
            "Dear Sirs:\n\nWe refer to the letter sent last week about the shipment.{BODY}"
        );
        assert!(contract_names(&src).is_empty());
        for (pre, not) in [
            ("This Agreement is made between Gull Rock Inc. (\"Gull\") and Tern Bay LLC, with an address at 9 Dock Street (\"Tern\").", "Dock Street"),
            ("This Agreement is made between Gull Rock Inc. (\"Gull\") and the persons listed on Schedule A (the \"Investors\").", "Schedule A"),
            ("This Agreement is made between Gull Rock Inc. (\"Gull\") and Tern Bay LLC (\"Tern\") (the \"Demand Note\").", "Demand Note"),
            ("This Agreement is made between Gull Rock Inc. (\"Gull\") and Tern Bay LLC, with offices at 12 Research and Development Park (\"Tern\").", "Development Park"),
            ("This Agreement is made between Gull Rock Inc. (\"Gull\") and Tern Bay LLC, a Delaware company, and its Affiliates (\"Tern\").", "Affiliates"),
        ] {
            let src = format!("{pre}{BODY}");
            let got = parties("c.txt", &src);
            assert!(
                !got.iter().any(|p| p.0.contains(not) || p.1.iter().any(|a| a == not)),
                "{pre}: {got:?}"
            );
        }
    }

    #[test]
    fn signature_blocks_name_every_signing_party() {
        let body = "The undersigned agree to file the statement jointly. ".repeat(20);
        let src = format!(
            "JOINT FILING AGREEMENT\n\n{body}\n\nIN WITNESS WHEREOF the undersigned sign.\n\nPINE RIDGE CAPITAL, L.P.\nBy: /s/ A. Person\n\nPINE RIDGE ADVISORS GP, LLC\nBy: /s/ A. Person\n\nHIGH MESA FUND, L.P. By: Pine Ridge Advisors GP, LLC, its general partner\nBy: /s/ A. Person\n\nChief Executive Officer SUMMIT TOOLS, INC.\nBy: /s/ B. Person\n"
        );
        // One name per company; of its spellings, the mixed-case one is canonical.
        let got: Vec<String> = contract_names(&src);
        assert_eq!(
            got,
            [
                "PINE RIDGE CAPITAL, L.P.",
                "Pine Ridge Advisors GP, LLC",
                "HIGH MESA FUND, L.P.",
                "SUMMIT TOOLS, INC.",
            ]
        );
    }

    #[test]
    fn signature_columns_run_together_are_no_new_party() {
        let body = "Each party shall perform its duties hereunder. ".repeat(20);
        let src = format!(
            "This Agreement is made between Harbor University (\"Harbor\") and Beta Labs, Inc. (\"Beta\").\n\n{body}\n\nIN WITNESS WHEREOF the parties sign.\n\nHARBOR UNIVERSITY BETA LABS, INC.\nBy: /s/ A. Person By: /s/ B. Person\n\nGAMMA TOOLS, INC.\nBy: /s/ C. Person\n"
        );
        let got: Vec<String> = contract_names(&src);
        assert_eq!(
            got,
            ["Harbor University", "Beta Labs, Inc.", "GAMMA TOOLS, INC."]
        );
    }

    #[test]
    fn mixed_case_spelling_is_canonical() {
        // A title page in capitals, then the preamble with aliases: the preamble's
        // spelling and aliases win, whichever is read first; the capitals stay mentions.
        let toc: String = (1..=100)
            .map(|i| format!("ARTICLE {i} - HEADING NUMBER {i} ... {i}\n"))
            .collect();
        let src = format!("DEVELOPMENT AGREEMENT\n\nbetween\n\nORBIT WIDGETS, INC.\n\nand\n\nLANTANA LABS LLC\n\n{toc}\n\nThis Agreement is made between Orbit Widgets, Inc., a Delaware corporation (\"Orbit\"), and Lantana Labs LLC (\"Lantana\").{BODY}\nIN WITNESS WHEREOF the parties sign.\n\nORBIT WIDGETS, INC.\nBy: /s/ A. Person\n");
        let got = parties("c.txt", &src);
        let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(names, ["Orbit Widgets, Inc.", "Lantana Labs LLC"]);
        assert_eq!(got[0].1, ["Orbit"]);
        assert_eq!(got[1].1, ["Lantana"]);
        let doc = ingest::parse(Path::new("c.txt"), src.as_bytes()).unwrap();
        let mut facts = Vec::new();
        PartyExtractor.extract(&Context::new(&doc), &mut facts);
        let caps = facts
            .iter()
            .filter(|f| f.text == "ORBIT WIDGETS, INC.")
            .count();
        assert_eq!(caps, 2, "title and signature are mentions");
        // A shorter spelling (`Quillon` of `QUILLON CORP`) does not replace the name.
        let got: Vec<String> = parties("n.txt", "QUILLON CORP SETS PAYOUT\nQuillon said it would pay a dividend. Quillon Corp. said on Monday it agreed.")
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(got, ["Quillon Corp."]);
        let got: Vec<String> = parties(
            "n.txt",
            "QUILLON CORP SETS PAYOUT\nQuillon said it would pay a dividend.",
        )
        .into_iter()
        .map(|p| p.0)
        .collect();
        assert_eq!(got, ["QUILLON CORP"]);
        // A later list that names none of the title's parties is not the preamble.
        let src = format!("SUPPLY AGREEMENT\n\nbetween\n\nORBIT WIDGETS, INC.\n\nand\n\nLANTANA LABS LLC\n\n{toc}\n\nThe Supplier buys through a framework made between Fennel Farms LLC (\"Fennel\") and Sage Hill LLC (\"Sage\").{BODY}");
        let names = contract_names(&src);
        assert!(
            !names
                .iter()
                .any(|n| n.contains("Fennel") || n.contains("Sage")),
            "{names:?}"
        );
    }

    #[test]
    fn behalf_lines_name_signing_parties() {
        let body = "Each party shall perform its duties. ".repeat(40);
        let cases: &[(&str, &[&str], &[&str])] = &[
            // Names without a suffix, a name on the next line, `for and on behalf of:`.
            ("For and on behalf of      Kestrel Telecom\n\n     ----------\n\nFor and on behalf of\n\n\n     HARBOUR NET S.A.\n\nFor and on behalf of: Bluewater Cable Company Limited   By: /s/ C. Person\n", &["Kestrel Telecom", "HARBOUR NET S.A.", "Bluewater Cable Company Limited"], &[]),
            // `the` before a corporate name only.
            ("For and on behalf of the Ridgeway Trust Limited\nFor and on behalf of the Company\nFor and on behalf of the Publishers by:\n", &["Ridgeway Trust Limited"], &["Company", "Publishers"]),
            // Prose, not a signature line.
            ("Payments made for and on behalf of Kestrel in connection with the Services.\nfor and on behalf of such Indemnified Party.\n", &[], &["Kestrel", "Indemnified Party"]),
        ];
        for (sig, want, not) in cases {
            let src = format!(
                "SERVICES AGREEMENT\n\n{body}\n\nIN WITNESS WHEREOF the Parties sign.\n\n{sig}"
            );
            let got = contract_names(&src);
            for w in *want {
                assert!(got.contains(&w.to_string()), "{w} in {got:?} ({sig})");
            }
            for n in *not {
                assert!(!got.iter().any(|g| g.contains(n)), "{n} in {got:?} ({sig})");
            }
        }
    }

    #[test]
    fn an_early_in_witness_starts_the_signatures() {
        // A short joint filing: the signature blocks open in the first half of the text.
        let src = "JOINT FILING AGREEMENT\n\nThe undersigned agree to file jointly.\n\nIN WITNESS WHEREOF, the undersigned sign.\n\nCOPPER HILL FUND I, L.P.\nBy: /s/ A. Person\n\nCOPPER HILL FUND II, L.P.\nBy: /s/ A. Person\n\nCOPPER HILL ADVISORS, LLC\nBy: /s/ A. Person\nName: A. Person\nTitle: Manager\n\nDated: today. Each of the undersigned acknowledges this page. Each of the undersigned acknowledges this page.";
        let got = contract_names(src);
        assert_eq!(
            got,
            [
                "COPPER HILL FUND I, L.P.",
                "COPPER HILL FUND II, L.P.",
                "COPPER HILL ADVISORS, LLC"
            ]
        );
    }

    #[test]
    fn keys_and_truncated_names() {
        let same: &[(&str, &str)] = &[
            ("Acme Holdings L.L.C.", "ACME HOLDINGS, LLC"),
            ("Borealis S.A.", "Borealis SA"),
            ("The Quill Company", "Quill Co."),
        ];
        for (a, b) in same {
            assert_eq!(key(a), key(b), "{a} ~ {b}");
        }
        let different: &[(&str, &str)] = &[
            ("Cedar Fund IV-A, L.P.", "Cedar Fund IV-B, L.P."),
            ("Cedar Fund A", "Cedar Fund B"),
            ("Acme Holdings Inc.", "Acme Inc."),
        ];
        for (a, b) in different {
            assert_ne!(key(a), key(b), "{a} vs {b}");
        }
        let known = vec![Party {
            name: "Willow Western Operations, Inc.".into(),
            aliases: Vec::new(),
            role: None,
            spellings: Vec::new(),
        }];
        let cases: &[(&str, bool)] = &[
            ("Operations, Inc.", true),
            ("WILLOW WESTERN", true),
            // Its parent or sister company.
            ("Western Operations, Inc.", false),
            // Another company of the same family, with its own suffix.
            ("Willow Western, LLC", false),
            ("Willow Western Operations, Inc.", false),
            ("Pine Operations, Inc.", false),
            ("Willowby Western", false),
        ];
        for (name, want) in cases {
            assert_eq!(truncated(name, &known), *want, "{name}");
        }
    }

    #[test]
    fn headlines_are_not_names() {
        for (name, want) in [
            (
                "COMPUTER ASSOCIATES TO ACQUIRE UCCEL CORP",
                Some("UCCEL CORP"),
            ),
            ("AVON SAYS IT TO BUY GIORGIO INC", Some("GIORGIO INC")),
            ("COMPLETES SALE OF MPB CORP", Some("MPB CORP")),
            ("BUYS WEST GERMAN COMPANY", None),
            ("TO BUY CORP", None),
            ("BANK OF NEW ENGLAND CORP", Some("BANK OF NEW ENGLAND CORP")),
            // `CONTROL` is a word of names too.
            (
                "BUYS CONTROL RESOURCE INDUSTRIES INC",
                Some("CONTROL RESOURCE INDUSTRIES INC"),
            ),
            ("Computer Associates Inc", Some("Computer Associates Inc")),
            ("Bank of Tokyo Ltd", Some("Bank of Tokyo Ltd")),
        ] {
            assert_eq!(headline_tail(name.to_owned()).as_deref(), want, "{name}");
        }
        let text = "BORDEN TO ACQUIRE PRINCE CO\n\n    Borden Inc said it agreed to acquire Prince Co for 180 mln dlrs.\n\n    &lt;SYSTEMS FOR HEALTH CARE INC> said it sold the unit.\n";
        let mut parties = Vec::new();
        news_orgs(text, &mut parties);
        let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
        assert!(!names.iter().any(|n| n.contains("ACQUIRE")), "{names:?}");
        assert!(names.contains(&"SYSTEMS FOR HEALTH CARE INC"), "{names:?}");
    }

    #[test]
    fn news_cues() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("Its apps now run on rival platforms, including Tailwind Cloud Services, at no cost.", &["Tailwind Cloud Services"], &[]),
            ("The lab tried Vantage\u{2019}s Lumen and Orbit\u{2019}s Nova models for translation.", &["Vantage", "Orbit"], &[]),
            ("Harbor, which recently announced a buyback, gained.", &["Harbor"], &[]),
            ("John Smith, who announced his retirement, left. Visitors admired Paris\u{2019}s Louvre Museum.", &[], &["John", "Paris"]),
            ("Exports grew in several countries, including France and Spain.", &[], &["France"]),
            ("Quarterly Results Beat Forecasts\nLitmus Labs Inc. said on Monday it would hire.", &["Litmus Labs Inc."], &["Forecasts Litmus Labs Inc."]),
            ("Litmus and Tailspin Form Venture to Automate Ports\nLitmus Labs Inc. said it would hire.", &["Litmus Labs Inc."], &["Ports"]),
            // Wire copy wraps names; a headline above a name is not part of it.
            ("LITMUS SETS SPLIT\n  Litmus Labs Inc said it would split.", &["Litmus Labs Inc"], &["SPLIT"]),
            ("Adatum said it bought a stake in Burlington\n  Textile Mills Inc and may bid.", &["Burlington Textile Mills Inc"], &["Textile"]),
            // Owners and places before a name.
            ("Britain's Redland Plc and Boston-based Fabrikam Corp gained. Alan Bond's Bond Corp fell.", &["Redland Plc", "Fabrikam Corp", "Bond Corp"], &["Britain", "Boston", "Alan"]),
            ("Moody's Investors Service Inc said it cut the rating.", &["Moody's Investors Service Inc"], &["Investors"]),
            ("Dana Johnson of First Chicago Corp said rates will rise. Richardson Greenshields of Canada Ltd said so too.", &["First Chicago Corp", "Richardson Greenshields of Canada Ltd"], &["Dana", "Canada"]),
            // `X of Y` names; countries are not organizations.
            ("The Bank of England said it provided help. The US says it cannot agree.", &["Bank of England"], &["England", "US"]),
            ("Adatum bought a stake in ERC INTERNATIONAL&lt;ERC> on Monday.", &["ERC INTERNATIONAL"], &["ERC INTERNATIONAL&"]),
            ("Adatum said it sold 2,088,461 Grant Industries Inc shares.", &["Grant Industries Inc"], &["2,088,461"]),
            // A role noun in front of a name; `Unit Corp` is a name.
            ("Adatum said its U.S. Subsidiary Strata Bit Corp and Packer John Morrell and Co agreed. Shares of Unit Corp rose.", &["Strata Bit Corp", "John Morrell and Co", "Unit Corp"], &["Subsidiary Strata Bit Corp", "Packer John Morrell and Co"]),
            ("Amatil, in which B.A.T. Industries Plc holds a stake, gained. The U.S. firm Amoco Corp said so.", &["B.A.T. Industries Plc", "Amoco Corp"], &["Industries Plc", "U.S."]),
            ("MONOBLOC SOLD\n  &lt;CCL Industries Inc> said it bought Bond Corp Holdings Ltd units.", &["CCL Industries Inc", "Bond Corp Holdings Ltd"], &["Industries", "Holdings", "&"]),
        ];
        for (src, want, not) in cases {
            let got: Vec<String> = parties("n.txt", src).into_iter().map(|p| p.0).collect();
            for w in *want {
                assert!(got.contains(&w.to_string()), "{w} in {got:?} ({src})");
            }
            for n in *not {
                assert!(
                    !got.iter().any(|g| g.starts_with(n)),
                    "{n} in {got:?} ({src})"
                );
            }
        }
    }

    #[test]
    fn labelled_parties_and_names() {
        let src = format!("COOPERATION AGREEMENT\n\nParty A: Redwood Valley Energy Co., Ltd. Legal Representative: Li Wei\n\nParty B: Stone Creek Gas Supply Co., Ltd.\n{BODY}");
        let got = parties("c.txt", &src);
        let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "Redwood Valley Energy Co., Ltd.",
                "Stone Creek Gas Supply Co., Ltd."
            ]
        );
        assert_eq!(got[1].1, ["Party B"]);
        // Labels run into one line of prose.
        let src = format!("This Agreement is made by the following parties in Beijing. Party A: Redwood Valley Energy Co., Ltd. Legal Representative: Li Wei Party B: Stone Creek Gas Supply Co., Ltd Legal Representative: Wang Fang Party A and Party B are each a \"Party\".\n{BODY}");
        let got = parties("c.txt", &src);
        let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "Redwood Valley Energy Co., Ltd.",
                "Stone Creek Gas Supply Co., Ltd"
            ]
        );
        // A title page names the parties, the labels give their roles.
        let src = format!("Cooperation Agreement Between Redwood Valley Energy Co., Ltd. And Stone Creek Gas Supply Co., Ltd.\n\nParty A: Redwood Valley Energy Co., Ltd.  Address: 1 River Road\nParty B: Stone Creek Gas Supply Co., Ltd.  Address: 2 Hill Road\n{BODY}");
        let got = parties("c.txt", &src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, ["Party A"], "{got:?}");
        assert_eq!(got[1].1, ["Party B"], "{got:?}");
        let cases: &[(&str, Option<&str>)] = &[
            (
                "AGAPE TRADING LIMITED Unit 05",
                Some("AGAPE TRADING LIMITED"),
            ),
            ("2205925 Ontario Limited", Some("2205925 Ontario Limited")),
            ("bluefin.com", Some("bluefin.com")),
            (
                "Smith Holdings Limited Partnership",
                Some("Smith Holdings Limited Partnership"),
            ),
            ("January 11", None),
            ("Employee Stock Ownership Plan of", None),
            ("Distributor", None),
            ("100 Main Street", None),
            ("Schedule A", None),
            ("the Corporation", None),
            (
                "Customer Name:    HARBOR TOOLS, INC.",
                Some("HARBOR TOOLS, INC."),
            ),
            (
                "AGREED TO AND ACCEPTED:   Harbor Tools, Inc.",
                Some("Harbor Tools, Inc."),
            ),
            ("Acme Inc. Address: 1 Main Street", Some("Acme Inc.")),
            ("Hereafter", None),
        ];
        for (piece, want) in cases {
            assert_eq!(clean_name(piece).as_deref(), *want, "{piece}");
        }
    }

    #[test]
    fn signature_titles_are_not_names() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Managing Member\nWhite Hat Capital Partners LP",
                Some("White Hat Capital Partners LP"),
            ),
            (
                "INTERNATIONAL FAST FOOD\nCORPORATION",
                Some("INTERNATIONAL FAST FOOD CORPORATION"),
            ),
            (
                "Board Member COHERUS LABS, INC.",
                Some("COHERUS LABS, INC."),
            ),
            (
                "agreed on 2013 Fitness Publications, Inc.",
                Some("Fitness Publications, Inc."),
            ),
            ("Acme Corporation Beta Foods, LLC", Some("Beta Foods, LLC")),
            ("HARBOR LUX S.\u{e0} r.l.", Some("HARBOR LUX S.\u{e0} r.l.")),
            ("CEDAR LUX S.\u{c0} R.L", Some("CEDAR LUX S.\u{c0} R.L")),
            (
                "Kenanga Trading Sdn. Bhd.",
                Some("Kenanga Trading Sdn. Bhd."),
            ),
            ("a Nevada Corporation", None),
            ("By: GP, LLC", None),
            (
                "Harbor Online (BVI) Limited",
                Some("Harbor Online (BVI) Limited"),
            ),
            (
                "PINE FUND (CAYMAN) MANAGEMENT L.P.",
                Some("PINE FUND (CAYMAN) MANAGEMENT L.P."),
            ),
            ("signed by eFinch.com, Inc.", Some("eFinch.com, Inc.")),
            ("Acme (the company) Limited", None),
            ("owned by (Holdings) Ltd", None),
        ];
        for (s, want) in cases {
            let m = SUFFIX.find_iter(s).last().unwrap();
            assert_eq!(
                org_before(s, m.start(), m.end(), false).as_deref(),
                *want,
                "{s}"
            );
        }
        // In news a line break ends a name: the line above is a headline.
        let s = "Quarterly Results Beat Forecasts\nLitmus Labs Inc.";
        let m = SUFFIX.find_iter(s).last().unwrap();
        assert_eq!(
            org_before(s, m.start(), m.end(), true).as_deref(),
            Some("Litmus Labs Inc.")
        );
    }
}
