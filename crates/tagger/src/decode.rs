//! Viterbi decoding under the BIO constraints, and forward-backward marginals over the same
//! scores.

use crate::labels::{allowed, LABELS};

/// Scores of one sequence: `emit[t * LABELS + y]` for token `t` and label `y`, `trans[p][y]`
/// from label `p` to `y`, `start[y]` for the first token.
pub(crate) struct Scores<'a, T> {
    pub emit: &'a [T],
    pub trans: &'a [[T; LABELS]; LABELS],
    pub start: &'a [T; LABELS],
}

/// A score type Viterbi can use: `MIN` is below any sum of scores.
pub(crate) trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> {
    const MIN: Self;
}

impl Score for i64 {
    const MIN: i64 = i64::MIN / 4;
}

impl Score for f32 {
    const MIN: f32 = f32::MIN / 4.0;
}

impl Score for f64 {
    const MIN: f64 = f64::MIN / 4.0;
}

/// The labels each label may follow: all may follow any but an inside label, which follows
/// its own role's begin or inside label only.
const PREVIOUS: [&[usize]; LABELS] = [
    &[0, 1, 2, 3, 4, 5, 6],
    &[0, 1, 2, 3, 4, 5, 6],
    &[1, 2],
    &[0, 1, 2, 3, 4, 5, 6],
    &[3, 4],
    &[0, 1, 2, 3, 4, 5, 6],
    &[5, 6],
];

/// The best labels of the sequence under the BIO constraints.
pub(crate) fn viterbi<T: Score>(s: &Scores<'_, T>) -> Vec<u8> {
    let n = s.emit.len() / LABELS;
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![0u8; n * LABELS];
    let mut best = [T::MIN; LABELS];
    for (y, b) in best.iter_mut().enumerate() {
        if allowed(None, y) {
            *b = s.start[y] + s.emit[y];
        }
    }
    for t in 1..n {
        let mut next = [T::MIN; LABELS];
        let emit = &s.emit[t * LABELS..(t + 1) * LABELS];
        let back = &mut back[t * LABELS..(t + 1) * LABELS];
        for y in 0..LABELS {
            let mut top = (T::MIN, 0);
            for &p in PREVIOUS[y] {
                let v = best[p] + s.trans[p][y];
                if v > top.0 {
                    top = (v, p);
                }
            }
            next[y] = top.0 + emit[y];
            back[y] = top.1 as u8;
        }
        best = next;
    }
    let mut y = 0;
    for l in 1..LABELS {
        if best[l] > best[y] {
            y = l;
        }
    }
    let mut labels = vec![0u8; n];
    for t in (0..n).rev() {
        labels[t] = y as u8;
        y = back[t * LABELS + y] as usize;
    }
    labels
}

/// The marginal probability of every label of every token, `p[t * LABELS + y]`, the scores
/// taken as log-potentials, with the BIO constraints. Forward-backward with each step scaled
/// to sum 1: a token's potentials are taken relative to its best, and transition and start
/// scores are clamped far inside the range of `exp`, so that nothing overflows.
pub(crate) fn marginals(s: &Scores<'_, f64>) -> Vec<f64> {
    let n = s.emit.len() / LABELS;
    let exp = |x: f64| x.clamp(-600.0, 600.0).exp();
    let mut trans = [[0.0f64; LABELS]; LABELS];
    for (y, previous) in PREVIOUS.iter().enumerate() {
        for &p in *previous {
            trans[p][y] = exp(s.trans[p][y]);
        }
    }
    let mut pot = vec![0.0f64; n * LABELS];
    for (row, out) in s
        .emit
        .chunks_exact(LABELS)
        .zip(pot.chunks_exact_mut(LABELS))
    {
        let max = row.iter().copied().fold(f64::MIN, f64::max);
        for (o, e) in out.iter_mut().zip(row) {
            *o = (e - max).exp();
        }
    }
    let mut alpha = vec![0.0f64; n * LABELS];
    for y in 0..LABELS {
        if allowed(None, y) {
            alpha[y] = exp(s.start[y]) * pot[y];
        }
    }
    normalise(&mut alpha[..LABELS]);
    for t in 1..n {
        let (done, rest) = alpha.split_at_mut(t * LABELS);
        let prev = &done[(t - 1) * LABELS..];
        let cur = &mut rest[..LABELS];
        for y in 0..LABELS {
            let sum: f64 = PREVIOUS[y].iter().map(|&p| prev[p] * trans[p][y]).sum();
            cur[y] = sum * pot[t * LABELS + y];
        }
        normalise(cur);
    }
    let mut beta = vec![1.0f64; n * LABELS];
    for t in (0..n.saturating_sub(1)).rev() {
        let (head, tail) = beta.split_at_mut((t + 1) * LABELS);
        let next = &tail[..LABELS];
        let cur = &mut head[t * LABELS..];
        let pot = &pot[(t + 1) * LABELS..(t + 2) * LABELS];
        for (p, c) in cur.iter_mut().enumerate() {
            *c = (0..LABELS).map(|y| trans[p][y] * pot[y] * next[y]).sum();
        }
        normalise(cur);
    }
    for (a, b) in alpha.iter_mut().zip(&beta) {
        *a *= b;
    }
    for row in alpha.chunks_mut(LABELS) {
        normalise(row);
    }
    alpha
}

fn normalise(row: &mut [f64]) {
    let sum: f64 = row.iter().sum();
    if sum > 0.0 && sum.is_finite() {
        row.iter_mut().for_each(|v| *v /= sum);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(emit: Vec<f64>) -> (Vec<f64>, [[f64; LABELS]; LABELS], [f64; LABELS]) {
        (emit, [[0.0; LABELS]; LABELS], [0.0; LABELS])
    }

    #[test]
    fn the_table_of_previous_labels_is_the_bio_constraint() {
        for (y, previous) in PREVIOUS.iter().enumerate() {
            let allowed: Vec<usize> = (0..LABELS).filter(|&p| allowed(Some(p), y)).collect();
            assert_eq!(*previous, allowed.as_slice(), "label {y}");
        }
    }

    #[test]
    fn viterbi_never_starts_a_span_inside() {
        // The second token prefers I-content, but the first is O: it must begin instead.
        let mut emit = vec![0.0; 2 * LABELS];
        emit[0] = 5.0;
        emit[LABELS + 6] = 3.0;
        emit[LABELS + 5] = 2.0;
        let (emit, trans, start) = scores(emit);
        let labels = viterbi(&Scores {
            emit: &emit,
            trans: &trans,
            start: &start,
        });
        assert_eq!(labels, [0, 5]);
    }

    #[test]
    fn marginals_sum_to_one_and_follow_the_scores() {
        let mut emit = vec![0.0; 3 * LABELS];
        emit[5] = 4.0;
        emit[LABELS + 6] = 4.0;
        let (emit, trans, start) = scores(emit);
        let p = marginals(&Scores {
            emit: &emit,
            trans: &trans,
            start: &start,
        });
        for row in p.chunks(LABELS) {
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        assert!(p[5] > 0.5 && p[LABELS + 6] > 0.5);
        // Inside is impossible at the start.
        assert_eq!(p[6], 0.0);
    }
}

#[cfg(test)]
mod large {
    use super::*;

    #[test]
    fn huge_scores_give_probabilities_not_nan() {
        let mut emit = vec![0.0; 2 * LABELS];
        emit[5] = 1e6;
        emit[LABELS + 6] = 1e6;
        let trans = [[1e5; LABELS]; LABELS];
        let start = [0.0; LABELS];
        let p = marginals(&Scores {
            emit: &emit,
            trans: &trans,
            start: &start,
        });
        assert!(p.iter().all(|v| v.is_finite()));
        assert!((p[5] - 1.0).abs() < 1e-9 && (p[LABELS + 6] - 1.0).abs() < 1e-9);
    }
}
