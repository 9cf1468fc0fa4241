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

/// The best labels of the sequence under the BIO constraints.
pub(crate) fn viterbi<T>(s: &Scores<'_, T>) -> Vec<u8>
where
    T: Copy + PartialOrd + std::ops::Add<Output = T>,
{
    let n = s.emit.len() / LABELS;
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![0u8; n * LABELS];
    let mut best: [Option<T>; LABELS] = [None; LABELS];
    for y in 0..LABELS {
        if allowed(None, y) {
            best[y] = Some(s.start[y] + s.emit[y]);
        }
    }
    for t in 1..n {
        let mut next: [Option<T>; LABELS] = [None; LABELS];
        for y in 0..LABELS {
            let mut top: Option<(T, usize)> = None;
            for (p, score) in best.iter().enumerate() {
                let Some(score) = *score else { continue };
                if !allowed(Some(p), y) {
                    continue;
                }
                let v = score + s.trans[p][y];
                if top.is_none_or(|(b, _)| v > b) {
                    top = Some((v, p));
                }
            }
            if let Some((v, p)) = top {
                next[y] = Some(v + s.emit[t * LABELS + y]);
                back[t * LABELS + y] = p as u8;
            }
        }
        best = next;
    }
    let mut y = (0..LABELS)
        .filter(|&y| best[y].is_some())
        .fold(None::<usize>, |acc, y| match acc {
            Some(a) if best[a] >= best[y] => Some(a),
            _ => Some(y),
        })
        .expect("O is allowed everywhere, so some label ends the sequence");
    let mut labels = vec![0u8; n];
    for t in (0..n).rev() {
        labels[t] = y as u8;
        y = back[t * LABELS + y] as usize;
    }
    labels
}

/// The marginal probability of every label of every token, `p[t * LABELS + y]`, the scores
/// taken as log-potentials, with the BIO constraints. Computed in log space, so that no score
/// is too large.
pub(crate) fn marginals(s: &Scores<'_, f64>) -> Vec<f64> {
    let n = s.emit.len() / LABELS;
    let ninf = f64::NEG_INFINITY;
    let trans = |p: usize, y: usize| {
        if allowed(Some(p), y) {
            s.trans[p][y]
        } else {
            ninf
        }
    };
    let mut alpha = vec![ninf; n * LABELS];
    for y in 0..LABELS {
        if allowed(None, y) {
            alpha[y] = s.start[y] + s.emit[y];
        }
    }
    for t in 1..n {
        for y in 0..LABELS {
            let prev = &alpha[(t - 1) * LABELS..t * LABELS];
            alpha[t * LABELS + y] =
                log_sum_exp((0..LABELS).map(|p| prev[p] + trans(p, y))) + s.emit[t * LABELS + y];
        }
    }
    let mut beta = vec![0.0f64; n * LABELS];
    for t in (0..n.saturating_sub(1)).rev() {
        for p in 0..LABELS {
            beta[t * LABELS + p] =
                log_sum_exp((0..LABELS).map(|y| {
                    trans(p, y) + s.emit[(t + 1) * LABELS + y] + beta[(t + 1) * LABELS + y]
                }));
        }
    }
    let mut out = vec![0.0f64; n * LABELS];
    for t in 0..n {
        let row: Vec<f64> = (0..LABELS)
            .map(|y| alpha[t * LABELS + y] + beta[t * LABELS + y])
            .collect();
        let z = log_sum_exp(row.iter().copied());
        for y in 0..LABELS {
            out[t * LABELS + y] = if z.is_finite() {
                (row[y] - z).exp()
            } else {
                0.0
            };
        }
    }
    out
}

/// `ln(sum(exp(x)))` without overflow; minus infinity for no finite term.
fn log_sum_exp(xs: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = xs.clone().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + xs.map(|x| (x - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(emit: Vec<f64>) -> (Vec<f64>, [[f64; LABELS]; LABELS], [f64; LABELS]) {
        (emit, [[0.0; LABELS]; LABELS], [0.0; LABELS])
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
