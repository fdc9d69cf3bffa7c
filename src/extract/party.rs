//! Party facts. (Being written in this session; produces nothing yet.)

use crate::extract::Extractor;
use crate::model::{Document, Fact, FactKind};

pub struct PartyExtractor;

impl Extractor for PartyExtractor {
    fn name(&self) -> &'static str {
        "party"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Party]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
