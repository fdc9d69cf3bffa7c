//! DefinedTerm facts. (Being written in this session; produces nothing yet.)

use crate::extract::Extractor;
use crate::model::{Document, Fact, FactKind};

pub struct DefinedTermExtractor;

impl Extractor for DefinedTermExtractor {
    fn name(&self) -> &'static str {
        "defined_term"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::DefinedTerm]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
