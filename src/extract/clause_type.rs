//! Clause facts. (Being written in this session; produces nothing yet.)

use crate::extract::Extractor;
use crate::model::{Document, Fact, FactKind};

pub struct ClauseTypeExtractor;

impl Extractor for ClauseTypeExtractor {
    fn name(&self) -> &'static str {
        "clause_type"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Clause]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
