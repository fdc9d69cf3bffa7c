//! Percent facts. (Being written in this session; produces nothing yet.)

use crate::extract::Extractor;
use crate::model::{Document, Fact, FactKind};

pub struct PercentExtractor;

impl Extractor for PercentExtractor {
    fn name(&self) -> &'static str {
        "percent"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Percent]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
