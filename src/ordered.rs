//! A parallel map whose results come out in input order as soon as each is next, with a
//! bounded number of items in flight.
//!
//! Why not batches: linting a batch in parallel and then writing it out makes every batch
//! wait for its slowest document, while the other cores idle (and rayon's idle workers spin).
//! On 10,000 small files and 2 threads that cost a tenth of the run. Here a new item starts
//! as soon as an earlier one is written, so the cores stay busy; memory still follows the
//! window, not the input (the window's documents, not the corpus, are held at once).

use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `work` on each item on the rayon pool, at most `window` items at a time, and hands
/// the results to `sink` in input order, on the calling thread. Stops taking items once
/// `sink` breaks, and returns what it broke with (items in flight finish, their results
/// are dropped). A panic in `work` is raised again on the calling thread. A lone item runs
/// on the calling thread: handing it to the pool only waited for a worker to wake.
pub fn map_in_order<T, R, B>(
    items: impl IntoIterator<Item = T>,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> ControlFlow<B>,
) -> ControlFlow<B>
where
    T: Send,
    R: Send,
{
    let window = window.max(1);
    // One item (a pre-commit hook on one article): run it here, without waking the pool.
    let mut items = items.into_iter();
    let first = items.next();
    let mut rest = items.peekable();
    if rest.peek().is_none() {
        return first.map_or(ControlFlow::Continue(()), |only| sink(work(only)));
    }
    let items = first.into_iter().chain(rest);
    let (tx, rx) = mpsc::channel();
    let work = &work;
    rayon::in_place_scope(|scope| {
        let mut flow = ControlFlow::Continue(());
        let mut items = items.into_iter();
        // `waiting[k]` is the result of item `written + k`, once it is done.
        let mut waiting: VecDeque<Option<R>> = VecDeque::with_capacity(window);
        let mut written = 0;
        'run: loop {
            while waiting.len() < window {
                let Some(item) = items.next() else { break };
                let (tx, index) = (tx.clone(), written + waiting.len());
                scope.spawn(move |_| {
                    let _ = tx.send((index, panic::catch_unwind(AssertUnwindSafe(|| work(item)))));
                });
                waiting.push_back(None);
            }
            if waiting.is_empty() {
                break;
            }
            let (index, result) = next_done(&rx);
            let result = result.unwrap_or_else(|payload| panic::resume_unwind(payload));
            waiting[index - written] = Some(result);
            while let Some(Some(_)) = waiting.front() {
                let result = waiting.pop_front().flatten().expect("the front is done");
                written += 1;
                flow = sink(result);
                if flow.is_break() {
                    break 'run;
                }
            }
        }
        flow
    })
}

/// The next finished item. On a thread outside the pool this blocks; on one of the pool's
/// own threads (a library caller inside `ThreadPool::install`) it runs pool work while it
/// waits, since blocking there could leave the spawned items with no thread to run on.
fn next_done<M>(rx: &mpsc::Receiver<M>) -> M {
    loop {
        match rx.try_recv() {
            Ok(message) => return message,
            Err(mpsc::TryRecvError::Disconnected) => unreachable!("the sender lives as long as the loop"),
            Err(mpsc::TryRecvError::Empty) => match rayon::yield_now() {
                None => return rx.recv().expect("the sender lives as long as the loop"),
                Some(rayon::Yield::Executed) => {}
                Some(rayon::Yield::Idle) => {
                    if let Ok(message) = rx.recv_timeout(Duration::from_micros(200)) {
                        return message;
                    }
                }
            },
        }
    }
}

/// Runs `work` on every item on up to `threads` threads, the calling one among them, each
/// taking the next item as it finishes one; returns the results in input order. A panic in
/// `work` is raised again on the calling thread. A spawned thread sometimes starts a
/// millisecond late on this kind of machine (traced), so no item waits for one: the
/// calling thread takes items from the start too.
///
/// For the short bursts of a start-up (loading the rules, the rules of a lone file):
/// scoped threads, not the rayon pool, whose idle worker took 0.5 to 2 ms to wake for
/// such work (loading the rules, 2 ms, ran on one thread in most runs); a new thread
/// usually starts in 0.1 ms.
pub fn map_on_threads<T: Sync, R: Send>(threads: usize, items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let take_items = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, work(item)));
        }
    };
    let take_items = &take_items;
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.clamp(1, items.len().max(1))).map(|_| scope.spawn(take_items)).collect();
        let mut done = take_items();
        for helper in helpers {
            done.extend(helper.join().unwrap_or_else(|panic| panic::resume_unwind(panic)));
        }
        done
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(n: usize, window: usize, threads: usize) -> Vec<usize> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let mut out = Vec::new();
        // Later items finish first: the order must come from the indices, not the timing.
        let work = |i: usize| {
            std::thread::sleep(Duration::from_micros(((n - i) % 7) as u64 * 50));
            i * 2
        };
        let flow: ControlFlow<()> = pool.install(|| {
            map_in_order(0..n, window, work, |r| {
                out.push(r);
                ControlFlow::Continue(())
            })
        });
        assert!(flow.is_continue());
        out
    }

    #[test]
    fn results_come_out_in_input_order_on_any_pool() {
        let expected: Vec<usize> = (0..100).map(|i| i * 2).collect();
        for (window, threads) in [(1, 1), (3, 1), (8, 2), (100, 3), (0, 2)] {
            assert_eq!(collect(100, window, threads), expected, "window {window}, {threads} threads");
        }
        // From a thread outside any pool, as the CLI calls it.
        let mut out = Vec::new();
        let _: ControlFlow<()> = map_in_order(
            0..50,
            4,
            |i| i + 1,
            |r| {
                out.push(r);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(out, (1..=50).collect::<Vec<_>>());
    }

    #[test]
    fn a_breaking_sink_stops_taking_items() {
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        let work = |i: usize| {
            started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            i
        };
        let flow = map_in_order(0..1000, 4, work, |r| {
            seen.push(r);
            if r == 9 { ControlFlow::Break("enough") } else { ControlFlow::Continue(()) }
        });
        assert_eq!(flow, ControlFlow::Break("enough"));
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        assert!(started.load(std::sync::atomic::Ordering::Relaxed) <= 10 + 4);
    }

    #[test]
    #[should_panic(expected = "item 5")]
    fn a_panic_in_work_reaches_the_caller() {
        let _: ControlFlow<()> =
            map_in_order(0..10, 3, |i| assert!(i != 5, "item {i}"), |()| ControlFlow::Continue(()));
    }

    #[test]
    fn work_on_threads_comes_back_in_input_order() {
        let items: Vec<u64> = (0..50).collect();
        for threads in [1, 2, 7, 100] {
            // Earlier items take longer: the order must come from the indices.
            let squares = map_on_threads(threads, &items, |&i| {
                std::thread::sleep(Duration::from_micros(50 - i));
                i * i
            });
            assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>(), "{threads} threads");
        }
        assert!(map_on_threads(4, &[] as &[u8], |_| 0).is_empty());
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_on_another_thread_reaches_the_caller() {
        map_on_threads(3, &(0..20).collect::<Vec<_>>(), |&i| assert!(i != 7, "item {i}"));
    }

    #[test]
    fn a_lone_item_runs_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let flow = map_in_order([7], 4, |i| (i * 2, std::thread::current().id()), ControlFlow::Break);
        assert_eq!(flow, ControlFlow::Break((14, caller)));
        let none: ControlFlow<()> = map_in_order(std::iter::empty::<u8>(), 4, |_| (), |()| ControlFlow::Break(()));
        assert_eq!(none, ControlFlow::Continue(()));
    }
}
