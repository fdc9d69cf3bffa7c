//! Money facts. (Being written in this session; produces nothing yet.)

use crate::extract::Extractor;
use crate::model::{Document, Fact, FactKind};

pub struct MoneyExtractor;

impl Extractor for MoneyExtractor {
    fn name(&self) -> &'static str {
        "money"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Money]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
