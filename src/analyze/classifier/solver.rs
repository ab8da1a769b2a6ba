//! Fitting one topic's logistic regression: L2-regularised, classes weighted, minimised by a
//! small deterministic L-BFGS (no randomness: the model file rebuilds byte for byte).

use super::TrainOptions;

/// Fit one L2-regularised logistic regression (`C * sum(s_i * logloss_i) + |w|^2 / 2`, the
/// bias unpenalised) with L-BFGS: returns the weights and the bias.
pub(super) fn fit_logistic(
    rows: &[Vec<(u32, f32)>],
    y: &[bool],
    dim: usize,
    opts: &TrainOptions,
) -> (Vec<f64>, f64) {
    let n = rows.len() as f64;
    let positives = y.iter().filter(|&&p| p).count() as f64;
    let (w_pos, w_neg) = if opts.balanced && positives > 0.0 && positives < n {
        (n / (2.0 * positives), n / (2.0 * (n - positives)))
    } else {
        (1.0, 1.0)
    };
    let c = opts.c;
    // Parameters: dim weights, then the bias.
    let objective = |x: &[f64], grad: &mut [f64]| -> f64 {
        let (w, b) = x.split_at(dim);
        let b = b[0];
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        for (row, &label) in rows.iter().zip(y) {
            let z = b + row
                .iter()
                .map(|&(j, v)| w[j as usize] * f64::from(v))
                .sum::<f64>();
            let s = if label { w_pos } else { w_neg };
            // log(1 + e^z) - y z, computed without overflow.
            let softplus = z.max(0.0) + (-z.abs()).exp().ln_1p();
            loss += s * (softplus - if label { z } else { 0.0 });
            let p = 1.0 / (1.0 + (-z).exp());
            let g = c * s * (p - if label { 1.0 } else { 0.0 });
            for &(j, v) in row {
                grad[j as usize] += g * f64::from(v);
            }
            grad[dim] += g;
        }
        let mut penalty = 0.0;
        for (g, wj) in grad.iter_mut().zip(w) {
            *g += wj;
            penalty += wj * wj;
        }
        c * loss + 0.5 * penalty
    };
    let x = lbfgs(vec![0.0; dim + 1], objective, opts.max_iter);
    let b = x[dim];
    let mut w = x;
    w.truncate(dim);
    (w, b)
}

/// Minimise a smooth convex function with L-BFGS (10 correction pairs, backtracking line
/// search with the Armijo condition), from `x`, until the largest gradient component is
/// below 1e-5 times its first value or `max_iter` iterations.
pub(super) fn lbfgs(
    mut x: Vec<f64>,
    f: impl Fn(&[f64], &mut [f64]) -> f64,
    max_iter: usize,
) -> Vec<f64> {
    const MEMORY: usize = 10;
    let dim = x.len();
    let mut g = vec![0.0; dim];
    let mut fx = f(&x, &mut g);
    let g0 = g.iter().fold(0f64, |m, v| m.max(v.abs())).max(1e-12);
    let mut history: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> = Default::default();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut next = vec![0.0; dim];
    let mut gnext = vec![0.0; dim];
    for iter in 0..max_iter {
        if g.iter().fold(0f64, |m, v| m.max(v.abs())) <= 1e-5 * g0 {
            break;
        }
        // Two-loop recursion: d = -H g.
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, yv, rho) in history.iter().rev() {
            let a = rho * dot(s, &d);
            for (di, yi) in d.iter_mut().zip(yv) {
                *di -= a * yi;
            }
            alphas.push(a);
        }
        if let Some((s, yv, _)) = history.back() {
            let gamma = dot(s, yv) / dot(yv, yv);
            d.iter_mut().for_each(|v| *v *= gamma);
        } else {
            // First step: a unit-length move along the gradient.
            let norm = dot(&g, &g).sqrt();
            d.iter_mut().for_each(|v| *v /= norm);
        }
        for ((s, yv, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(yv, &d);
            for (di, si) in d.iter_mut().zip(s) {
                *di += (a - b) * si;
            }
        }
        let slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction (rounding): start the memory again.
            history.clear();
            if iter > 0 {
                continue;
            }
            break;
        }
        let mut step = 1.0;
        let mut fnext;
        loop {
            for ((n, xi), di) in next.iter_mut().zip(&x).zip(&d) {
                *n = xi + step * di;
            }
            fnext = f(&next, &mut gnext);
            if fnext <= fx + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        if step < 1e-10 {
            break;
        }
        let s: Vec<f64> = next.iter().zip(&x).map(|(a, b)| a - b).collect();
        let yv: Vec<f64> = gnext.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &yv);
        std::mem::swap(&mut x, &mut next);
        std::mem::swap(&mut g, &mut gnext);
        let converged = (fx - fnext).abs() <= 1e-12 * fx.abs().max(1.0);
        fx = fnext;
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.pop_front();
            }
            history.push_back((s, yv, 1.0 / sy));
        }
        if converged {
            break;
        }
    }
    x
}
