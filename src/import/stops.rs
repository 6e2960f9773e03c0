//! Finding the next byte that ends an unquoted field (the delimiter, `\r`
//! or `\n`) 64 bytes at a time: a 64-byte window is classified at once into
//! a bit mask (SSE2 compares on x86_64, a byte loop elsewhere) and the
//! fields inside it are read off the mask, so a short field costs a shift
//! and a count of trailing zeros instead of a search call.

/// Bytes classified per window.
const WINDOW: usize = 64;

/// The stop bytes of one block, one 64-byte window at a time.
pub(super) struct Stops {
    needles: [u8; 3],
    /// Start of the window the mask describes (none yet: a start no
    /// offset reaches).
    start: usize,
    /// Bit `i` set when byte `start + i` is a stop.
    mask: u64,
}

impl Stops {
    pub(super) fn new(delimiter: u8) -> Self {
        Stops {
            needles: [delimiter, b'\r', b'\n'],
            start: usize::MAX - WINDOW,
            mask: 0,
        }
    }

    /// The first stop at or after `from` in `data`, or `data.len()`.
    #[inline]
    pub(super) fn next(&mut self, data: &[u8], mut from: usize) -> usize {
        loop {
            let offset = from.wrapping_sub(self.start);
            if offset < WINDOW {
                let rest = self.mask >> offset;
                if rest != 0 {
                    return from + rest.trailing_zeros() as usize;
                }
                from = self.start + WINDOW;
            }
            if from >= data.len() {
                return data.len();
            }
            self.start = from;
            let end = data.len().min(from + WINDOW);
            self.mask = window_mask(&data[from..end], self.needles);
        }
    }
}

/// The mask of a window of at most 64 bytes (a short one is the end of
/// the data: its padding is not a stop, and bits past its end are clear).
#[inline]
fn window_mask<const N: usize>(w: &[u8], needles: [u8; N]) -> u64 {
    if w.len() == WINDOW {
        return classify(w, needles);
    }
    let mut padded = [0u8; WINDOW];
    padded[..w.len()].copy_from_slice(w);
    classify(&padded, needles) & ((1u64 << w.len()) - 1)
}

/// Every position in `data` of one of the needles, in order (a block's
/// quotes and line feeds, for the record-boundary scan).
pub(super) fn matches<const N: usize>(
    data: &[u8],
    needles: [u8; N],
) -> impl Iterator<Item = usize> + '_ {
    data.chunks(WINDOW).enumerate().flat_map(move |(k, w)| {
        let mut mask = window_mask(w, needles);
        std::iter::from_fn(move || {
            if mask == 0 {
                return None;
            }
            let i = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            Some(k * WINDOW + i)
        })
    })
}

/// Bit `i` set when `w[i]` is one of the needles (`w` is 64 bytes).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn classify<const N: usize>(w: &[u8], needles: [u8; N]) -> u64 {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let splats = needles.map(|n| set_splat_i8_m128i(n as i8));
    let mut mask = 0u64;
    for (k, chunk) in w.chunks_exact(16).take(WINDOW / 16).enumerate() {
        let Ok(bytes) = <&[u8; 16]>::try_from(chunk) else {
            break;
        };
        let v = load_unaligned_m128i(bytes);
        let hit = splats.iter().fold(m128i::default(), |hit, &n| {
            bitor_m128i(hit, cmp_eq_mask_i8_m128i(v, n))
        });
        mask |= u64::from(move_mask_i8_m128i(hit) as u16) << (16 * k);
    }
    mask
}

/// Bit `i` set when `w[i]` is one of the needles (`w` is 64 bytes).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn classify<const N: usize>(w: &[u8], needles: [u8; N]) -> u64 {
    w.iter().take(WINDOW).enumerate().fold(0u64, |m, (i, &x)| {
        m | (u64::from(needles.contains(&x)) << i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_stop_as_a_byte_search_does() {
        let mut seed = 7u64;
        for len in [0usize, 1, 5, 63, 64, 65, 127, 128, 129, 300] {
            for _ in 0..50 {
                let data: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        b"ab;,\r\n\"x"[(seed >> 60) as usize % 8]
                    })
                    .collect();
                let mut stops = Stops::new(b';');
                // Forward, and jumping back and ahead as the splitter does.
                for from in (0..=len).chain([len / 2, 0, len / 3]) {
                    let want = data[from..]
                        .iter()
                        .position(|&b| matches!(b, b';' | b'\r' | b'\n'))
                        .map_or(len, |k| from + k);
                    assert_eq!(stops.next(&data, from), want, "len {len} from {from}");
                }
                let all: Vec<usize> = matches(&data, [b';', b'\r', b'\n']).collect();
                let want: Vec<usize> = (0..len)
                    .filter(|&i| matches!(data[i], b';' | b'\r' | b'\n'))
                    .collect();
                assert_eq!(all, want, "len {len}");
            }
        }
    }
}
