//! Date facts. (Being written in this session; produces nothing yet.)

use crate::extract::{Extractor, Options};
use crate::model::{Document, Fact, FactKind};

pub struct DateExtractor {
    #[allow(dead_code)]
    options: Options,
}

impl DateExtractor {
    pub fn new(options: &Options) -> Self {
        DateExtractor {
            options: options.clone(),
        }
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        "date"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Date]
    }
    fn extract(&self, _doc: &Document, _out: &mut Vec<Fact>) {}
}
