//! Obligation facts. (Being written in this session; produces nothing yet.)

use crate::extract::Extractor;
use crate::model::{Document, Fact, FactKind};

pub struct ObligationExtractor;

impl Extractor for ObligationExtractor {
    fn name(&self) -> &'static str {
        "obligation"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Obligation]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
