//! Duration facts. (Being written in this session; produces nothing yet.)

use crate::extract::Extractor;
use crate::model::{Document, Fact, FactKind};

pub struct DurationExtractor;

impl Extractor for DurationExtractor {
    fn name(&self) -> &'static str {
        "duration"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Duration]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
