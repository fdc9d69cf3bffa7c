//! Run the pipeline over many inputs in parallel, handing results back in input order to
//! one consumer (a printer, a sink). Memory stays bounded: workers run at most
//! [`WINDOW`] inputs ahead of the consumer, and a result is dropped once consumed.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use rayon::prelude::*;

use crate::extract::Pipeline;
use crate::ingest::{self, Input, Limits};
use crate::model::{Document, Fact};
use crate::{Error, Result};

/// Inputs per parallel chunk when called from inside the rayon pool.
const CHUNK: usize = 64;

/// Inputs a worker claims at a time (consecutive ones), and how many bytes of documents
/// it reads before running the extractors over them together (see [`process_each`]):
/// a contract of 256 KiB or more is extracted on its own, news articles (~1 KB) a claim
/// at a time. Measured over ../shared/corpus (quantity kinds, 10 alternated runs,
/// medians): one input at a time 0.945 s; 16 inputs and 64 KiB 0.895 s; 16 and 256 KiB
/// 0.865 s; 32 and 256 KiB 0.855 s; 32 and 1 MiB 0.865 s.
pub const CLAIM: usize = 32;
const RUN_BYTES: usize = 256 * 1024;

/// How far (in inputs) the workers may run ahead of the consumer. Each input is claimed
/// on its own, so a large file holds up only its own worker, never a whole chunk: the
/// other workers go on with the files after it.
const WINDOW: usize = 256;

/// How many results in input order wait before a worker wakes the consumer. A worker
/// that runs out of inputs or of room in the window wakes it whatever is ready.
const WAKE_AFTER: usize = 16;
const _: () = assert!(WAKE_AFTER < WINDOW);
// A worker's claim must fit in the window, or the claim holding the oldest input could
// wait for room that only its own results would make.
const _: () = assert!(CLAIM < WINDOW);

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
    let mut out = None;
    process_each(&[input], limits, pipeline, |o| out = Some(o));
    out.expect("one outcome per input")
}

/// Read one input into a document.
fn load(input: &Input, limits: &Limits) -> (PathBuf, Result<Document>) {
    match input {
        Input::File(p) => (p.clone(), ingest::load(p, limits)),
        Input::Stdin => (PathBuf::from("-"), ingest::load_stdin(limits)),
        Input::Failed(e) => {
            let path = match e {
                Error::Io { path, .. } | Error::Unreadable { path, .. } => path.clone(),
                _ => PathBuf::new(),
            };
            (path, Err(Error::Other(e.to_string())))
        }
    }
}

/// Read, parse and extract `inputs`, calling `emit` with each outcome in input order.
/// Documents are read until [`RUN_BYTES`] of them wait, then the extractors run over
/// them together, extractor by extractor ([`Pipeline::run_each`]): small files (a news
/// article is ~1 KB) then share an extractor's warm cache.
pub fn process_each(
    inputs: &[&Input],
    limits: &Limits,
    pipeline: &Pipeline,
    mut emit: impl FnMut(Outcome),
) {
    let mut waiting: Vec<(PathBuf, Result<Document>)> = Vec::with_capacity(inputs.len());
    let mut bytes = 0;
    for (k, input) in inputs.iter().enumerate() {
        let (path, loaded) = load(input, limits);
        bytes += loaded.as_ref().map_or(0, |d| d.source.len());
        waiting.push((path, loaded));
        if bytes >= RUN_BYTES || k + 1 == inputs.len() {
            extract_waiting(&mut waiting, pipeline, &mut emit);
            bytes = 0;
        }
    }
}

/// Run the extractors over the documents read in `waiting` and emit every outcome.
fn extract_waiting(
    waiting: &mut Vec<(PathBuf, Result<Document>)>,
    pipeline: &Pipeline,
    emit: &mut impl FnMut(Outcome),
) {
    let docs: Vec<&Document> = waiting
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .collect();
    let mut found = pipeline.run_each(&docs).into_iter();
    drop(docs);
    for (path, loaded) in waiting.drain(..) {
        let outcome = match loaded {
            Ok(doc) => {
                let bytes = doc.source.len() as u64;
                match found.next().flatten() {
                    Some(facts) => Outcome {
                        path,
                        bytes,
                        result: Ok((doc, facts)),
                    },
                    // An extractor bug must not take the batch down: it is contained to
                    // this file.
                    None => Outcome {
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
        };
        emit(outcome);
    }
}

/// Process `inputs` in parallel and call `consume` with each outcome, in input order.
/// Stops early (returning the error) only when `consume` fails.
pub fn for_each<E>(
    inputs: &[Input],
    limits: &Limits,
    pipeline: &Pipeline,
    consume: impl FnMut(Outcome) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    for_each_map(inputs, limits, pipeline, |o| o, consume)
}

/// Like [`for_each`], but `map` turns each outcome into a `T` on the worker that made it
/// (serialize it, say), so the consumer thread only receives finished results.
///
/// `consume` runs on the calling thread while the workers go on with the next inputs.
/// Called from inside the rayon pool itself, where blocking could starve the pool, it
/// processes and consumes chunk by chunk instead.
pub fn for_each_map<T: Send, E>(
    inputs: &[Input],
    limits: &Limits,
    pipeline: &Pipeline,
    map: impl Fn(Outcome) -> T + Sync,
    mut consume: impl FnMut(T) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    if rayon::current_thread_index().is_some() {
        for chunk in inputs.chunks(CHUNK) {
            let done: Vec<T> = chunk
                .par_iter()
                .map(|i| map(process(i, limits, pipeline)))
                .collect();
            done.into_iter().try_for_each(&mut consume)?;
        }
        return Ok(());
    }
    pipeline.warm_up();
    let next = AtomicUsize::new(0);
    ordered(
        || {
            let first = next.fetch_add(CLAIM, Ordering::Relaxed).min(inputs.len());
            let end = (first + CLAIM).min(inputs.len());
            (first < end).then(|| (first, inputs[first..end].iter().collect::<Vec<&Input>>()))
        },
        |claim: &[&Input]| work_on(claim, limits, pipeline, &map),
        consume,
    )
}

/// [`process_each`] over a claim, mapping each outcome on this worker.
fn work_on<T>(
    claim: &[&Input],
    limits: &Limits,
    pipeline: &Pipeline,
    map: &impl Fn(Outcome) -> T,
) -> Vec<T> {
    let mut done = Vec::with_capacity(claim.len());
    process_each(claim, limits, pipeline, |o| done.push(map(o)));
    done
}

/// Walk `paths` (as [`ingest::walk`]) and process the files found while the walk goes
/// on: the first files are extracted before the last directories are listed. Outcomes
/// reach `consume` in walk order, as with [`for_each_map`] over the walked inputs.
pub fn walk_and_map<T: Send, E>(
    paths: &[PathBuf],
    limits: &Limits,
    pipeline: &Pipeline,
    map: impl Fn(Outcome) -> T + Sync,
    consume: impl FnMut(T) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    if rayon::current_thread_index().is_some() {
        let inputs = ingest::walk(paths);
        return for_each_map(&inputs, limits, pipeline, map, consume);
    }
    let (tx, rx) = mpsc::channel::<Input>();
    let rx = Mutex::new((rx, 0usize));
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // A send fails only when the workers are gone (the consumer failed): stop.
            ingest::walk::walk_each(paths, |input| tx.send(input).is_ok());
        });
        // While the walk lists the first files.
        pipeline.warm_up();
        ordered(
            || {
                // Wait for one input, then take what else the walk has listed, so the
                // claim is never held back waiting for the walk.
                let mut guard = rx.lock().unwrap_or_else(|e| e.into_inner());
                let mut claim = vec![guard.0.recv().ok()?];
                while claim.len() < CLAIM {
                    match guard.0.try_recv() {
                        Ok(input) => claim.push(input),
                        Err(_) => break,
                    }
                }
                let first = guard.1;
                guard.1 += claim.len();
                Some((first, claim))
            },
            |claim: &[&Input]| work_on(claim, limits, pipeline, &map),
            consume,
        )
        // `rx` outlives the scope, so an early return above must not leave the walker
        // blocked: it sends on an unbounded channel and never blocks.
    })
}

/// Inputs lent by the caller or owned after they came from a walk.
trait Claim: Send {
    fn inputs(&self) -> Vec<&Input>;
}

impl Claim for Vec<&Input> {
    fn inputs(&self) -> Vec<&Input> {
        self.clone()
    }
}

impl Claim for Vec<Input> {
    fn inputs(&self) -> Vec<&Input> {
        self.iter().collect()
    }
}

/// Results waiting for the consumer: `slots[k]` is input `consumed + k`.
struct Slots<T> {
    slots: VecDeque<Option<T>>,
    consumed: usize,
    /// The consumer failed or a worker panicked: everyone stops.
    stop: bool,
    /// Workers that have not finished yet.
    running: usize,
}

/// Run `work` on every claim `next` hands out (consecutive inputs, the first one's index
/// with them), on one worker per rayon thread, and feed the results (one per input) to
/// `consume` on this thread in the order of the inputs' indices.
fn ordered<T: Send, E, C: Claim>(
    next: impl Fn() -> Option<(usize, C)> + Sync,
    work: impl Fn(&[&Input]) -> Vec<T> + Sync,
    mut consume: impl FnMut(T) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let workers = rayon::current_num_threads().max(1);
    let state = Mutex::new(Slots {
        slots: VecDeque::with_capacity(WINDOW),
        consumed: 0,
        stop: false,
        running: workers,
    });
    let ready = Condvar::new(); // the consumer waits here for the next result
    let room = Condvar::new(); // workers wait here for the window to move on
    let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // Whatever happens (a panic in `work` included), the consumer must learn
                // that this worker is gone, or it would wait for its result forever.
                struct Done<'s, T> {
                    state: &'s Mutex<Slots<T>>,
                    ready: &'s Condvar,
                    room: &'s Condvar,
                }
                impl<T> Drop for Done<'_, T> {
                    fn drop(&mut self) {
                        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
                        s.running -= 1;
                        if std::thread::panicking() {
                            s.stop = true;
                            self.room.notify_all();
                        }
                        self.ready.notify_all();
                    }
                }
                let _done = Done {
                    state: &state,
                    ready: &ready,
                    room: &room,
                };
                while let Some((first, claim)) = next() {
                    let inputs = claim.inputs();
                    let last = first + inputs.len() - 1;
                    {
                        let mut s = lock();
                        while !s.stop && last >= s.consumed + WINDOW {
                            // Whatever is ready must reach the consumer, or the window
                            // would never move on.
                            ready.notify_one();
                            s = room.wait(s).unwrap_or_else(|e| e.into_inner());
                        }
                        if s.stop {
                            return;
                        }
                    }
                    let results = work(&inputs);
                    assert_eq!(results.len(), inputs.len(), "one result per input");
                    drop(inputs);
                    drop(claim);
                    let mut s = lock();
                    let k = first - s.consumed;
                    if s.slots.len() < k + results.len() {
                        s.slots.resize_with(k + results.len(), || None);
                    }
                    for (slot, result) in s.slots.range_mut(k..).zip(results) {
                        *slot = Some(result);
                    }
                    // Wake the consumer for a run of results, not for each: a wake-up
                    // per file (~14,000 a run) cost two context switches each.
                    if k < WAKE_AFTER
                        && s.slots.len() >= WAKE_AFTER
                        && s.slots.iter().take(WAKE_AFTER).all(Option::is_some)
                    {
                        ready.notify_one();
                    }
                }
            });
        }
        let mut batch: Vec<T> = Vec::new();
        loop {
            {
                let mut s = lock();
                loop {
                    while let Some(Some(_)) = s.slots.front() {
                        if let Some(Some(t)) = s.slots.pop_front() {
                            batch.push(t);
                        }
                    }
                    if !batch.is_empty() || s.stop {
                        break;
                    }
                    // Every worker has finished and nothing is left: all done.
                    if s.running == 0 && s.slots.is_empty() {
                        break;
                    }
                    s = ready.wait(s).unwrap_or_else(|e| e.into_inner());
                }
                s.consumed += batch.len();
                if !batch.is_empty() {
                    room.notify_all();
                }
                if batch.is_empty() {
                    // Stopped by a panicking worker (the scope re-raises the panic), or
                    // finished.
                    return Ok(());
                }
            }
            for t in batch.drain(..) {
                if let Err(e) = consume(t) {
                    let mut s = lock();
                    s.stop = true;
                    room.notify_all();
                    return Err(e);
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Options;

    fn corpus(n: usize) -> (tempfile::TempDir, Vec<Input>) {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for i in 0..n {
            let p = dir.path().join(format!("{i:04}.txt"));
            // Every seventh input is missing: failures keep their place too.
            if i % 7 != 3 {
                std::fs::write(&p, format!("Fees rose {i}% in year {i}.\n")).unwrap();
            }
            inputs.push(Input::File(p));
        }
        (dir, inputs)
    }

    #[test]
    fn outcomes_come_back_in_input_order_past_the_window() {
        let (_dir, inputs) = corpus(WINDOW * 2 + 17);
        let pipeline = Pipeline::new(&Options::default());
        let mut seen = Vec::new();
        for_each_map(
            &inputs,
            &Limits::default(),
            &pipeline,
            |o| (o.path, o.result.is_ok()),
            |(p, ok)| -> std::result::Result<(), ()> {
                seen.push((p, ok));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen.len(), inputs.len());
        for (i, ((p, ok), input)) in seen.iter().zip(&inputs).enumerate() {
            let Input::File(want) = input else { panic!() };
            assert_eq!(p, want);
            assert_eq!(*ok, i % 7 != 3, "{i}");
        }
    }

    /// Every count of inputs around the wake-up run and the window reaches the consumer
    /// whole (a missed wake-up would hang: the batch runs on a thread with a deadline).
    #[test]
    fn no_result_waits_for_a_wake_up_that_never_comes() {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let pipeline = Pipeline::new(&Options::default());
            for n in [
                0,
                1,
                2,
                WAKE_AFTER - 1,
                WAKE_AFTER,
                WAKE_AFTER + 1,
                CLAIM - 1,
                CLAIM,
                CLAIM + 1,
                WINDOW + 1,
            ] {
                let (_dir, inputs) = corpus(n);
                let mut seen = 0;
                for_each(&inputs, &Limits::default(), &pipeline, |_| -> Result<()> {
                    // A slow consumer lets the workers fill the window.
                    if seen % 64 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                    seen += 1;
                    Ok(())
                })
                .unwrap();
                tx.send((n, seen)).unwrap();
            }
        });
        for _ in 0..10 {
            let (n, seen) = rx
                .recv_timeout(std::time::Duration::from_secs(120))
                .expect("the batch finished");
            assert_eq!(seen, n);
        }
    }

    #[test]
    fn a_failing_consumer_stops_the_batch() {
        let (_dir, inputs) = corpus(WINDOW + 50);
        let pipeline = Pipeline::new(&Options::default());
        let mut n = 0;
        let r = for_each(&inputs, &Limits::default(), &pipeline, |_| {
            n += 1;
            if n == 10 {
                Err("stop")
            } else {
                Ok(())
            }
        });
        assert_eq!(r, Err("stop"));
        assert_eq!(n, 10);
    }

    #[test]
    fn walking_and_mapping_gives_the_walk_order() {
        let (dir, inputs) = corpus(40);
        let pipeline = Pipeline::new(&Options::default());
        let mut seen = Vec::new();
        walk_and_map(
            &[dir.path().to_path_buf()],
            &Limits::default(),
            &pipeline,
            |o| o.path,
            |p| -> std::result::Result<(), ()> {
                seen.push(p);
                Ok(())
            },
        )
        .unwrap();
        let want: Vec<PathBuf> = inputs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 7 != 3)
            .map(|(_, i)| match i {
                Input::File(p) => p.clone(),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(seen, want);
    }
}
