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
use std::sync::mpsc;
use std::time::Duration;

/// Runs `work` on each item on the rayon pool, at most `window` items at a time, and hands
/// the results to `sink` in input order, on the calling thread. Stops taking items once
/// `sink` breaks, and returns what it broke with (items in flight finish, their results
/// are dropped). A panic in `work` is raised again on the calling thread.
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
}
