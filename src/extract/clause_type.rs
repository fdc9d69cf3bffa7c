//! Clause types: label contract clauses with a CUAD-like taxonomy (multi-label).
//!
//! Each label is a fact of kind `clause` whose span is the cue that triggered it, so a user
//! can see why: either a cue phrase in a sentence (`governed by the laws of the State of
//! New York`) or the clause heading (`Limitation of Liability`). At most one fact per
//! (clause, type): the first cue.
//!
//! How: every sentence of a contract goes through one automaton of cheap trigger words;
//! only the rules whose trigger fired run their full pattern on that sentence. Some rules
//! also need a second pattern in the same sentence (`notice` + `renew`), refuse a
//! negated cue (`no third party beneficiaries`, `non-exclusive`), refuse a cue after given
//! words (`in any manner that disparages` is a rule on using marks), or need a bar before
//! the cue (`shall not ... solicit`).
//!
//! Types: exclusivity, revenue_share, license_grant, non_transferable_license,
//! irrevocable_or_perpetual_license, ip_ownership, term, renewal_term,
//! termination_for_convenience, termination, notice_period, governing_law, non_compete,
//! non_solicit, non_disparagement, anti_assignment, change_of_control, cap_on_liability,
//! uncapped_liability, liquidated_damages, warranty_duration, insurance, audit_rights,
//! most_favored_nation, minimum_commitment, rofr_rofo_rofn, confidentiality,
//! indemnification, payment_terms, third_party_beneficiary.
//!
//! Known limits: cues are read per sentence, so a clause whose meaning is spread over
//! several sentences (a cap stated as "the amount in Section 8.1") may be missed; news is
//! not labelled.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock};

use regex::{Regex, RegexSet};
use regex_automata::meta::Regex as Re;
use regex_automata::Input;

use crate::extract::{Context, Extractor};
use crate::model::{DocKind, Document, Fact, FactKind, Span, Value};

/// Every clause type, in a stable order.
pub const CLAUSE_TYPES: &[&str] = &[
    "exclusivity",
    "revenue_share",
    "license_grant",
    "non_transferable_license",
    "irrevocable_or_perpetual_license",
    "ip_ownership",
    "term",
    "renewal_term",
    "termination_for_convenience",
    "termination",
    "notice_period",
    "governing_law",
    "non_compete",
    "non_solicit",
    "non_disparagement",
    "anti_assignment",
    "change_of_control",
    "cap_on_liability",
    "uncapped_liability",
    "liquidated_damages",
    "warranty_duration",
    "insurance",
    "audit_rights",
    "most_favored_nation",
    "minimum_commitment",
    "rofr_rofo_rofn",
    "confidentiality",
    "indemnification",
    "payment_terms",
    "third_party_beneficiary",
];

/// A cue: alternatives, each a sequence of parts. Every part after the first must start
/// within [`GAP`] bytes of the end of the one before, with no `.` or `;` in between (same
/// sentence part). The gaps are checked in code, not in the regex: a bounded gap such as
/// `[^.;]{0,60}` multiplies the lazy DFA's states, which then get rebuilt on every new
/// sentence.
type Cue = &'static [&'static [&'static str]];

/// A sentence rule: when `trigger` fires, `cue` must match; `also` must match the same
/// sentence; with `negatable`, a `no`/`not`/`nothing` before the cue refuses it.
struct Rule {
    ty: &'static str,
    /// Words one of which the sentence must hold (ASCII, any case) before the cue is tried.
    trigger: &'static [&'static str],
    cue: Cue,
    also: Option<&'static str>,
    negatable: bool,
    /// Refuse when the sentence matches this (`breach` for termination for convenience)...
    unless: Option<&'static str>,
    /// ...except when it also matches this (`except` in a beneficiary disclaimer).
    unless_but: Option<&'static str>,
    /// Refuse when this matches the words just before the cue (`in any manner that`
    /// before `disparages`), like a negation.
    refuse_before: Option<&'static str>,
    /// Refuse when this matches right after the cue (`-free` after `royalty`); anchored.
    refuse_after: Option<&'static str>,
    /// Refuse when this matches the cue itself (`wages, bonuses and commissions`).
    refuse_in: Option<&'static str>,
    /// Refuse unless this matches the cue or the [`NEED_BEFORE`] bytes before it.
    need_before: Option<&'static str>,
    /// Longest gap (bytes) between two parts of the cue.
    gap: usize,
}

const fn rule(ty: &'static str, trigger: &'static [&'static str], cue: Cue) -> Rule {
    Rule {
        ty,
        trigger,
        cue,
        also: None,
        negatable: false,
        unless: None,
        unless_but: None,
        refuse_before: None,
        refuse_after: None,
        refuse_in: None,
        need_before: None,
        gap: GAP,
    }
}

const fn rule_also(
    ty: &'static str,
    trigger: &'static [&'static str],
    cue: Cue,
    also: &'static str,
) -> Rule {
    Rule {
        ty,
        trigger,
        cue,
        also: Some(also),
        negatable: false,
        unless: None,
        unless_but: None,
        refuse_before: None,
        refuse_after: None,
        refuse_in: None,
        need_before: None,
        gap: GAP,
    }
}

const fn rule_neg(ty: &'static str, trigger: &'static [&'static str], cue: Cue) -> Rule {
    Rule {
        ty,
        trigger,
        cue,
        also: None,
        negatable: true,
        unless: None,
        unless_but: None,
        refuse_before: None,
        refuse_after: None,
        refuse_in: None,
        need_before: None,
        gap: GAP,
    }
}

/// Longest gap (bytes) between two parts of a cue, unless a rule says otherwise.
const GAP: usize = 60;

/// A jurisdiction after `laws of`: `the State of New York`, `England and Wales`; after a
/// country, the state that follows (`the United States and the State of Texas`).
macro_rules! juris {
    () => {
        concat!(
            r"(?:the\s+)?(?:(?:State|Commonwealth|Province|Republic|Kingdom|People'?s\s+Republic|Federal\s+Republic)\s+of\s+)?",
            r"(?-i:[A-Z][A-Za-z.\-]*(?:\s+(?:[A-Z][A-Za-z.\-]*|and\s+Wales|of\s+[A-Z][A-Za-z]*)){0,3})",
            r"(?:,?\s+(?:and|including)\b[^.;]{0,100}?\b(?:State|Commonwealth)\s+of\s+(?-i:[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?))?"
        )
    };
}
/// A right to end a contract that needs no reason.
macro_rules! tfc_strong {
    () => {
        r"without\s+cause|for\s+(?:(?:its|their|his|her|our)\s+(?:own\s+)?)?convenience|for\s+any\s+(?:reason\s+)?or\s+(?:for\s+)?no\s+reason|for\s+no\s+reason|with\s+or\s+without\s+(?:cause|reason)|for\s+any\s+reason"
    };
}
/// What makes a right to terminate one for cause or by agreement.
macro_rules! tfc_condition {
    () => {
        r"breach|default|fail|insolv|bankrupt|violat|cause|force\s+majeure|receivership|liquidat|change\s+(?:of|in)\s+control|\bif\b|in\s+the\s+event|\bshould\b|occurrence|contingenc|expiration|merger|wind|mutual|by\s+(?:written\s+)?agreement|consent\s+of\s+(?:both|the\s+parties)"
    };
}
/// A notice period: `upon thirty (30) days' prior written notice`.
macro_rules! tfc_notice {
    () => {
        r"\b(?:upon|by\s+giving|with|on|after|by\s+providing|following|by|giving|providing|by\s+delivering)\s+(?:at\s+least\s+|not\s+less\s+than\s+)?(?:[\w\[\]*]+\s+){0,4}(?:\(\d+\)\s+)?(?:\[[^\]]{0,20}\]\s*)?(?:days|months|weeks|calendar\s+days)(?:'|’)?\s*(?:prior\s+|advance\s+)?(?:written\s+)?(?:notice|notification)"
    };
}
/// What makes a period in a sentence about warranties something else than how long a
/// warranty lasts.
macro_rules! warranty_not {
    () => {
        r"(?i)exercis(?:able|ed\b)|exercise\s+price|representations\s+and\s+warranties|(?:approve|accept)\s+or\s+reject|representation,\s+warranty|during\s+the\s+term\b[^.;]{0,80}\bfor\s+a\s+period"
    };
}
// Patterns whose words are rare enough for a literal prefilter to pay (see
// [`ascii_regex`]); the rules name them.
const PREFILTERED: &[&str] = &[LIABILITY, WARRANT, GRANT, MERGER];
const LIABILITY: &str = r"(?i)liab|damages";
const WARRANT: &str = r"(?i)warrant";
const GRANT: &str = r"\b(?:(?:hereby\s+)?grants?|granted|grant\s+to)\b";
const MERGER: &str = r"\b(?:merger|consolidation|reorgani[sz]ation)";

/// Room left after the last allowed start of a part for the part itself.
const MAX_PART: usize = 200;

// Every part is compiled as `(?-u)(?i)` + part.
static RULES: &[Rule] = &[
    // Governing law. The cue runs to the jurisdiction so it can be read off the fact. The
    // verb may stand far from the law (`shall be governed by, and any dispute ... determined
    // in accordance with, the laws of ...`), hence the wide gap.
    Rule {
        gap: 200,
        ..rule(
            "governing_law",
            &["law", "legislation"],
            &[
                &[
                    r"\b(?:govern(?:ed|s)?|constru(?:ed|e)|interpret(?:ed|ation)?|enforced|subject|controlled|determined)\b",
                    // `by the laws of`, not `the patent laws of` nor `incorporated under`.
                    concat!(
                        r"\b(?:by|with|under|to|of|in)\b,?\s+(?:the\s+)?(?:(?:internal|substantive|domestic)\s+){0,2}",
                        // `the laws and decisions of`, `the laws, other than choice of law
                        // rules, of`.
                        r"(?:laws?|legislation)(?:\s+and\s+(?:judicial\s+)?decisions|\s*,\s*(?:other\s+than|excluding|without\s+regard\s+to)\s+[^,.;]{1,60},)?",
                        r"\s+(?:of|in(?:\s+force\s+in)?)\s+",
                        juris!()
                    ),
                ],
                // `The laws of the State of Florida shall govern this Agreement`.
                &[
                    concat!(r"\b(?:laws?|legislation)\s+of\s+", juris!()),
                    r"\bgovern(?:s|ed)?\b",
                ],
                // `governed by English law`, `in accordance with Ohio law`.
                &[
                    r"\b(?:governed|construed|interpreted|enforced)\s+(?:by|under|in\s+accordance\s+with)\s+(?:the\s+)?(?-i:[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?)\s+law\b",
                ],
            ],
        )
    },
    rule(
        "governing_law",
        &["law"],
        &[&[r"(?:(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+law\s+(?:shall|will|is\s+to)\s+govern)"]],
    ),
    // Exclusivity. Not `exclusively by`: `owned exclusively by`, `governed exclusively by`,
    // `borne exclusively by` name who owns or pays, not a restriction on dealing.
    rule_neg(
        "exclusivity",
        &["exclusiv"],
        &[&[
            r"\b(?:exclusive\s+(?:right|license|licen[cs]e|distribut\w*|supplier|agent|provider|basis|dealer|reseller|partner|marketing|territory|manufactur\w*|sales|representative|sponsor|endorse\w*|supply|purchaser|customer|relationship)|exclusively\s+(?:from|to|with|through|for|use|purchase|play)|sole\s+and\s+exclusive\s+(?:right|license|distribut\w*|supplier|provider|agent))",
        ]],
    ),
    rule(
        "exclusivity",
        &["other", "third"],
        &[&[
            r"\b(?:shall|will|may)\s+not\b",
            r"\b(?:purchase|obtain|buy|source|procure|appoint|sell|distribute|market)\b",
            r"\b(?:from|to|with)\s+any\s+(?:other|third)\s+(?:part|person|supplier|manufacturer|distributor|source)",
        ]],
    ),
    // Revenue / profit sharing.
    rule(
        "revenue_share",
        &[
            "revenue",
            "profit",
            "royalt",
            "proceeds",
            "sales",
            "receipts",
            "commission",
        ],
        &[&[
            r"\b(?:(?:revenue|profit)s?[\s\-]+shar\w*|shar\w*\s+(?:of\s+)?(?:the\s+)?(?:net\s+|gross\s+)?(?:revenue|profit|proceeds)s?|royalt(?:y|ies)\s+(?:of|equal|at|payment|rate|fee)|(?:per\s*cent|percent|%)\)?(?:\s*\(\s*[\d.,]+\s*(?:%|per\s*cent|percent)\s*\))?\s+(?:\w+\s+){0,2}of\s+(?:the\s+|all\s+|its\s+|such\s+)?(?:\w+\s+){0,2}(?:net|gross|revenue|sales|profit|proceeds|receipts|income|collections|fees)|commissions?\s+(?:of|equal\s+to)\s+(?:\w+\s+){0,4}(?:per\s*cent|percent|%))",
        ]],
    ),
    // Licenses.
    rule(
        "license_grant",
        &["licenc", "licens"],
        &[
            &[
                GRANT,
                r"\b(?:licen[cs]e|sub-?licen[cs]e|right\s+to\s+use)\b",
            ],
            &[r"\b(?:is|are)\s+(?:hereby\s+)?licensed\b"],
        ],
    ),
    rule(
        "non_transferable_license",
        &["transfer", "assignab", "sublicens", "sub-licens"],
        &[&[
            r"\b(?:non-?\s?transferable|non-?\s?assignable|non-?\s?sub-?licens(?:e|able)|not\s+(?:be\s+)?(?:transferable|assignable|sub-?licensable))\b",
        ]],
    ),
    rule_also(
        "irrevocable_or_perpetual_license",
        &["irrevocabl", "perpetu"],
        &[&[r"\b(?:irrevocabl[ey]|perpetual(?:ly)?)\b"]],
        r"(?i)licen[cs]",
    ),
    // Term and renewal.
    rule(
        "term",
        &["term", "commence", "continue", "remain"],
        &[&[
            r"\b(?:(?:initial\s+)?term\s+of\s+this\s+(?:agreement|contract)|this\s+(?:agreement|contract)\s+shall\s+(?:commence|continue|remain\s+in\s+(?:full\s+)?(?:force|effect))|(?:initial\s+)?term\s+(?:shall|will)\s+(?:commence|begin|be|continue|expire|end))",
        ]],
    ),
    rule(
        "renewal_term",
        &["renew", "extend", "extension", "successive"],
        &[&[
            r"\b(?:automatic(?:ally)?\s+(?:be\s+)?(?:renew\w*|extend\w*)|renew(?:ed|able)?\s+(?:automatically|for\s+(?:an?\s+)?(?:additional|successive|further|subsequent))|renewal\s+(?:term|period)s?|successive\s+(?:\w+[\s\-]+)?(?:\(\d+\)[\s\-]+)?(?:year|month|day|term|period|renewal)|extended\s+for\s+(?:an?\s+)?(?:additional|successive|further))",
        ]],
    ),
    // Termination.
    rule(
        "termination",
        &["terminat"],
        &[&[
            r"\b(?:may|shall\s+have\s+the\s+right\s+to|right\s+to)\s+terminate\b|\btermination\s+(?:for\s+cause|upon|of\s+this\s+agreement)",
        ]],
    ),
    // Restrictive covenants.
    rule(
        "non_compete",
        &["compet"],
        &[
            &[r"\b(?:non-?\s?compet\w*|not\s+to\s+compete)"],
            &[
                r"\b(?:shall|will|may)\s+not",
                r"\b(?:compete|competitive|competing)\b",
            ],
            &[
                r"\b(?:engage|participate|invest)\w*\s+in",
                r"\b(?:competitive|competing|compete)\b",
            ],
        ],
    ),
    // The bar comes before the act (`shall not ... solicit`): `Distributor may solicit
    // customers outside the Territory, but shall not ...` permits.
    Rule {
        need_before: Some(
            r"(?i)\b(?:not|neither|nor|no|refrain|never|prohibited|restricted)\b|non-?\s?solicit",
        ),
        ..rule_also(
            "non_solicit",
            &["solicit"],
            &[
                &[r"\bnon-?\s?solicit\w*"],
                &[
                    r"\bsolicit\w*",
                    r"\b(?:employ\w*|personnel|staff|customers?|clients?|consultants?|contractors?|agents?)",
                ],
            ],
            r"(?i)\b(?:not|neither|nor|no|refrain)\b|non-?\s?solicit",
        )
    },
    // Not `use the Marks in any manner that disparages` (how a licensed mark may be used),
    // `product disparagement` (a tort named in a warranty) nor `derogatory treatment` of a
    // work (moral rights).
    Rule {
        refuse_before: Some(r"(?i)\bmanner\s+(?:that|which)\b|\bproduct\s+$"),
        ..rule(
            "non_disparagement",
            &["disparag", "derogator"],
            &[&[
                r"\b(?:disparag\w*|derogatory\s+(?:statements?|remarks?|comments?|or|to|of|about|towards?)\b)",
            ]],
        )
    },
    rule(
        "anti_assignment",
        &["assign", "transfer"],
        &[
            &[
                r"\b(?:(?:shall|will|may)\s+not\s+(?:\w+\s+){0,3}(?:assign|transfer|delegate)\w*|(?:neither|no)\s+party\s+(?:shall|will|may)\s+(?:\w+\s+){0,3}(?:assign|transfer)\w*|not\s+(?:be\s+)?assignable)",
            ],
            &[
                r"\b(?:assign|transfer)\w*",
                r"\bwithout\s+(?:the\s+)?(?:prior\s+)?(?:express\s+)?(?:written\s+)?(?:consent|approval)",
            ],
        ],
    ),
    rule(
        "change_of_control",
        &["control", "merger", "acqui", "substantially"],
        &[
            &[
                r"\b(?:change\s+(?:of|in)\s+(?:the\s+)?control|sale\s+of\s+(?:all\s+or\s+)?substantially\s+all\s+(?:of\s+)?(?:its|the|their)\s+assets|acqui\w+\s+(?:of\s+)?(?:more\s+than\s+)?(?:fifty|50)\s*(?:percent|%))",
            ],
            &[MERGER, r"\b(?:assign|terminat|consent|control)\w*"],
        ],
    ),
    // Liability.
    rule(
        "cap_on_liability",
        &["liab", "damages"],
        &[
            &[
                r"\b(?:aggregate|total|maximum|cumulative|entire)\s+(?:\w+\s+){0,3}liability",
                r"\b(?:exceed|limited\s+to|not\s+be\s+more\s+than)",
            ],
            &[
                r"\bliab\w*",
                r"\b(?:shall|will|may)\s+(?:not|in\s+no\s+event)\s+exceed",
            ],
            &[
                r"\bin\s+no\s+event\s+(?:shall|will)",
                r"\bliab\w*",
                r"\b(?:exceed|for\s+any\s+(?:indirect|special|incidental|consequential|punitive))",
            ],
            &[
                r"\b(?:not|no\s+event)\s+be\s+liable\s+(?:to\s+\w+\s+)?for\s+(?:any\s+)?(?:indirect|special|incidental|consequential|punitive|exemplary|lost\s+profits)",
            ],
        ],
    ),
    rule_also(
        "uncapped_liability",
        &["apply", "except", "exclud"],
        &[
            &[
                r"\b(?:limitations?|exclusions?|caps?|limits?)\b",
                r"\b(?:shall|will|does|do)\s+not\s+apply",
            ],
            &[
                r"\bexcept\s+(?:for|with\s+respect\s+to|in\s+the\s+case\s+of)",
                r"\b(?:gross\s+negligence|willful|wilful|indemnif\w*|breach\s+of\s+(?:section|confidential|its\s+confidential))",
            ],
            &[
                r"\b(?:excluding|other\s+than)",
                r"\b(?:gross\s+negligence|willful|wilful|indemnification\s+obligations)",
            ],
        ],
        LIABILITY,
    ),
    // `EXCEPT FOR LIABILITY ARISING FROM SECTION 9.3 [...], IN NO EVENT SHALL EITHER PARTY
    // BE LIABLE ...`: the carve-out before a cap or exclusion may be long.
    Rule {
        gap: 250,
        also: Some(LIABILITY),
        ..rule(
            "uncapped_liability",
            &["except", "limit", "exclud"],
            &[
                &[
                    r"\bexcept(?:ing)?\b",
                    r"\b(?:in\s+no\s+event|under\s+no\s+circumstances|neither\s+party|no\s+party|(?:shall|will)\s+not\s+be\s+liable|aggregate\s+liability)",
                ],
                &[
                    r"\b(?:(?:shall|will)\s+not\s+(?:operate\s+to\s+)?(?:limit|restrict|exclude)\s+(?:or\s+(?:limit|restrict|exclude)\s+)?(?:the\s+|any\s+|a\s+party's\s+)?(?:liability|indemnification|obligations?)|(?:neither|no)\s+party\s+(?:excludes|limits)|without\s+limit\b)",
                ],
            ],
        )
    },
    rule(
        "liquidated_damages",
        &["liquidated", "penalt", "fee"],
        &[&[
            r"\b(?:liquidated\s+damages|as\s+a\s+penalty|early\s+termination\s+(?:fee|charge|payment)|termination\s+fee|break-?up\s+fee)\b",
        ]],
    ),
    rule_also(
        "warranty_duration",
        &["warrant"],
        &[&[r"\bwarranty\s+period"]],
        WARRANT,
    ),
    // A period in a sentence that warrants, but not the exercise period of stock warrants,
    // how long representations and warranties survive, a tail after the term (`during
    // the Term and for a period of one year thereafter`), nor a review window (`approve
    // or reject ... within ten days of receipt`, a cure period after a breach of `any
    // representation, warranty or covenant`).
    Rule {
        unless: Some(warranty_not!()),
        ..rule_also(
            "warranty_duration",
            &["warrant"],
            &[&[
                r"\b(?:for\s+a\s+period\s+of\s+(?:\w+\s+){0,2}(?:\(\d+\)\s+)?(?:days?|months?|years?)\b|for\s+a\s+period\s+of\s+\[[^\]]{0,40}\]\s*(?:from|after|following)|(?:days|months|years)\s+(?:from|after|following)\s+(?:the\s+)?(?:date\s+of\s+)?(?:delivery|shipment|installation|acceptance|purchase|sale|manufacture))",
            ]],
            WARRANT,
        )
    },
    rule(
        "insurance",
        &["insur"],
        &[
            &[
                r"\b(?:maintain|carry|obtain|procure|purchase|keep)\w*",
                r"\binsurance",
            ],
            &[
                r"\b(?:insurance\s+(?:policy|policies|coverage|certificate)|additional\s+insureds?|(?:general|product|professional)\s+liability\s+insurance)",
            ],
        ],
    ),
    rule(
        "audit_rights",
        &["audit", "inspect", "examin"],
        &[
            &[
                r"\b(?:(?:right|entitled|permitted)\s+to\s+(?:\w+\s+){0,2}(?:audit|inspect|examine)|(?:conduct|perform|have)\s+an?\s+(?:\w+\s+)?audit)",
            ],
            &[
                r"\b(?:audit|inspect|examine)\w*",
                r"\b(?:books|records|accounts|facilities|premises)",
            ],
            &[
                r"\b(?:books|records|accounts)",
                r"\b(?:audit\w*|inspect\w*|examin\w*)",
            ],
        ],
    ),
    // `the most favorable rate of withholding tax` is a tax treaty, not a price promise.
    Rule {
        unless: Some(r"(?i)withholding"),
        ..rule(
            "most_favored_nation",
            &["favor", "favour", "lowest"],
            &[
                &[
                    r"\b(?:most\s+favou?red|most\s+favou?rable\s+(?:terms|treatment|prices?|pricing|rates?)|lowest\s+(?:price|prices|net\s+price|rate))",
                ],
                &[
                    r"\b(?:more|better)\s+favou?rable\s+(?:prices?|terms|pricing|rates)",
                    r"\b(?:other|third)",
                ],
            ],
        )
    },
    // `will not be charged a higher fee than ... its other clients`, `shall not exceed the
    // fees charged by Licensor to unaffiliated third parties`.
    Rule {
        gap: 150,
        ..rule(
            "most_favored_nation",
            &["higher", "greater", "exceed"],
            &[
                &[
                    r"\b(?:charged?|pay|paid|billed|invoiced)\s+(?:a\s+)?(?:higher|greater)\s+(?:fees?|prices?|rates?|amounts?|royalt(?:y|ies))\s+than\b",
                    r"\b(?:other|third|unaffiliated|any\s+(?:customer|licensee|distributor|purchaser|client|reseller))",
                ],
                &[
                    r"\bnot\s+exceed\s+the\s+(?:\w+\s+)?(?:fees?|prices?|rates?|royalt(?:y|ies))\s+(?:\w+\s+){0,3}?(?:charged|offered|paid|granted|given)",
                    r"\b(?:other|third|unaffiliated|any\s+(?:customer|licensee|distributor|purchaser|client|reseller))",
                ],
            ],
        )
    },
    // `no less favorable than` compared with what others get (`other customers`, `similar
    // products`), not with the terms of this Agreement; the comparison may come late.
    Rule {
        gap: 150,
        ..rule(
            "most_favored_nation",
            &["favor", "favour"],
            &[&[
                r"\b(?:(?:no|not)\s+(?:be\s+)?less|at\s+least\s+as)\s+favou?rabl[ey]",
                r"\b(?:than|as)\b",
                r"\b(?:other|others|third|another|similar(?:ly)?|equivalent(?:ly)?|comparabl[ey]|any\s+(?:customer|licensee|distributor|purchaser|client|reseller|person|entity))\b",
            ]],
        )
    },
    rule(
        "minimum_commitment",
        &["minimum", "least", "less"],
        &[&[
            r"\b(?:minimum\s+(?:annual\s+|monthly\s+|quarterly\s+)?(?:purchase|order|quantit|volume|commitment|amount|royalt|payment|fee|sales|revenue|guarantee|requirement|number)\w*|(?:purchase|order|buy|sell)\s+(?:at\s+least|not\s+less\s+than|a\s+minimum\s+of))",
        ]],
    ),
    rule(
        "rofr_rofo_rofn",
        &["first", "match", "opportunity"],
        &[&[
            r"\b(?:right\s+of\s+first\s+(?:refusal|offer|negotiation)|first\s+right\b|right\s+to\s+match|first\s+(?:opportunity|option)\s+to\s+(?:purchase|acquire|negotiate|offer|bid)|shall\s+first\s+offer|(?:afford\w*|given|have|offer\w*)\s+(?:\w+\s+){0,2}(?:the\s+)?opportunity\s+to\s+(?:purchase|acquire|match|negotiate|bid|retrieve|take\s+over))",
        ]],
    ),
    // A party giving up a patent or an asset lets the other take it over first.
    Rule {
        gap: 150,
        ..rule(
            "rofr_rofo_rofn",
            &[
                "abandon",
                "lapse",
                "not to file",
                "not to prosecute",
                "not to maintain",
            ],
            &[&[
                r"\b(?:abandon\w*|lapse|not\s+to\s+(?:file|prosecute|maintain))",
                r"\b(?:right|option|opportunity)\s+to\s+(?:assume|continue|take\s+over|file|prosecute|maintain)",
            ]],
        )
    },
    // Other common clauses.
    rule(
        "confidentiality",
        &["confiden"],
        &[
            &[
                r"\b(?:confidential\s+information|confidential(?:ity)?\s+(?:obligations?|agreement))",
            ],
            &[
                r"\b(?:hold|keep|maintain|treat)\w*",
                r"\b(?:in\s+)?(?:strict\s+)?confidence",
            ],
        ],
    ),
    rule(
        "indemnification",
        &["indemn", "harmless"],
        &[&[r"\b(?:indemnif\w+|hold\s+(?:\w+\s+){0,3}harmless)"]],
    ),
    rule(
        "payment_terms",
        &["pay", "invoice"],
        &[
            &[
                r"\b(?:payment|invoice|fee|amount)s?\b",
                r"\b(?:due|payable|paid)\b",
                r"\b(?:within|net)\s+(?:\w+\s+)?(?:\(\d+\)\s+)?days",
            ],
            &[
                r"\b(?:net\s+\d{1,3}\s+days|(?:shall|will)\s+pay\s+(?:to\s+\w+\s+)?(?:the|an?|all|any)\b)",
            ],
        ],
    ),
    // A beneficiary named, or a "no third party beneficiaries" clause with a carve-out.
    Rule {
        ty: "third_party_beneficiary",
        trigger: &["beneficiar"],
        cue: &[&[r"\b(?:third[\s\-]+party\s+beneficiar\w*|intended\s+beneficiar\w*)"]],
        also: None,
        negatable: false,
        unless: Some(r"(?i)\b(?:no|not|nothing|neither|nor|none)\b"),
        // `No person other than a Party ...`, `except the Parties hereto` carve nobody out.
        unless_but: Some(
            r"(?i)\b(?:except|other\s+than|exception|provided\s+that|save\s+for)\b(?P<own>\s+(?:for\s+)?(?:the\s+|a\s+|each\s+|either\s+)?part(?:y|ies)\b)?",
        ),
        refuse_before: None,
        refuse_after: None,
        refuse_in: None,
        need_before: None,
        gap: GAP,
    },
    // IP ownership: one party's IP becomes the other's (not "remains the property of").
    Rule {
        ty: "ip_ownership",
        trigger: &["assign", "property", "own", "hire", "vest"],
        cue: &[
            &[
                r"\b(?:hereby\s+)?(?:assigns?|agrees\s+to\s+assign|shall\s+assign|will\s+assign|transfers?\s+and\s+assigns?|conveys?)\b",
                r"\b(?:right,?\s+title,?\s+and\s+interest|intellectual\s+property|copyrights?|patents?|inventions?)",
            ],
            &[
                r"\b(?:(?:shall|will)\s+(?:be|become)\s+(?:and\s+remain\s+)?the\s+(?:sole\s+and\s+exclusive\s+|sole\s+|exclusive\s+)?property\s+of|(?:shall|will)\s+vest\s+in|(?:shall|will)\s+(?:solely\s+|exclusively\s+)?own\s+all|works?\s+made\s+for\s+hire)",
            ],
            // `The intellectual property rights in the Deliverables vest in the Client`.
            &[
                r"\b(?:intellectual\s+property|copyrights?|patents?|inventions?)\b",
                r"\bvests?\s+in\b",
            ],
        ],
        also: Some(
            r"(?i)intellectual\s+property|invent|copyright|patent|work\s+product|deliverable|developments?\b|improvement|works?\s+of\s+authorship|derivative|modification|results|materials|technology|data|content|trademark|know-how",
        ),
        negatable: true,
        unless: None,
        unless_but: None,
        refuse_before: None,
        refuse_after: None,
        refuse_in: None,
        need_before: None,
        gap: GAP,
    },
    // Termination for convenience: a right to end without cause. An unconditional cue
    // (`without cause`, `for its convenience`, `for any reason or no reason`) stands on
    // its own; `Neither party may terminate ... without cause` does not.
    Rule {
        negatable: true,
        ..rule(
            "termination_for_convenience",
            &["terminat", "cancel"],
            &[
                &[
                    r"\b(?:may|can|shall\s+have\s+the\s+right\s+to|right\s+to|entitled\s+to|option\s+to|elect\s+to)\s+(?:be\s+)?(?:terminat\w*|cancel\w*)\b",
                    concat!(r"\b(?:", tfc_strong!(), r")"),
                ],
                &[
                    concat!(r"\b(?:", tfc_strong!(), r")"),
                    r"\b(?:may|right\s+to|entitled\s+to)\s+(?:terminate|cancel)\b",
                ],
                &[r"\bterminat\w*\s+for\s+(?:(?:its|their|his|her|our)\s+(?:own\s+)?)?convenience"],
            ],
        )
    },
    // `may, at any time after the third anniversary, terminate this Agreement with or
    // without cause`; not `if Company terminates the Agreement without cause`.
    Rule {
        negatable: true,
        gap: 80,
        ..rule(
            "termination_for_convenience",
            &["without cause"],
            &[&[
                r"\b(?:may|can|right\s+to|entitled\s+to|option\s+to|elect\s+to)\b",
                r"\b(?:terminat\w*|cancel\w*)\s+(?:this\s+agreement\s+|the\s+agreement\s+)?(?:with\s+or\s+)?without\s+cause",
            ]],
        )
    },
    // A weaker cue (`at any time`, `in its sole discretion`, `without penalty`) only
    // when nothing conditions the right: `may terminate at any time if the other party
    // breaches` is termination for cause, `at any time by mutual written agreement` is no
    // unilateral right.
    Rule {
        unless: Some(concat!(r"(?i)", tfc_condition!())),
        ..rule(
            "termination_for_convenience",
            &["terminat", "cancel"],
            &[
                &[
                    r"\b(?:may|can|shall\s+have\s+the\s+right\s+to|right\s+to|entitled\s+to|option\s+to|elect\s+to),?\s+(?:[\w,]+\s+){0,6}?(?:be\s+)?(?:terminat\w*|cancel\w*)\b",
                    r"\b(?:at\s+any\s+time|in\s+its\s+(?:sole\s+|absolute\s+|sole\s+and\s+absolute\s+|unfettered\s+)?discretion|without\s+(?:any\s+)?(?:reason|liability|penalty))",
                ],
                &[
                    r"\b(?:at\s+any\s+time|in\s+its\s+(?:sole\s+|absolute\s+|sole\s+and\s+absolute\s+|unfettered\s+)?discretion)\b",
                    r"\b(?:may|right\s+to|entitled\s+to)\s+(?:terminate|cancel)\b",
                ],
                &[r"\b(?:terminable|cancell?able)\s+at\s+any\s+time"],
            ],
        )
    },
    // Notice to end or not renew an automatically renewing term.
    rule_also(
        "notice_period",
        &["notice", "notif", "writing"],
        &[
            &[
                r"\b(?:days|months|weeks)\b",
                r"\b(?:notice|notif\w*|in\s+writing)",
            ],
            &[
                r"\b(?:notice|notif\w*|in\s+writing)\b",
                r"\b(?:days|months|weeks)\b",
            ],
            &[
                r"\bnotice\s+of\s+(?:(?:its\s+)?(?:intention|intent|election|desire|decision)\s+(?:not\s+)?to\s+(?:renew|extend|terminate)|non-?\s?renewal)",
            ],
        ],
        r"(?i)renew|extend|extension|automatically\s+continue|non-?renewal",
    ),
    // The notice may stand further from its period (`unless written notice is provided of
    // either party's intent not to renew at least six (6) months before`), the term may
    // run month to month or indefinitely, and the period may be in the next sentence
    // (`notify the other in writing of its intention not to renew`).
    Rule {
        gap: 120,
        ..rule_also(
            "notice_period",
            &[
                "notice", "notif", "writing", "intent", "desire", "election", "decision",
            ],
            &[
                &[
                    r"\b(?:notice|notif\w*|in\s+writing)",
                    r"\b(?:days|months?|weeks|years?)\b",
                ],
                &[
                    r"\b(?:days|months?|weeks|year)\b",
                    r"\b(?:notice|notif\w*|in\s+writing)",
                ],
                &[r"\b(?:intention|intent|desire|election|decision)\s+not\s+to\s+(?:renew|extend)"],
            ],
            r"(?i)renew|extend|extension|automatically\s+continue|month[\s\-]+to[\s\-]+month|indefinitely",
        )
    },
    // More cues found on real contracts.
    // Not `a fully paid-up, royalty-free license`: the opposite of a share; nor a commission
    // listed among other costs (`payment of all wages, bonuses and commissions`, `net of
    // any agency fees or commissions`).
    Rule {
        refuse_after: Some(r"(?i)\s*-?\s*free\b"),
        refuse_in: Some(
            r"(?i)\b(?:wages|bonus\w*|brokerage|agency|gifts?|gratifications?|fees)\b[^.;]{0,30}commissions?$",
        ),
        ..rule(
            "revenue_share",
            &[
                "royalt",
                "commission",
                "profit",
                "percentage",
                "split",
                "divided",
                "distributed",
                "shared",
            ],
            &[
                &[
                    r"\b(?:pay|paid|payable|earn|receive|entitled)\w*",
                    r"\b(?:royalt(?:y|ies)|commissions?)\b",
                ],
                &[
                    r"\b(?:royalt(?:y|ies)\s+(?:on|shall|will|for|based)|profit\s+participation|percentage\s+(?:share|of\s+(?:the\s+)?(?:net|gross|revenue|sales|profit))|(?:split|divided|distributed|shared)\s+(?:equally\s+|fifty[\s\-]+fifty\s+|50/50\s+|pro\s+rata\s+)?between\s+the\s+parties)",
                ],
            ],
        )
    },
    rule(
        "minimum_commitment",
        &["minimum", "least", "less", "fewer"],
        &[
            &[
                r"\bminimum",
                r"\b(?:purchase|order|units|quantit|volume|sales|revenue|royalt|payment|fee|commitment|requirement|quota|level)\w*",
            ],
            &[
                r"\b(?:purchase|order|buy|sell|deliver|provide|make\s+available|set\s+up)\w*\s+(?:\w+\s+){0,3}(?:at\s+least|not\s+less\s+than|a\s+minimum\s+of|no\s+fewer\s+than)",
            ],
        ],
    ),
    rule(
        "cap_on_liability",
        &["liab", "damages", "limited"],
        &[
            &[
                r"\b(?:in\s+no\s+event|neither\s+party|not|never)\b",
                r"\bliable\b",
                r"\b(?:indirect|special|incidental|consequential|punitive|exemplary|lost\s+profits)",
            ],
            &[
                r"\b(?:liability|responsibility|remedy|remedies|obligations?)\b",
                r"\blimited\s+to\b",
            ],
            &[r"\bnot\s+award", r"\b(?:punitive|consequential|exemplary)"],
        ],
    ),
    rule_also(
        "uncapped_liability",
        &["except", "inapplicable", "limit", "apply", "nothing"],
        &[
            &[
                r"\bexcept\b",
                r"\b(?:in\s+no\s+event|neither\s+party|shall\s+not\s+be\s+liable|will\s+not\s+be\s+liable)",
            ],
            &[r"\b(?:inapplicable|without\s+limit\b|not\s+apply\s+to\s+limit)"],
            &[r"\bnothing\b", r"\b(?:limit|exclude)s?\b"],
        ],
        LIABILITY,
    ),
    // The list of restricted acts may be long (`shall not market, sell, advertise or
    // promote ... any product which is competitive`), hence the wider gap; `competent`
    // (a court of competent jurisdiction) is not a competitor.
    Rule {
        gap: 150,
        ..rule(
            "non_compete",
            &["compet", "similar"],
            &[&[
                r"\b(?:shall|will|may|agrees?\s+(?:that\s+it\s+)?)\s*not\b",
                r"\b(?:compet(?:e|es|ing|itive|itor|itors|ition)\b|similar\s+products?|rival)",
            ]],
        )
    },
    // `as favorable as is standard in its industry`, `as favorable ... as would have been
    // obtainable ... at arm's length` measure against the market, not other customers.
    Rule {
        unless: Some(
            r"(?i)arm'?s?[\s\-]+length|\bas\s+is\s+(?:standard|customary|usual)|obtainable",
        ),
        ..rule(
            "most_favored_nation",
            &["favor", "favour", "equal", "lower"],
            &[
                &[
                    r"\b(?:(?:as|equally)\s+favou?rable|favou?rable\s+as|lower\s+prices?\s+(?:than|to))",
                ],
                &[
                    r"\b(?:price|prices|pricing|terms)",
                    r"\b(?:equal\s+to\s+or\s+(?:better|lower|less)|no\s+(?:greater|higher)\s+than)",
                    r"\b(?:other|third|any)",
                ],
            ],
        )
    },
    Rule {
        ty: "termination_for_convenience",
        trigger: &["terminat"],
        cue: &[&[
            r"\b(?:may|can)\s+(?:be\s+)?terminated?\b",
            r"\b(?:upon|by\s+giving|with|on|after|by\s+providing|following|by)\s+(?:at\s+least\s+)?(?:\w+\s+)?(?:\(\d+\)\s+)?(?:\[[^\]]{0,20}\]\s+)?(?:days|months|weeks)?(?:'|’)?\s*(?:prior\s+|advance\s+)?(?:written\s+)?(?:notice|notification)",
        ]],
        also: None,
        negatable: false,
        unless: Some(
            r"(?i)breach|default|fail|insolv|bankrupt|violat|cause|force\s+majeure|receivership|liquidat|change\s+of\s+control",
        ),
        unless_but: None,
        refuse_before: None,
        refuse_after: None,
        refuse_in: None,
        need_before: None,
        gap: GAP,
    },
    // `Divert or attempt to divert any business or customer of the Franchised Business`: a
    // list item whose `shall not` sits in the lead-in sentence.
    rule(
        "non_solicit",
        &["divert"],
        &[&[
            r"\bdivert\s+(?:or\s+attempt\s+to\s+divert\s+)?(?:any\s+)?(?:business\s+or\s+)?(?:any\s+)?(?:customers?|clients?)\b",
        ]],
    ),
    // `Either Party may also terminate this Agreement by giving the other Party thirty (30)
    // days' prior written notice`, `shall continue month to month until terminated by
    // either party upon thirty (30) days' notice`: a notice period and no condition (`if`,
    // `in the event`, a breach) is a right to end at will. Not `unless terminated by either
    // party ... so that it does not renew` (a notice of non-renewal).
    Rule {
        unless: Some(concat!(r"(?i)", tfc_condition!(), r"|renew")),
        gap: 120,
        ..rule(
            "termination_for_convenience",
            &["terminat", "cancel"],
            &[
                &[
                    r"\b(?:may|can|right\s+to|entitled\s+to)\s+(?:\w+\s+){0,3}?(?:be\s+)?(?:terminat\w*|cancel\w*)\b",
                    tfc_notice!(),
                ],
                &[
                    r"\b(?:terminated|terminable|cancell?ed)\s+by\s+(?:either|any|each)\s+(?:party|parties|of\s+the\s+parties)\b",
                    tfc_notice!(),
                ],
            ],
        )
    },
    rule_also(
        "non_solicit",
        &["customer", "client", "merchant"],
        &[&[
            r"\b(?:not|refrain)\b",
            r"\b(?:solicit|contact|call\s+on|approach|interfere|entice|induce|divert|market|sell)\w*",
            r"\b(?:customers?|clients?|merchants?)\b",
        ]],
        r"(?i)\b(?:solicit\w*|contact|call\s+on|approach|entice|divert)\b",
    ),
    Rule {
        unless: Some(warranty_not!()),
        ..rule_also(
            "warranty_duration",
            &["within"],
            &[&[
                r"\bwithin\s+(?:\w+\s+)?(?:\(\d+\)\s+)?(?:\[[^\]]{0,20}\]\s+)?(?:calendar\s+|business\s+)?(?:days|months)\s+(?:of|after|from|following)\s+(?:the\s+)?(?:date\s+of\s+)?(?:physical\s+)?(?:receipt|delivery|arrival|shipment|acceptance)",
            ]],
            r"(?i)defect|non-?\s?conform|reject|shortage|warrant|specification",
        )
    },
];

/// Heading rules: a clause heading that names a type.
static HEADING_RULES: &[(&str, &str)] = &[
    (
        "governing_law",
        r"(?i)\b(?:governing|applicable|choice\s+of)\s+laws?\b",
    ),
    ("exclusivity", r"(?i)^\s*exclusiv\w*"),
    (
        "revenue_share",
        r"(?i)\b(?:royalt|revenue\s+shar|profit\s+shar)\w*",
    ),
    (
        "license_grant",
        r"(?i)\b(?:grant\s+of\s+licen\w*|licen[cs]e\s+grant\w*|licen[cs]es?$)",
    ),
    (
        "ip_ownership",
        // Only headings that name a transfer: a bare `Ownership` or `Intellectual Property`
        // heading usually says each party keeps its own.
        r"(?i)\b(?:ownership\s+of\s+(?:work|inventions?|developments?|deliverables?|improvements?|results|new\s+intellectual)|assignment\s+of\s+(?:intellectual|inventions?|ip\b|work)|works?\s+(?:made\s+)?for\s+hire)",
    ),
    (
        "term",
        r"(?i)^\s*(?:the\s+)?(?:term|duration)(?:\s+of\s+(?:the\s+)?(?:agreement|contract))?\s*$|\bterm\s+and\s+termination\b",
    ),
    ("renewal_term", r"(?i)\brenewal\w*"),
    ("termination", r"(?i)\btermination\b"),
    (
        "non_compete",
        r"(?i)\bnon-?\s?compet\w*|\bcovenant\s+not\s+to\s+compete",
    ),
    ("non_solicit", r"(?i)\bnon-?\s?solicit\w*"),
    ("non_disparagement", r"(?i)\bnon-?\s?disparage\w*"),
    ("anti_assignment", r"(?i)^\s*assignment\b"),
    ("change_of_control", r"(?i)\bchange\s+(?:of|in)\s+control"),
    (
        "cap_on_liability",
        r"(?i)\blimitations?\s+(?:of|on)\s+liabilit\w*|\bliability\s+cap",
    ),
    ("liquidated_damages", r"(?i)\bliquidated\s+damages"),
    ("insurance", r"(?i)\binsurance\b"),
    ("audit_rights", r"(?i)\baudit\w*"),
    ("most_favored_nation", r"(?i)\bmost\s+favou?red"),
    (
        "minimum_commitment",
        r"(?i)\bminimum\s+(?:purchase|order|commitment|royalt|quantit|volume)\w*",
    ),
    ("rofr_rofo_rofn", r"(?i)\bright\s+of\s+first"),
    ("confidentiality", r"(?i)\bconfidential\w*"),
    ("indemnification", r"(?i)\bindemn\w*"),
    (
        "payment_terms",
        r"(?i)^\s*(?:payments?|payment\s+terms|fees(?:\s+and\s+payment)?|invoic\w*)\s*$",
    ),
];

struct Compiled {
    /// Every trigger word of every rule.
    triggers: Triggers,
    /// Per rule, per alternative, the parts: ASCII mode (`(?-u)`) on bytes.
    cues: Vec<Vec<Vec<Arc<Re>>>>,
    also: Vec<Option<Arc<Re>>>,
    unless: Vec<Option<Arc<Re>>>,
    unless_but: Vec<Option<Arc<Re>>>,
    before: Vec<Option<Arc<Re>>>,
    after: Vec<Option<Arc<Re>>>,
    within: Vec<Option<Arc<Re>>>,
    /// Per rule, the dedup bit of its type.
    rule_bit: Vec<u64>,
    need_before: Vec<Option<Arc<Re>>>,
    /// [`HEADING_RULES`] in ASCII mode, for ASCII headings (nearly all): the set says
    /// which match, each pattern alone finds the words.
    headings: regex::bytes::RegexSet,
    heading_res: Vec<regex::bytes::Regex>,
}

/// [`HEADING_RULES`] as written (Unicode `\w`, `\s`, `\b` and case folding), for headings
/// with non-ASCII text; on ASCII text they read as the ASCII-mode patterns do. Compiling
/// them (`\w` alone is hundreds of ranges) cost ~5% of the clause run over CUAD, so the
/// set waits for the first non-ASCII heading and each pattern for the first such heading
/// it matches.
static UNICODE_HEADINGS: LazyLock<(RegexSet, Vec<OnceLock<Regex>>)> = LazyLock::new(|| {
    let set = RegexSet::new(HEADING_RULES.iter().map(|r| r.1)).expect("static regex");
    (set, HEADING_RULES.iter().map(|_| OnceLock::new()).collect())
});

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    // Rules share parts (a notice period, `liab|damages`): compile each pattern once, and
    // share it rather than clone it: a clone gets a lazy DFA cache of its own to fill.
    let mut cache: HashMap<String, Arc<Re>> = HashMap::new();
    let mut rx = |p: String| {
        cache
            .entry(p)
            .or_insert_with_key(|p| {
                let bare = p.strip_prefix("(?i)").unwrap_or(p);
                Arc::new(ascii_regex(
                    p,
                    PREFILTERED.iter().any(|w| [p, bare].contains(w)),
                ))
            })
            .clone()
    };
    let cues = RULES
        .iter()
        .map(|r| {
            r.cue
                .iter()
                .map(|alt| alt.iter().map(|p| rx(format!("(?i){p}"))).collect())
                .collect()
        })
        .collect();
    // One optional pattern per rule, as `pattern` writes it.
    let mut per_rule = |pattern: fn(&Rule) -> Option<String>| -> Vec<Option<Arc<Re>>> {
        RULES.iter().map(|r| pattern(r).map(&mut rx)).collect()
    };
    Compiled {
        triggers: Triggers::new(
            RULES
                .iter()
                .enumerate()
                .flat_map(|(i, r)| r.trigger.iter().map(move |w| (*w, i))),
        ),
        cues,
        also: per_rule(|r| r.also.map(str::to_owned)),
        unless: per_rule(|r| r.unless.map(str::to_owned)),
        unless_but: per_rule(|r| r.unless_but.map(str::to_owned)),
        before: per_rule(|r| r.refuse_before.map(str::to_owned)),
        after: per_rule(|r| r.refuse_after.map(|p| format!("^(?:{p})"))),
        within: per_rule(|r| r.refuse_in.map(str::to_owned)),
        need_before: per_rule(|r| r.need_before.map(str::to_owned)),
        rule_bit: RULES.iter().map(|r| type_bit(r.ty)).collect(),
        headings: regex::bytes::RegexSet::new(
            HEADING_RULES.iter().map(|r| format!("(?-u){}", r.1)),
        )
        .expect("static regex"),
        heading_res: HEADING_RULES
            .iter()
            .map(|r| regex::bytes::Regex::new(&format!("(?-u){}", r.1)).expect("static regex"))
            .collect(),
    }
});

/// The trigger words of all rules as one Aho-Corasick automaton, resolved into a full DFA
/// over byte classes whose every state carries the rules whose trigger ends there: a
/// sentence is read at one table step and one OR per byte, and the result is the set of
/// rules with a trigger anywhere in it (as an overlapping search would report them).
/// `aho_corasick`'s overlapping iterator cost ~2.3x more, most of it returning each match
/// (and a `RegexSet` of the same words, run overlapping, was slower than all the cues).
struct Triggers {
    /// Byte -> class; ASCII letters fold to one class (triggers match in any case);
    /// class 0 is every byte no trigger holds.
    class: [u8; 256],
    /// State `s`, class `c` -> next state, at `s + c`: states are numbered in steps of
    /// `classes`; state 0 is the root.
    next: Box<[u16; TRIGGER_TABLE]>,
    /// At state `s`, one bit per rule (its index in [`RULES`]) whose trigger ends there.
    rules: Box<[u64; TRIGGER_TABLE]>,
}

/// Room for the trigger automaton (states times classes; ~18K used): a power of two, so
/// an index masked to it needs no bounds check in the per-byte loop.
const TRIGGER_TABLE: usize = 1 << 15;

const _: () = assert!(RULES.len() <= 64);

impl Triggers {
    fn new(words: impl Iterator<Item = (&'static str, usize)> + Clone) -> Self {
        let mut class = [0u8; 256];
        let mut classes = 1;
        for b in words.clone().flat_map(|(w, _)| w.bytes()) {
            let b = usize::from(b.to_ascii_lowercase());
            if class[b] == 0 {
                class[b] = u8::try_from(classes).expect("few trigger bytes");
                classes += 1;
            }
        }
        for b in b'A'..=b'Z' {
            class[usize::from(b)] = class[usize::from(b.to_ascii_lowercase())];
        }
        // The trie; 0 is no edge (the root is nobody's child).
        let mut next = vec![0u16; classes];
        let mut rules = vec![0u64];
        for (w, r) in words {
            let mut s = 0;
            for b in w.bytes() {
                let at = s * classes + usize::from(class[usize::from(b)]);
                if next[at] == 0 {
                    next[at] = u16::try_from(rules.len()).expect("few trigger states");
                    rules.push(0);
                    next.resize(next.len() + classes, 0);
                }
                s = usize::from(next[at]);
            }
            rules[s] |= 1 << r;
        }
        // Breadth first, so a state's failure state (shallower) is complete before it: a
        // trie edge gets its target's failure link, a missing edge the failure state's.
        let mut fail = vec![0usize; rules.len()];
        let mut queue = std::collections::VecDeque::from([0usize]);
        while let Some(s) = queue.pop_front() {
            for c in 0..classes {
                let t = usize::from(next[s * classes + c]);
                let via_fail = if s == 0 {
                    0
                } else {
                    next[fail[s] * classes + c]
                };
                if t == 0 {
                    next[s * classes + c] = via_fail;
                } else {
                    fail[t] = usize::from(via_fail);
                    rules[t] |= rules[fail[t]];
                    queue.push_back(t);
                }
            }
        }
        assert!(next.len() <= TRIGGER_TABLE, "trigger table too small");
        let mut steps = vec![0u16; TRIGGER_TABLE];
        let mut at_state = vec![0u64; TRIGGER_TABLE];
        for (i, &t) in next.iter().enumerate() {
            steps[i] = u16::try_from(usize::from(t) * classes).expect("table fits u16");
        }
        for (s, &r) in rules.iter().enumerate() {
            at_state[s * classes] = r;
        }
        Triggers {
            class,
            next: steps.into_boxed_slice().try_into().expect("table size"),
            rules: at_state.into_boxed_slice().try_into().expect("table size"),
        }
    }

    /// The rules with a trigger in `s`, one bit per rule.
    fn fired(&self, s: &[u8]) -> u64 {
        let mut state = 0;
        let mut fired = 0;
        for &b in s {
            let at = (state + usize::from(self.class[usize::from(b)])) & (TRIGGER_TABLE - 1);
            state = usize::from(self.next[at]);
            fired |= self.rules[state & (TRIGGER_TABLE - 1)];
        }
        fired
    }
}

/// Patterns run in ASCII mode on bytes: Unicode `\b` would push the regex engine off
/// its DFA on any non-ASCII text. Prefilters only for [`PREFILTERED`] patterns: most cues
/// start with common words (`shall`, `days`, `payment`) in any case, where a literal
/// prefilter found a candidate every few bytes and restarted the DFA at each; without
/// them the clause run over CUAD took ~20% fewer instructions, and the few with rare words
/// (`liab|damages` checked on every sentence with `except`) took ~half with them.
fn ascii_regex(pattern: &str, prefilter: bool) -> Re {
    Re::builder()
        .configure(
            Re::config()
                .utf8_empty(false)
                .nfa_size_limit(Some(10 << 20))
                .hybrid_cache_capacity(2 << 20)
                .auto_prefilter(prefilter),
        )
        .syntax(regex_automata::util::syntax::Config::new().utf8(false))
        .build(&format!("(?-u){pattern}"))
        .expect("static regex")
}

static NEGATION: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?-u)(?i)\b(?:no|not|nothing|neither|nor|none|without)\b|\bnon-?\s?$",
    )
    .expect("static regex")
});

/// The term a sentence opens by defining (`1.6 "Net Revenue" means ...`, `As used
/// herein, "Fees" shall mean ...`).
fn defined_term(s: &str) -> Option<&[u8]> {
    static DEF: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(
            r#"(?x-u)(?i)
            ^[^"\n]{0,40}?                 # a clause number, `As used herein,`
            (?:"|\xE2\x80\x9C)(?P<term>[^"\n]{1,80}?)(?:"|\xE2\x80\x9D)
            \s*,?\s*(?:shall\s+|will\s+)?
            (?:means?|refers?\s+to|(?:has|have)\s+the\s+meaning|is\s+defined\s+as)\b"#,
        )
        .expect("static regex")
    });
    DEF.captures(s.as_bytes())
        .and_then(|c| c.name("term"))
        .map(|t| t.as_bytes())
}

/// A defined term that names a share or a payment itself (`"Royalty" means ...`,
/// `"Development Fee" means 50% of Net Sales`).
static SHARE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?-u)(?i)royalt|shar(?:e|ing)|commission|split|participation|fee|payment|compensation",
    )
    .expect("static regex")
});

/// Sentences longer than this are read only up to here (PDF pages without stops).
const MAX_SENTENCE: usize = 4000;

pub struct ClauseTypeExtractor;

impl Extractor for ClauseTypeExtractor {
    fn name(&self) -> &'static str {
        "clause_type"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Clause]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(UNICODE_HEADINGS, COMPILED, NEGATION, SHARE)
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
        if doc.kind != DocKind::Contract {
            return;
        }
        let c = &*COMPILED;
        // Heading labels and sentence cues are deduplicated apart: a `Governing Law`
        // heading does not hide the sentence that names the law.
        let mut seen = Seen::new(doc.clauses.len());
        // Headings first: they are the strongest cue.
        for (ci, clause) in doc.clauses.iter().enumerate() {
            let Some(h) = &clause.heading else { continue };
            let head = Span::new(clause.span.start, clause.body.start.max(clause.span.start));
            let head_text = head.slice(&doc.text);
            let ascii = h.is_ascii();
            let matched: Vec<usize> = if ascii {
                c.headings.matches(h.as_bytes()).into_iter().collect()
            } else {
                UNICODE_HEADINGS.0.matches(h).into_iter().collect()
            };
            for i in matched {
                let ty = HEADING_RULES[i].0;
                let at = if ascii {
                    c.heading_res[i].find(h.as_bytes()).map(|m| m.range())
                } else {
                    UNICODE_HEADINGS.1[i]
                        .get_or_init(|| Regex::new(HEADING_RULES[i].1).expect("static regex"))
                        .find(h)
                        .map(|m| m.range())
                };
                // Anchored patterns are meant for the heading alone: find the words in it.
                let found = at.and_then(|m| {
                    let words = h[m].trim();
                    head_text
                        .find(words)
                        .map(|at| Span::new(head.start + at, head.start + at + words.len()))
                });
                let Some(span) = found else { continue };
                if seen.insert(Some(ci), type_bit(ty)) {
                    out.push(fact(doc, ty, span));
                }
            }
        }
        seen.clear();
        let clause_of = sentence_clauses(doc);
        for (si, sent) in doc.sentences().iter().enumerate() {
            let end = crate::ingest::floor_char_boundary(
                &doc.text,
                sent.end.min(sent.start + MAX_SENTENCE),
            );
            let s = &doc.text[sent.start..end];
            let fired = c.triggers.fired(s.as_bytes());
            if fired == 0 {
                continue;
            }
            let clause = clause_of[si];
            for i in (0..RULES.len()).filter(|&i| fired & (1 << i) != 0) {
                let rule = &RULES[i];
                // A clause may bar soliciting employees and customers: one fact for each.
                let solicit = rule.ty == "non_solicit";
                if seen.contains(clause, c.rule_bit[i])
                    && (!solicit || seen.contains(clause, SOLICIT_CUSTOMERS))
                {
                    continue;
                }
                // Sentence-wide conditions first: they are cheaper than the cue and
                // refuse most sentences a common trigger word (`notice`, `within`) lets in.
                if let Some(also) = &c.also[i] {
                    if !also.is_match(s.as_bytes()) {
                        continue;
                    }
                }
                let beneficiary = rule.ty == "third_party_beneficiary";
                if !beneficiary && refused(c, i, s.as_bytes(), s.as_bytes()) {
                    continue;
                }
                let Some(m) = find_cue(&c.cues[i], s.as_bytes(), rule.gap) else {
                    continue;
                };
                // ASCII-mode matches may end inside a multi-byte char: keep whole chars.
                if !s.is_char_boundary(m.start) || !s.is_char_boundary(m.end) {
                    continue;
                }
                // A `Third Party Beneficiaries` heading read as a sentence of its own names
                // the topic; the disclaimer that usually follows it has no cue.
                if rule.ty == "third_party_beneficiary" && s.len() - (m.end - m.start) < 16 {
                    continue;
                }
                // `Beneficiaries` capitalized is a heading or a table of contents entry
                // (`10.10 Entire Agreement and Third-Party Beneficiaries. This ...`).
                if rule.ty == "third_party_beneficiary"
                    && s.as_bytes()[m.start..m.end]
                        .windows(11)
                        .any(|w| w.starts_with(b"Beneficiar") || w.starts_with(b"BENEFICIAR"))
                {
                    continue;
                }
                // A definition (`"Net Revenue" means gross amounts ... less fees not
                // exceeding 3% of the gross amount`) states what a word means, not that
                // anyone shares revenue, unless the word defined is the share itself.
                // The same holds for `"Change of Control" means ...`: the definition alone
                // does not say what a change of control does to this Agreement.
                if matches!(rule.ty, "revenue_share" | "change_of_control") {
                    if let Some(t) = defined_term(s) {
                        if rule.ty == "change_of_control" || !SHARE.is_match(t) {
                            continue;
                        }
                    }
                }
                if rule.negatable && negated(s, m.start) {
                    continue;
                }
                if let Some(need) = &c.need_before[i] {
                    let from = floor_ascii(s.as_bytes(), m.start.saturating_sub(NEED_BEFORE));
                    if !need.is_match(&s.as_bytes()[from..m.end]) {
                        continue;
                    }
                }
                if let Some(within) = &c.within[i] {
                    if within.is_match(&s.as_bytes()[m.start..m.end]) {
                        continue;
                    }
                }
                if let Some(after) = &c.after[i] {
                    if after.is_match(&s.as_bytes()[m.end..]) {
                        continue;
                    }
                }
                if let Some(before) = &c.before[i] {
                    if before.is_match(&s.as_bytes()[m.start.saturating_sub(BEFORE)..m.start]) {
                        continue;
                    }
                }
                // A beneficiary disclaimer negates before the cue; `X shall be a third
                // party beneficiary, but shall not have any obligations` names one.
                if beneficiary && refused(c, i, &s.as_bytes()[..m.start], s.as_bytes()) {
                    continue;
                }
                let span = Span::new(sent.start + m.start, sent.start + m.end);
                let key = if solicit && names_customers(&s.as_bytes()[m.start..m.end]) {
                    SOLICIT_CUSTOMERS
                } else {
                    c.rule_bit[i]
                };
                if !seen.insert(clause, key) {
                    continue;
                }
                out.push(fact(doc, rule.ty, span));
            }
        }
    }
}

/// Rule `i`'s `unless` matches `hay` and its `unless_but` does not match the sentence.
/// An `unless_but` match whose group `own` took part does not count.
fn refused(c: &Compiled, i: usize, hay: &[u8], sentence: &[u8]) -> bool {
    c.unless[i].as_ref().is_some_and(|u| u.is_match(hay))
        && !c.unless_but[i].as_ref().is_some_and(|b| {
            b.captures_iter(sentence)
                .any(|m| m.get_group_by_name("own").is_none())
        })
}

/// Dedup key of a non-solicit cue that names customers or clients (a bit no type uses).
const SOLICIT_CUSTOMERS: u64 = 1 << 63;
const _: () = assert!(CLAUSE_TYPES.len() < 63);

/// The dedup bit of a clause type: its place in [`CLAUSE_TYPES`].
fn type_bit(ty: &str) -> u64 {
    CLAUSE_TYPES
        .iter()
        .position(|t| *t == ty)
        .map_or(1 << 62, |i| 1 << i)
}

/// Types already labelled, per clause (slot 0: outside any clause), one bit per type. A
/// bit mask per clause instead of a hash set of (clause, type) pairs: hashing was ~2% of
/// the clause run.
struct Seen(Vec<u64>);

impl Seen {
    fn new(clauses: usize) -> Self {
        Seen(vec![0; clauses + 1])
    }
    fn slot(clause: Option<usize>) -> usize {
        clause.map_or(0, |c| c + 1)
    }
    fn contains(&self, clause: Option<usize>, bit: u64) -> bool {
        self.0[Self::slot(clause)] & bit != 0
    }
    /// True when `bit` was not yet set.
    fn insert(&mut self, clause: Option<usize>, bit: u64) -> bool {
        let w = &mut self.0[Self::slot(clause)];
        let new = *w & bit == 0;
        *w |= bit;
        new
    }
    fn clear(&mut self) {
        self.0.fill(0);
    }
}

/// The cue names customers or clients themselves, not only their staff (`solicit any
/// employee of Rubicon or any employee of any Rubicon Client`).
fn names_customers(cue: &[u8]) -> bool {
    static STAFF_OF: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(
            r"(?-u)(?i)\b(?:employ\w*|personnel|staff)\s+of\s+(?:(?:any|the|a|its|their|such)\s+)?(?:\w+\s+){0,2}(?:customers?|clients?)\b",
        )
        .expect("static regex")
    });
    let named = cue
        .windows(6)
        .filter(|w| w.eq_ignore_ascii_case(b"custom") || w[..5].eq_ignore_ascii_case(b"clien"))
        .count();
    named > STAFF_OF.find_iter(cue).count()
}

/// The leftmost match of a cue in `s` (on a tie, the earlier alternative).
fn find_cue(alts: &[Vec<Arc<Re>>], s: &[u8], gap: usize) -> Option<std::ops::Range<usize>> {
    let mut best: Option<std::ops::Range<usize>> = None;
    for alt in alts {
        let Some((first, rest)) = alt.split_first() else {
            continue;
        };
        // A later alternative only wins with a strictly earlier start.
        let before = best.as_ref().map_or(s.len() + 1, |b| b.start);
        for m in first.find_iter(s) {
            if m.start() >= before {
                break;
            }
            if let Some(end) = follow(rest, s, m.end(), gap) {
                best = Some(m.start()..end);
                break;
            }
        }
    }
    best
}

/// The end of `parts` matched one after the other from `from`, each starting within
/// `gap` bytes of the previous end with no `.`/`;` in between; every candidate start of a
/// part in its window is tried. The work per call is bounded by the window sizes, so a
/// sentence is read in linear time.
fn follow(parts: &[Arc<Re>], s: &[u8], from: usize, gap: usize) -> Option<usize> {
    let Some((part, rest)) = parts.split_first() else {
        return Some(from);
    };
    let window = (from + gap).min(s.len());
    // A `.` inside a number (`Section 12.1`) does not end the sentence part.
    let last_start = (from..window)
        .find(|&i| s[i] == b';' || (s[i] == b'.' && !s.get(i + 1).is_some_and(u8::is_ascii_digit)))
        .unwrap_or(window);
    let hay = &s[..(last_start + MAX_PART).min(s.len())];
    let mut at = from;
    while at <= last_start {
        let m = part.search(&Input::new(hay).range(at..))?;
        if m.start() > last_start {
            return None;
        }
        if let Some(end) = follow(rest, s, m.end(), gap) {
            return Some(end);
        }
        at = m.start() + 1;
    }
    None
}

/// How far before a cue `refuse_before` looks (bytes).
const BEFORE: usize = 80;
/// How far before a cue `need_before` looks (bytes): a bar may be followed by a long
/// `during the Term and for twelve (12) months thereafter, directly or indirectly`.
const NEED_BEFORE: usize = 300;

/// `at` moved back to the start of a word, so a window does not begin mid-word
/// (`cannot` read as `not`).
fn floor_ascii(s: &[u8], mut at: usize) -> usize {
    while at > 0 && s[at - 1].is_ascii_alphanumeric() && s[at].is_ascii_alphanumeric() {
        at -= 1;
    }
    at
}

/// A negation in the words just before the cue (`no third party beneficiaries`,
/// `non-exclusive`, `nothing herein ... third party beneficiary`).
fn negated(s: &str, at: usize) -> bool {
    let from = crate::ingest::floor_char_boundary(s, at.saturating_sub(80));
    let from = (from..=at).find(|&i| s.is_char_boundary(i)).unwrap_or(at);
    NEGATION.is_match(&s.as_bytes()[from..at])
}

fn fact(doc: &Document, ty: &'static str, span: Span) -> Fact {
    let cue = doc.plain(span);
    Fact::new(
        Value::Clause {
            clause_type: ty.to_owned(),
            cue,
        },
        span,
        &doc.source,
        "clause_type",
    )
}

/// The innermost clause of each sentence, in one linear sweep (clauses are in document
/// order, parents before children).
pub fn sentence_clauses(doc: &Document) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(doc.sentences().len());
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for s in doc.sentences() {
        while next < doc.clauses.len() && doc.clauses[next].span.start <= s.start {
            let start = doc.clauses[next].span.start;
            while stack
                .last()
                .is_some_and(|&t| doc.clauses[t].span.end <= start)
            {
                stack.pop();
            }
            stack.push(next);
            next += 1;
        }
        while stack
            .last()
            .is_some_and(|&t| doc.clauses[t].span.end <= s.start)
        {
            stack.pop();
        }
        out.push(stack.last().copied());
    }
    out
}

/// The jurisdiction named in a governing-law cue: `the laws of the State of New York` ->
/// `New York`.
pub fn jurisdiction(cue: &str) -> Option<String> {
    static J: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)
            (?i:(?:laws?|legislation)
               (?:\s+and\s+(?:judicial\s+)?decisions|\s*,\s*(?:other\s+than|excluding|without\s+regard\s+to)\s+[^,.;]{1,60},)?
               \s+(?:of|in(?:\s+force\s+in)?)\s+(?:the\s+)?
               (?:(?:State|Commonwealth|Province|Republic|Kingdom|People'?s\s+Republic|Federal\s+Republic)\s+of\s+)?)
            (?P<j>[A-Z][A-Za-z.\-]*(?:\s+(?:[A-Z][A-Za-z.\-]*|and\s+Wales|of\s+[A-Z][A-Za-z]*)){0,3})
            | \b(?P<k>[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?)\s+(?i:law)\b",
        )
        .expect("static regex")
    });
    const STOP: &[&str] = &[
        "without",
        "excluding",
        "except",
        "as",
        "applicable",
        "which",
        "in",
        "that",
        "regardless",
        "including",
        "applied",
        "governing",
        "and",
        "to",
        "of",
        "the",
        "for",
        "with",
        "notwithstanding",
        "provided",
        "other",
        "exclusive",
        "this",
        "any",
        "its",
        "all",
        "federal",
        "such",
        "common",
        "relevant",
        "local",
    ];
    // In ALL CAPS text `THE LAW` looks like `Ohio law`: take the first match that names
    // a place.
    // Matches may overlap (`THE LAW` then `LAW OF THE STATE OF ...`), so each search
    // starts one character after the last match began.
    let mut at = 0;
    while let Some(c) = J.captures_at(cue, at) {
        let m = c.get(0)?;
        let raw = c.name("j").or_else(|| c.name("k"))?.as_str();
        if let Some(j) = jurisdiction_from(cue, raw, STOP) {
            return Some(j);
        }
        at = m.start() + cue[m.start()..].chars().next()?.len_utf8();
    }
    None
}

/// The place named by `raw` (the words after `laws of`), cleaned and normalized.
fn jurisdiction_from(cue: &str, raw: &str, stop: &[&str]) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut it = raw.split_whitespace().peekable();
    while let Some(w) = it.next() {
        let lw = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        if lw == "and" && it.peek().is_some_and(|n| n.eq_ignore_ascii_case("wales")) {
            words.push(w);
            continue;
        }
        if lw == "of"
            && !words.is_empty()
            && it.peek().is_some_and(|n| n.starts_with(char::is_uppercase))
        {
            words.push(w);
            continue;
        }
        if stop.contains(&lw.as_str()) || lw.is_empty() {
            break;
        }
        words.push(w.trim_end_matches([',', '.', ';', ':']));
    }
    let j = words.join(" ");
    // A country followed by one of its states: the state is the narrower choice.
    static STATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i:and|including)\b[^.;]{0,100}?\b(?i:State|Commonwealth)\s+of\s+(?P<s>[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?)")
            .expect("static regex")
    });
    let country = ["United States", "U.S", "USA", "US"]
        .iter()
        .any(|p| j.to_ascii_uppercase().starts_with(&p.to_ascii_uppercase()));
    if country {
        if let Some(st) = STATE.captures(cue).and_then(|c| c.name("s")) {
            return Some(st.as_str().to_owned());
        }
    }
    // Common short forms and adjectives.
    let j = match j.as_str() {
        "PRC" | "P.R.C" | "P.R.C." => "People's Republic of China".to_owned(),
        "R.O.C" | "R.O.C." | "ROC" => "Taiwan".to_owned(),
        "English" => "England".to_owned(),
        "Italian" => "Italy".to_owned(),
        "Swiss" => "Switzerland".to_owned(),
        "German" => "Germany".to_owned(),
        "French" => "France".to_owned(),
        "Chinese" => "China".to_owned(),
        "Dutch" => "Netherlands".to_owned(),
        "Japanese" => "Japan".to_owned(),
        "Korean" => "Korea".to_owned(),
        "Canadian" => "Canada".to_owned(),
        _ => j,
    };
    (!j.is_empty()).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;
    use std::path::Path;

    fn types(src: &str) -> Vec<(String, String)> {
        let text = format!(
            "This Agreement is made by the parties hereto. The parties shall perform the terms herein. Each party hereby agrees.\n\n{src}\n"
        );
        let doc = ingest::parse(Path::new("c.txt"), text.as_bytes()).unwrap();
        let mut out = Vec::new();
        ClauseTypeExtractor.extract(&Context::new(&doc), &mut Vec::new());
        let mut facts = Vec::new();
        ClauseTypeExtractor.extract(&Context::new(&doc), &mut facts);
        for f in facts {
            assert_eq!(&doc.source[f.span.range()], f.text);
            if let Value::Clause { clause_type, .. } = f.value {
                out.push((clause_type, f.text));
            }
        }
        out
    }

    /// The trigger automaton reports the rules an overlapping Aho-Corasick search of the
    /// same words (any ASCII case) reports, on text full of overlapping and partial words.
    #[test]
    fn trigger_automaton_agrees_with_aho_corasick() {
        let words: Vec<(&str, usize)> = RULES
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.trigger.iter().map(move |w| (*w, i)))
            .collect();
        let reference = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words.iter().map(|w| w.0))
            .unwrap();
        let triggers = &COMPILED.triggers;
        let mut samples: Vec<String> = words
            .iter()
            .flat_map(|(w, _)| {
                let cut = &w[..w.len() / 2];
                [
                    w.to_string(),
                    w.to_ascii_uppercase(),
                    format!("x{w}{w}y"),
                    format!("{cut} {cut}{w}"),
                ]
            })
            .collect();
        samples.push(words.iter().map(|w| w.0).collect::<Vec<_>>().join(""));
        samples
            .push("Licensee shall not assign this Agreement \u{e9}t\u{e9} 30 days' notice".into());
        samples.push(String::new());
        for text in &samples {
            let want = reference
                .find_overlapping_iter(text.as_bytes())
                .fold(0u64, |m, hit| m | 1 << words[hit.pattern().as_usize()].1);
            assert_eq!(triggers.fired(text.as_bytes()), want, "{text}");
        }
    }

    fn has(src: &str, ty: &str) -> bool {
        types(src).iter().any(|(t, _)| t == ty)
    }

    #[test]
    fn matches_and_non_matches() {
        let cases: &[(&str, &str, bool)] = &[
            ("This Agreement shall be governed by the laws of the State of New York.", "governing_law", true),
            ("Delaware law shall govern this Agreement.", "governing_law", true),
            ("This Agreement shall be governed by, and any dispute arising hereunder shall be determined in accordance with, the laws of the State of Ohio.", "governing_law", true),
            ("The laws of the State of Florida shall govern this Agreement.", "governing_law", true),
            ("This Agreement is governed by English law.", "governing_law", true),
            ("It shall be governed by the laws and judicial decisions of the State of Florida.", "governing_law", true),
            ("It shall be construed in accordance with the laws, other than choice of law rules, of the state of Florida.", "governing_law", true),
            ("It shall be governed by the substantive internal laws of the State of New York.", "governing_law", true),
            ("Each party shall comply with the laws, rules and regulations of each country.", "governing_law", false),
            ("Inventorship shall be determined in accordance with the patent laws of the United States.", "governing_law", false),
            ("Acme is a corporation organized under the laws of the State of Delaware.", "governing_law", false),
            ("Each party shall comply with the export control laws of the United States.", "governing_law", false),
            ("Company appoints Distributor as its exclusive distributor in the Territory.", "exclusivity", true),
            ("Company appoints Distributor as its non-exclusive distributor in the Territory.", "exclusivity", false),
            ("All Work Product shall be owned exclusively by the Company.", "exclusivity", false),
            ("Any dispute shall be resolved exclusively by binding arbitration.", "exclusivity", false),
            ("Distributor shall purchase the Products exclusively from Supplier.", "exclusivity", true),
            ("Licensor hereby grants to Licensee a non-exclusive, non-transferable license to use the Software.", "license_grant", true),
            ("Licensor hereby grants to Licensee a non-exclusive, non-transferable license to use the Software.", "non_transferable_license", true),
            ("Licensee grants a perpetual, irrevocable license to the Feedback.", "irrevocable_or_perpetual_license", true),
            ("The Parties shall not disclose the terms.", "license_grant", false),
            ("Neither party may assign this Agreement without the prior written consent of the other party.", "anti_assignment", true),
            ("In no event shall either party's aggregate liability exceed the fees paid.", "cap_on_liability", true),
            ("The limitations of liability shall not apply to breaches of confidentiality.", "uncapped_liability", true),
            ("EXCEPT FOR LIABILITY ARISING FROM A BREACH OF SECTION 9.3 OR A PARTY'S INDEMNIFICATION OBLIGATIONS UNDER SECTION 11, IN NO EVENT SHALL EITHER PARTY BE LIABLE FOR ANY CONSEQUENTIAL DAMAGES.", "uncapped_liability", true),
            ("This Subsection will not limit the liability of a Party for fraud.", "uncapped_liability", true),
            ("In no event shall either party be liable for any consequential damages.", "uncapped_liability", false),
            ("This Agreement shall automatically renew for successive one-year terms unless either party gives 90 days' prior written notice of non-renewal.", "renewal_term", true),
            ("This Agreement shall automatically renew for successive one-year terms unless either party gives 90 days' prior written notice of non-renewal.", "notice_period", true),
            ("This Agreement renews for successive one-year terms unless written notice is given of either party's intent not to renew at least three (3) months before the end of the term.", "notice_period", true),
            ("After the Initial Term, this Agreement continues month to month until ended by either party upon thirty (30) days prior written notice.", "notice_period", true),
            ("The term renews for one more year unless either party notifies the other in writing of its intention not to renew.", "notice_period", true),
            ("Either party may give notice of a claim within thirty (30) days.", "notice_period", false),
            ("Either party may terminate this Agreement without cause upon thirty days notice.", "termination_for_convenience", true),
            ("Either party may terminate this Agreement upon a material breach.", "termination_for_convenience", false),
            ("This Agreement may also be terminated by either party upon sixty (60) days written notice.", "termination_for_convenience", true),
            ("Either Party may terminate this Agreement by giving the other Party fifteen (15) days' prior written notice.", "termination_for_convenience", true),
            ("Buyer may terminate this Agreement upon ten (10) days written notice if Seller fails to deliver.", "termination_for_convenience", false),
            ("Should the Supplier become insolvent, Buyer may terminate this Agreement upon ten (10) days written notice.", "termination_for_convenience", false),
            ("There are no third party beneficiaries of this Agreement.", "third_party_beneficiary", false),
            ("Licensor's Affiliates are intended third party beneficiaries of this Section.", "third_party_beneficiary", true),
            ("Distributor shall maintain product liability insurance with coverage of $1,000,000.", "insurance", true),
            ("Company may audit the books and records of Distributor once a year.", "audit_rights", true),
            ("Licensee shall pay Licensor a royalty of five percent of Net Sales.", "revenue_share", true),
            ("Fabrikam shall pay Contoso twenty percent (20%) of all Net Revenue it receives.", "revenue_share", true),
            ("Reseller keeps thirty (30%) of the Gross Receipts.", "revenue_share", true),
            ("The fee rises by twenty percent (20%) of the prior fee.", "revenue_share", false),
            ("Interest accrues at five percent (5%) per annum.", "revenue_share", false),
            ("Each party shall pay its own costs.", "revenue_share", false),
            ("Licensor grants Licensee a fully paid-up, royalty-free license to the Patents.", "revenue_share", false),
            ("Contractor is responsible for the payment of all wages, bonuses and commissions of its staff.", "revenue_share", false),
            ("Agent shall be entitled to receive a commission of ten percent of Net Sales.", "revenue_share", true),
            ("Licensee shall pay a royalty on each Unit sold.", "revenue_share", true),
            ("1.2 \"Net Receipts\" means all sums received, less card fees not above two percent (2%) of the gross amount.", "revenue_share", false),
            ("As used herein, \"Gross Sales\" shall mean sales less returns of up to 5% of the gross sales.", "revenue_share", false),
            ("1.4 \"Royalty\" means ten percent (10%) of the Net Sales of each Product.", "revenue_share", true),
            ("\"Marketing Fee\" means twelve percent (12%) of the Net Sales.", "revenue_share", true),
            ("Any surplus shall be shared fifty-fifty between the parties.", "revenue_share", true),
            ("The \"Partner Share\" means forty percent (40%) of the net profits.", "revenue_share", true),
            ("Buyer shall purchase a minimum quantity of 1,000 units per year.", "minimum_commitment", true),
            ("Company grants Partner a right of first refusal on any sale.", "rofr_rofo_rofn", true),
            ("If Licensor elects to abandon any Patent, Licensee shall have the right to assume its prosecution.", "rofr_rofo_rofn", true),
            ("Before selling the equipment, Seller shall afford Buyer the opportunity to purchase it.", "rofr_rofo_rofn", true),
            ("Buyer shall have the right to purchase additional units.", "rofr_rofo_rofn", false),
            ("Distributor shall not market, sell, advertise or promote the sale of any product which is competitive with the Products.", "non_compete", true),
            ("Such provision shall not apply to the extent that a court of competent jurisdiction decides otherwise.", "non_compete", false),
            ("Supplier shall offer prices no less favorable than those offered to any other customer.", "most_favored_nation", true),
            ("During the term, Consultant shall not engage in any business competitive with the Company.", "non_compete", true),
            ("Neither party shall solicit for employment any employee of the other party.", "non_solicit", true),
            ("(ii) Divert or attempt to divert any business or customer of the Store to a competitor;", "non_solicit", true),
            ("If any Units are diverted by a customer of Seller, Seller shall pay a fee.", "non_solicit", false),
            ("Neither party shall make any disparaging statements about the other.", "non_disparagement", true),
            ("Upon a Change of Control of Company, Licensor may terminate this Agreement.", "change_of_control", true),
            ("1.5 \"Change of Control\" means the sale of more than half of the voting shares of a party.", "change_of_control", false),
            ("Licensee shall pay $10,000 as liquidated damages.", "liquidated_damages", true),
            ("Supplier warrants the Products for a period of twelve (12) months from the date of delivery.", "warranty_duration", true),
            ("Seller warrants that for a period of one (1) year from delivery the Goods will work.", "warranty_duration", true),
            ("Vendor warrants the Units for a period of [***] from the date of shipment.", "warranty_duration", true),
            ("Vendor warrants that it owns the Units.", "warranty_duration", false),
            ("All inventions shall be the sole and exclusive property of Company.", "ip_ownership", true),
            ("Distributor shall be treated no less favorably than any other distributor.", "most_favored_nation", true),
            ("Licensee shall receive the most favorable terms granted to any licensee.", "most_favored_nation", true),
            ("The terms of this Agreement are favorable to both parties.", "most_favored_nation", false),
            ("10.4 Third Party Beneficiaries.", "third_party_beneficiary", false),
            ("9.9 Notices and Third Party Beneficiaries. All notices shall be in writing.", "third_party_beneficiary", false),
            ("Section 9.8 Waiver 14 Section 9.9 Third-Party Beneficiaries 14 Section 9.10 Notices 15", "third_party_beneficiary", false),
            ("The Lender shall be a third party beneficiary of this Section, but shall have no obligations under it.", "third_party_beneficiary", true),
            ("Nothing herein shall make any person a third party beneficiary of this Agreement.", "third_party_beneficiary", false),
            ("Reseller shall offer prices no less favorable than those offered to any other reseller.", "most_favored_nation", true),
            ("Agent shall be offered terms not less favorable than those granted to other agents.", "most_favored_nation", true),
            ("The new offer shall be on terms no less favorable than the terms of this Agreement.", "most_favored_nation", false),
            ("Supplier shall treat the goods no less favorably than it treats its own goods.", "most_favored_nation", false),
            ("Prices charged to Buyer shall be no less favorable to Buyer than the prices at which Seller sells, at about the same time and place, similar goods.", "most_favored_nation", true),
            ("The intellectual property rights in the Deliverables vest in the Client on creation.", "ip_ownership", true),
            ("Title to the equipment vests in the Buyer on delivery.", "ip_ownership", false),
            // Non-disparagement is a bar on speaking ill, not a rule on how marks are used.
            ("Neither party shall disparage the other party or its products.", "non_disparagement", true),
            ("Neither party shall make derogatory statements about the other.", "non_disparagement", true),
            ("Licensee shall not use the Marks in any manner that disparages Licensor.", "non_disparagement", false),
            ("Each party warrants that its Content will not constitute defamation, product disparagement or trade libel.", "non_disparagement", false),
            ("The author waives any right to object to derogatory treatment of the work.", "non_disparagement", false),
            // Most favored nation: compared with other customers, not with the market.
            ("The parties shall cooperate to obtain the most favorable rate of withholding tax.", "most_favored_nation", false),
            ("Supplier shall provide service at least as favorable as is standard in its industry.", "most_favored_nation", false),
            ("Dealings with Affiliates shall be on terms as favorable as would be obtainable at arm's length from an unrelated third party.", "most_favored_nation", false),
            ("Customer will not be charged a higher fee than Vendor charges its other customers for similar services.", "most_favored_nation", true),
            ("Such fees shall not exceed the fees charged by Licensor to unaffiliated third parties.", "most_favored_nation", true),
            ("The fee shall not exceed the fees charged in the prior year.", "most_favored_nation", false),
            // A carve-out for the parties themselves carves nobody out.
            ("No person other than a Party shall have any rights hereunder as a third party beneficiary.", "third_party_beneficiary", false),
            ("This Agreement gives no rights to any person except the Parties hereto, and there are no third party beneficiaries.", "third_party_beneficiary", false),
            ("Except as provided in Section 8, there are no third party beneficiaries of this Agreement.", "third_party_beneficiary", true),
            // A non-solicit bars before it names the act.
            ("Distributor may solicit any customers outside the Territory, but shall not appoint sub-distributors.", "non_solicit", false),
            ("During the Term and for a period of twelve (12) months thereafter, neither party shall, directly or indirectly, either alone or in concert with any other person or entity, for itself or on behalf of any affiliate, solicit any customer of the other party.", "non_solicit", true),
            // Termination for convenience: an unconditional right to end.
            ("Either party may terminate this Agreement for its convenience upon ninety days' written notice.", "termination_for_convenience", true),
            ("Neither party may terminate this Agreement without cause.", "termination_for_convenience", false),
            ("The Company may, at any time after the second anniversary of the Effective Date, terminate this Agreement with or without cause.", "termination_for_convenience", true),
            ("If Company terminates the Agreement without cause, it shall repurchase the inventory.", "termination_for_convenience", false),
            ("Either party may terminate this Agreement at any time if the other party becomes insolvent.", "termination_for_convenience", false),
            ("This Agreement may be terminated at any time by mutual written agreement of the parties.", "termination_for_convenience", false),
            ("Customer may, in its sole discretion, terminate this Agreement at any time.", "termination_for_convenience", true),
            ("After the Initial Term, this Agreement continues month to month until terminated by either party upon thirty (30) days' prior written notice.", "termination_for_convenience", true),
            ("This Agreement renews for one-year terms unless terminated by either party upon sixty (60) days' written notice.", "termination_for_convenience", false),
            ("The license is cancellable at any time by either party.", "termination_for_convenience", true),
            // Warranty duration: how long a warranty lasts, not other periods near `warrant`.
            ("Seller warrants that for a period of twelve (12) months from delivery the Goods will be free from defects.", "warranty_duration", true),
            ("The Warrant shall be exercisable for a period of five (5) years from its date of issue.", "warranty_duration", false),
            ("All representations and warranties herein shall survive for a period of two (2) years after the Closing.", "warranty_duration", false),
            ("Agent represents and warrants that during the Term and for a period of one (1) year thereafter it will not license the Marks to others.", "warranty_duration", false),
            ("Buyer shall approve or reject the samples within ten (10) days of receipt, and shall reject any sample not meeting the Specification.", "warranty_duration", false),
            ("Buyer shall notify Seller of any defect within ten (10) days of receipt of the Goods.", "warranty_duration", true),
            ("The Products shall conform to the Specifications during the Warranty Period.", "warranty_duration", true),
        ];
        for (src, ty, want) in cases {
            assert_eq!(has(src, ty), *want, "{ty} in {src:?}: {:?}", types(src));
        }
    }

    #[test]
    fn headings_label_their_clause() {
        let t = types("12. GOVERNING LAW\nThis Agreement is to be read as a whole.\n13. Insurance\nEach party keeps its own.");
        assert!(
            t.contains(&("governing_law".into(), "GOVERNING LAW".into())),
            "{t:?}"
        );
        assert!(t.iter().any(|(ty, _)| ty == "insurance"), "{t:?}");
    }

    #[test]
    fn non_solicit_of_employees_and_of_customers() {
        let t = types("12. Restrictions\nAgent shall not solicit any employee of Owner. Agent shall not solicit any customer of Owner. Agent shall not solicit any client of Owner.");
        let cues: Vec<&str> = t
            .iter()
            .filter(|(ty, _)| ty == "non_solicit")
            .map(|(_, c)| c.as_str())
            .collect();
        assert_eq!(
            cues,
            ["solicit any employee", "solicit any customer"],
            "{t:?}"
        );
    }

    #[test]
    fn staff_of_a_customer_is_not_a_customer() {
        assert!(!names_customers(
            b"solicit any employee of any Rubicon Client"
        ));
        assert!(names_customers(b"solicit any employee or customer"));
        assert!(names_customers(b"solicit any customer"));
    }

    #[test]
    fn ip_headings_name_a_transfer() {
        let t = types("7. Ownership of Work Product\nThe Deliverables are described in Exhibit A.");
        assert!(t.iter().any(|(ty, _)| ty == "ip_ownership"), "{t:?}");
        let t = types("7. Ownership\nEach party keeps what it brought.");
        assert!(!t.iter().any(|(ty, _)| ty == "ip_ownership"), "{t:?}");
        let t = types("8. Intellectual Property\nEach party keeps what it brought.");
        assert!(!t.iter().any(|(ty, _)| ty == "ip_ownership"), "{t:?}");
    }

    #[test]
    fn jurisdictions() {
        for (cue, want) in [
            (
                "governed by the laws of the State of New York",
                Some("New York"),
            ),
            (
                "GOVERNED BY THE LAWS OF THE STATE OF CALIFORNIA WITHOUT REGARD",
                Some("CALIFORNIA"),
            ),
            (
                "construed under the laws of England and Wales",
                Some("England and Wales"),
            ),
            ("Delaware law shall govern", Some("Delaware")),
            (
                "GOVERNED BY, AND CONSTRUED IN ACCORDANCE WITH, THE LAW OF THE STATE OF NEW YORK.",
                Some("NEW YORK"),
            ),
            (
                "construed exclusively in accordance with the laws and decisions of the State of Michigan",
                Some("Michigan"),
            ),
            (
                "in accordance with the laws, other than choice of law rules, of the state of Florida",
                Some("Florida"),
            ),
            (
                "governed by the laws of the Commonwealth of Massachusetts",
                Some("Massachusetts"),
            ),
            (
                "governed by the laws of the People's Republic of China",
                Some("China"),
            ),
            ("governed by the PRC Law", Some("People's Republic of China")),
            ("governed by Swiss law", Some("Switzerland")),
            (
                "governed by the laws of the United States and, to the extent not inconsistent therewith, by the laws of the Commonwealth of Kentucky",
                Some("Kentucky"),
            ),
            ("in accordance with the laws in force in the Province of Ontario", Some("Ontario")),
            ("governed by the legislation of the Republic of Kazakhstan", Some("Kazakhstan")),
        ] {
            assert_eq!(jurisdiction(cue).as_deref(), want, "{cue}");
        }
    }

    #[test]
    fn news_is_not_labelled() {
        let doc = ingest::parse(
            Path::new("n.txt"),
            b"Microsoft said it would pay a royalty of five percent of net sales.",
        )
        .unwrap();
        let mut facts = Vec::new();
        ClauseTypeExtractor.extract(&Context::new(&doc), &mut facts);
        assert!(facts.is_empty());
    }
}
