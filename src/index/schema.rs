//! The tantivy schema: one record per unit (a clause, or a paragraph when a document has
//! no clauses) and one per document, told apart by the `unit` field.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, SimpleTokenizer, TextAnalyzer};

use super::stem::EnglishTokenizer;

/// Bumped whenever the schema or what goes into a field changes; an index written with
/// another version is refused with a message saying to rebuild it.
pub const SCHEMA_VERSION: u32 = 8;

/// Whole words, lower-cased, English stemming: `terminate` finds `termination`
/// (the tokens of tantivy's `en_stem`, made in one pass with a stem cache).
pub const TEXT_TOKENIZER: &str = "pactum_en";
/// Whole field value, lower-cased: families, clause types, kinds, numbers.
pub const KEYWORD_TOKENIZER: &str = "pactum_keyword";
/// Words, lower-cased, no stemming: party names.
pub const NAME_TOKENIZER: &str = "pactum_name";

/// `unit` values.
pub const UNIT_CLAUSE: &str = "clause";
pub const UNIT_DOCUMENT: &str = "document";

/// Handles to every field.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `clause` or `document`.
    pub unit: Field,
    pub path: Field,
    /// A 64-bit id of the path (see [`doc_id`]), on every record: unit hits are grouped
    /// into document hits by it, and a document record is found by it.
    pub doc: Field,
    /// blake3 of the raw file (document records only).
    pub hash: Field,
    pub family: Field,
    pub version: Field,
    /// `family\u{1f}version` for versioned documents: used to drop older versions.
    pub famver: Field,
    /// `yes` on document records of versioned documents (to list versions quickly).
    pub versioned: Field,
    pub title: Field,
    /// `contract` or `news`.
    pub kind: Field,
    pub format: Field,
    /// Position of the unit in its document (0-based); document records have none.
    pub ordinal: Field,
    pub number: Field,
    pub heading: Field,
    /// The unit's own heading and the headings of every clause that encloses it
    /// (indexed, not stored): `(b) upon thirty days' notice` under `14. TERMINATION`
    /// is found by `termination` and by `section:termination`.
    pub section: Field,
    pub level: Field,
    /// Byte span of the unit in the source.
    pub start: Field,
    pub end: Field,
    /// Clause types (from `clause` facts), lower snake_case.
    pub clause_type: Field,
    /// Party names and aliases of the whole document (indexed on every record).
    pub party: Field,
    /// The same names, stored once per document (document records only).
    pub parties: Field,
    /// The unit's text, indexed with positions (phrases work) and stored for snippets.
    pub text: Field,
    /// JSON array of the unit's facts (`model::Fact`), stored only.
    pub facts: Field,
    /// JSON object of fact counts per kind (document records only).
    pub fact_counts: Field,
    /// Raw size in bytes (document records only).
    pub bytes: Field,
    pub percent: Field,
    pub money: Field,
    /// `USD:<sortable hex of the amount>`: money filters with a currency.
    pub money_ccy: Field,
    pub date: Field,
    /// Duration in (approximate) days, for filtering only.
    pub duration_days: Field,
}

fn text_options(tokenizer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::Basic
    };
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

/// Build the schema and the field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let keyword = text_options(KEYWORD_TOKENIZER, false, true);
    let f64_opts = NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        unit: b.add_text_field("unit", STRING | STORED),
        path: b.add_text_field("path", STRING | STORED | FAST),
        doc: b.add_u64_field("doc", INDEXED | FAST),
        hash: b.add_text_field("hash", STORED | FAST),
        family: b.add_text_field("family", keyword.clone()),
        version: b.add_text_field("version", keyword.clone()),
        famver: b.add_text_field("famver", STRING),
        versioned: b.add_text_field("versioned", STRING),
        title: b.add_text_field("title", text_options(TEXT_TOKENIZER, true, true)),
        kind: b.add_text_field("kind", keyword.clone()),
        format: b.add_text_field("format", STORED),
        ordinal: b.add_u64_field("ordinal", INDEXED | STORED | FAST),
        number: b.add_text_field("number", keyword.clone()),
        heading: b.add_text_field("heading", text_options(TEXT_TOKENIZER, true, true)),
        section: b.add_text_field("section", text_options(TEXT_TOKENIZER, true, false)),
        level: b.add_u64_field("level", STORED),
        start: b.add_u64_field("start", STORED),
        end: b.add_u64_field("end", STORED),
        clause_type: b.add_text_field("type", keyword),
        party: b.add_text_field("party", text_options(NAME_TOKENIZER, true, false)),
        parties: b.add_text_field("parties", STORED),
        text: b.add_text_field("text", text_options(TEXT_TOKENIZER, true, true)),
        facts: b.add_text_field("facts", STORED),
        fact_counts: b.add_text_field("fact_counts", STORED),
        bytes: b.add_u64_field("bytes", STORED | FAST),
        percent: b.add_f64_field("percent", f64_opts.clone()),
        money: b.add_f64_field("money", f64_opts.clone()),
        money_ccy: b.add_text_field("money_ccy", STRING | FAST),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        duration_days: b.add_f64_field("duration", f64_opts),
    };
    (b.build(), fields)
}

/// Register pactum's tokenizers on an index.
pub fn register_tokenizers(index: &tantivy::Index) {
    let m = index.tokenizers();
    m.register(
        TEXT_TOKENIZER,
        TextAnalyzer::from(EnglishTokenizer::default()),
    );
    m.register(
        KEYWORD_TOKENIZER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
    m.register(
        NAME_TOKENIZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// Normalize a keyword the way [`KEYWORD_TOKENIZER`] does, to build terms by hand.
pub fn keyword(s: &str) -> String {
    s.to_lowercase()
}

/// Fields searched by a query word without a `field:` prefix, with their boosts. A word
/// found only in an enclosing section's heading counts, but weighs least.
pub const DEFAULT_FIELDS: &[(&str, f32)] = &[("text", 1.0), ("heading", 2.0), ("section", 0.5)];
/// The `doc` id of a path: the first 8 bytes of its blake3 hash (collisions among even
/// millions of paths are vanishingly unlikely).
pub fn doc_id(path: &str) -> u64 {
    let h = blake3::hash(path.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&h.as_bytes()[..8]);
    u64::from_le_bytes(b)
}
