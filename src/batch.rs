//! Run the pipeline over many inputs in parallel (rayon), handing results back in input
//! order to one consumer (a printer, a sink). Memory stays bounded: inputs are processed
//! in chunks, and a chunk's documents are dropped once consumed.

use std::path::PathBuf;
use std::sync::mpsc;

use rayon::prelude::*;

use crate::extract::Pipeline;
use crate::ingest::{self, Input, Limits};
use crate::model::{Document, Fact};
use crate::{Error, Result};

/// Inputs per parallel chunk: large enough to keep every core busy, small enough that
/// memory does not grow with the corpus.
const CHUNK: usize = 64;

/// One processed input.
pub struct Outcome {
    /// The path as given (`-` for stdin).
    pub path: PathBuf,
    /// Raw size in bytes when known (0 when the file could not be read).
    pub bytes: u64,
    pub result: Result<(Document, Vec<Fact>)>,
}

/// Read, parse and extract one input.
pub fn process(input: &Input, limits: &Limits, pipeline: &Pipeline) -> Outcome {
    let (path, loaded) = match input {
        Input::File(p) => (p.clone(), ingest::load(p, limits)),
        Input::Stdin => (PathBuf::from("-"), ingest::load_stdin(limits)),
        Input::Failed(e) => {
            let path = match e {
                Error::Io { path, .. } | Error::Unreadable { path, .. } => path.clone(),
                _ => PathBuf::new(),
            };
            return Outcome {
                path,
                bytes: 0,
                result: Err(Error::Other(e.to_string())),
            };
        }
    };
    match loaded {
        Ok(doc) => {
            let bytes = doc.source.len() as u64;
            // An extractor bug must not take the batch down: contain it to this file.
            let facts =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.run(&doc)));
            match facts {
                Ok(facts) => Outcome {
                    path,
                    bytes,
                    result: Ok((doc, facts)),
                },
                Err(_) => Outcome {
                    path: path.clone(),
                    bytes,
                    result: Err(Error::unreadable(
                        path,
                        "internal error: an extractor panicked on this file (please report it)",
                    )),
                },
            }
        }
        Err(e) => Outcome {
            path,
            bytes: 0,
            result: Err(e),
        },
    }
}

/// Process `inputs` in parallel and call `consume` with each outcome, in input order.
/// Stops early (returning the error) only when `consume` fails.
///
/// `consume` runs on the calling thread while the rayon pool already processes the next
/// chunk, so printing or indexing overlaps extraction instead of leaving the pool idle.
/// At most three chunks are alive at once (one being processed, one waiting, one being
/// consumed). Called from inside the pool itself, where blocking on a channel could
/// starve the pool, it processes and consumes chunk by chunk instead.
pub fn for_each<E>(
    inputs: &[Input],
    limits: &Limits,
    pipeline: &Pipeline,
    mut consume: impl FnMut(Outcome) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let run_chunk = |chunk: &[Input]| -> Vec<Outcome> {
        chunk
            .par_iter()
            .map(|i| process(i, limits, pipeline))
            .collect()
    };
    if rayon::current_thread_index().is_some() {
        for chunk in inputs.chunks(CHUNK) {
            run_chunk(chunk).into_iter().try_for_each(&mut consume)?;
        }
        return Ok(());
    }
    let (done, ready) = mpsc::sync_channel::<Vec<Outcome>>(1);
    rayon::in_place_scope(move |scope| {
        scope.spawn(move |_| {
            for chunk in inputs.chunks(CHUNK) {
                // The consumer hung up (it failed): stop reading.
                if done.send(run_chunk(chunk)).is_err() {
                    break;
                }
            }
        });
        // `ready` is dropped when this closure returns, early or not, which ends the
        // producer above before the scope waits for it.
        for outcomes in ready {
            outcomes.into_iter().try_for_each(&mut consume)?;
        }
        Ok(())
    })
}
