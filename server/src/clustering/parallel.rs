//! The one way the clustering uses the machine's cores: independent work over `0..len`,
//! cut into one contiguous part per core, the parts' results joined in order. The result is
//! the same for any number of cores, so the clustering stays deterministic.

use std::ops::Range;
use std::sync::OnceLock;
use std::thread;

/// Parts smaller than this run on fewer threads: starting a thread costs more than the work.
const MIN_PART: usize = 16;

/// The cores this process may use (asked once: on Linux it reads the cgroup's quota).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `work` over `0..len` in contiguous parts on up to [`cores`] threads (this one included),
/// each part giving one result per index; the results in index order.
pub(crate) fn map_parts<R: Send>(len: usize, work: impl Fn(Range<usize>) -> Vec<R> + Sync) -> Vec<R> {
    map_parts_of_at_least(MIN_PART, len, work)
}

/// [`map_parts`] for work whose every index is heavy (milliseconds, not microseconds):
/// parts of `min_part` indices are worth a thread.
pub(crate) fn map_parts_of_at_least<R: Send>(
    min_part: usize,
    len: usize,
    work: impl Fn(Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    let parts = cores().min(len / min_part.max(1)).max(1);
    if parts == 1 {
        return work(0..len);
    }
    let bounds: Vec<Range<usize>> = (0..parts).map(|p| p * len / parts..(p + 1) * len / parts).collect();
    thread::scope(|scope| {
        let work = &work;
        let (first, rest) = bounds.split_first().expect("at least one part");
        let others: Vec<_> = rest.iter().map(|range| scope.spawn(move || work(range.clone()))).collect();
        let mut all = work(first.clone());
        for other in others {
            all.extend(other.join().expect("a clustering thread panicked"));
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_once_in_order_whatever_the_size() {
        for len in [0, 1, MIN_PART - 1, MIN_PART * 2 + 1, 1000] {
            let seen = map_parts(len, |range| range.collect());
            assert_eq!(seen, (0..len).collect::<Vec<_>>(), "len {len}");
            let heavy = map_parts_of_at_least(1, len, |range| range.collect());
            assert_eq!(heavy, seen, "len {len}, parts of one");
        }
    }
}
