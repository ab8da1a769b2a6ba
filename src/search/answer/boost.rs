//! Boosted trees on top of the linear ranking: what a weighted sum of features cannot say
//! ("a high BM25 score counts for less when the clause's topic disagrees with the question").
//!
//! Oblivious trees (every node of a level splits on the same feature and threshold, as in
//! CatBoost): few parameters per tree, hard to overfit, and a tree is evaluated with one
//! comparison per level. They are fit by Newton boosting on the same listwise softmax loss
//! as the linear weights, starting from the linear scores. Deterministic: thresholds are
//! quantiles of the training values, sums run in a fixed order, ties go to the first feature.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::features::N_FEATURES;
use super::train::listwise_gradient;

/// Levels per tree (a tree has `2^DEPTH` leaves).
pub const DEPTH: usize = 3;
/// Trees fit.
pub const TREES: usize = 60;
/// Each tree's step is scaled by this.
const SHRINKAGE: f32 = 0.1;
/// L2 on a leaf's value (the Newton step's denominator gains this).
const LAMBDA: f64 = 20.0;
/// Candidate thresholds per feature: quantiles of its training values.
const BINS: usize = 32;

/// One oblivious tree: a feature and threshold per level, a value per leaf.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Tree {
    /// The feature each level splits on.
    pub features: Vec<u16>,
    /// Each level's threshold: a row goes right when its feature is greater.
    pub thresholds: Vec<f32>,
    /// The leaf values (shrinkage applied), indexed by the levels' decisions (bit `l` set:
    /// right at level `l`).
    pub leaves: Vec<f32>,
}

impl Tree {
    /// The tree's value for one row of features.
    pub fn value(&self, f: &[f32; N_FEATURES]) -> f32 {
        let mut leaf = 0usize;
        for (l, (&j, &t)) in self.features.iter().zip(&self.thresholds).enumerate() {
            if f.get(usize::from(j)).is_some_and(|x| *x > t) {
                leaf |= 1 << l;
            }
        }
        self.leaves.get(leaf).copied().unwrap_or(0.0)
    }
}

/// The sum of the trees' values for one row.
pub fn value(trees: &[Tree], f: &[f32; N_FEATURES]) -> f32 {
    trees.iter().map(|t| t.value(f)).sum()
}

/// Fit trees to lists of candidates (rows of features, which hold an answer) whose scores
/// start at `base` (the linear model's, list by list).
pub fn fit(lists: &[(Vec<[f32; N_FEATURES]>, &[bool])], base: &[Vec<f32>]) -> Vec<Tree> {
    // Rows in list order; thresholds per feature.
    let rows: Vec<&[f32; N_FEATURES]> = lists.iter().flat_map(|(r, _)| r.iter()).collect();
    if rows.is_empty() {
        return Vec::new();
    }
    let thresholds: Vec<Vec<f32>> = (0..N_FEATURES)
        .map(|j| {
            let mut v: Vec<f32> = rows.iter().map(|r| r[j]).collect();
            v.sort_by(f32::total_cmp);
            let mut t: Vec<f32> = (1..BINS).map(|q| v[(q * (v.len() - 1)) / BINS]).collect();
            t.dedup();
            // A threshold equal to the largest value splits nothing off.
            t.retain(|x| *x < v[v.len() - 1]);
            t
        })
        .collect();
    // Each row's bin per feature: how many thresholds its value exceeds.
    let bins: Vec<[u8; N_FEATURES]> = rows
        .iter()
        .map(|r| {
            let mut b = [0u8; N_FEATURES];
            for j in 0..N_FEATURES {
                b[j] = thresholds[j].partition_point(|t| r[j] > *t) as u8;
            }
            b
        })
        .collect();
    let mut scores: Vec<f64> = base.iter().flatten().map(|s| f64::from(*s)).collect();
    let mut trees = Vec::with_capacity(TREES);
    let mut grad = vec![0.0f64; rows.len()];
    let mut hess = vec![0.0f64; rows.len()];
    for _ in 0..TREES {
        // Gradient and Hessian (diagonal) of -log(sum over relevant of softmax), per list.
        let mut at = 0;
        for (r, relevant) in lists {
            let gradient = listwise_gradient(&scores[at..at + r.len()], relevant);
            for (i, (g, h)) in gradient.into_iter().enumerate() {
                grad[at + i] = g;
                hess[at + i] = h;
            }
            at += r.len();
        }
        let mut leaf = vec![0usize; rows.len()];
        let mut tree = Tree::default();
        for level in 0..DEPTH {
            let leaves = 1 << level;
            // Each feature's best cut (features in parallel, chosen in feature order).
            let cuts: Vec<Option<(f64, usize)>> = (0..N_FEATURES)
                .into_par_iter()
                .map(|j| {
                    best_cut(
                        &bins,
                        &leaf,
                        &grad,
                        &hess,
                        leaves,
                        j,
                        thresholds[j].len() + 1,
                    )
                })
                .collect();
            let mut best: Option<(f64, usize, usize)> = None;
            for (j, cut) in cuts.into_iter().enumerate() {
                if let Some((gain, cut)) = cut {
                    if best.is_none_or(|(b, _, _)| gain > b + 1e-12) {
                        best = Some((gain, j, cut));
                    }
                }
            }
            let Some((_, j, cut)) = best else { break };
            tree.features.push(j as u16);
            tree.thresholds.push(thresholds[j][cut]);
            for (i, b) in bins.iter().enumerate() {
                if usize::from(b[j]) > cut {
                    leaf[i] |= 1 << level;
                }
            }
        }
        let n_leaves = 1 << tree.features.len();
        let mut g = vec![0.0f64; n_leaves];
        let mut h = vec![0.0f64; n_leaves];
        for i in 0..rows.len() {
            g[leaf[i]] += grad[i];
            h[leaf[i]] += hess[i];
        }
        tree.leaves = (0..n_leaves)
            .map(|l| (-g[l] / (h[l] + LAMBDA)) as f32 * SHRINKAGE)
            .collect();
        for i in 0..rows.len() {
            scores[i] += f64::from(tree.leaves[leaf[i]]);
        }
        trees.push(tree);
    }
    trees
}

/// The best cut of feature `j` (`nb` bins) over the rows' current leaves, by the Newton gain
/// summed over leaves: `(gain, last bin on the left)`.
fn best_cut(
    bins: &[[u8; N_FEATURES]],
    leaf: &[usize],
    grad: &[f64],
    hess: &[f64],
    leaves: usize,
    j: usize,
    nb: usize,
) -> Option<(f64, usize)> {
    if nb < 2 {
        return None;
    }
    // Per leaf, per bin: sums of gradient and Hessian.
    let mut g = vec![0.0f64; leaves * nb];
    let mut h = vec![0.0f64; leaves * nb];
    for (i, b) in bins.iter().enumerate() {
        let k = leaf[i] * nb + usize::from(b[j]);
        g[k] += grad[i];
        h[k] += hess[i];
    }
    let totals: Vec<(f64, f64)> = (0..leaves)
        .map(|l| {
            let range = l * nb..(l + 1) * nb;
            (g[range.clone()].iter().sum(), h[range].iter().sum())
        })
        .collect();
    let mut left = vec![(0.0f64, 0.0f64); leaves];
    let mut best: Option<(f64, usize)> = None;
    for cut in 0..nb - 1 {
        let mut gain = 0.0;
        for l in 0..leaves {
            left[l].0 += g[l * nb + cut];
            left[l].1 += h[l * nb + cut];
            let (gl, hl) = left[l];
            let (gt, ht) = totals[l];
            let (gr, hr) = (gt - gl, ht - hl);
            gain += gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - gt * gt / (ht + LAMBDA);
        }
        if best.is_none_or(|(b, _)| gain > b + 1e-12) {
            best = Some((gain, cut));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_learn_what_a_weighted_sum_cannot() {
        // The answer is the candidate whose two features disagree (one high, one low; which
        // one alternates): no weighted sum orders it first in every list, a tree does.
        let row = |a: f32, b: f32| {
            let mut f = [0.0f32; N_FEATURES];
            f[0] = a;
            f[1] = b;
            f
        };
        let rows: Vec<Vec<[f32; N_FEATURES]>> = (0..60)
            .map(|i| {
                let x = (i % 7) as f32 / 100.0;
                let answer = if i % 2 == 0 {
                    row(0.9 - x, 0.1 + x)
                } else {
                    row(0.1 + x, 0.9 - x)
                };
                vec![row(0.1 + x, 0.2 - x), row(0.8 + x, 0.9 - x), answer]
            })
            .collect();
        let relevant = [false, false, true];
        let lists: Vec<(Vec<[f32; N_FEATURES]>, &[bool])> =
            rows.into_iter().map(|r| (r, &relevant[..])).collect();
        let base: Vec<Vec<f32>> = lists.iter().map(|(r, _)| vec![0.0; r.len()]).collect();
        let trees = fit(&lists, &base);
        assert_eq!(trees.len(), TREES);
        for (rows, _) in &lists {
            let s: Vec<f32> = rows.iter().map(|f| value(&trees, f)).collect();
            assert!(s[2] > s[0] && s[2] > s[1], "{s:?}");
        }
        // The same trees when fit again.
        assert_eq!(fit(&lists, &base), trees);
    }

    #[test]
    fn no_rows_no_trees() {
        assert!(fit(&[], &[]).is_empty());
        assert_eq!(value(&[], &[0.0; N_FEATURES]), 0.0);
    }
}
