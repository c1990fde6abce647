//! Welch's t-test over timing samples, the statistic of dudect
//! (Reparaz, Balasch, Verbauwhede: "Dude, is my code constant time?", 2017).

/// Running mean and variance (Welford), per class.
#[derive(Clone, Copy, Debug, Default)]
pub struct Moments {
    pub n: f64,
    pub mean: f64,
    m2: f64,
}

impl Moments {
    /// Adds one sample.
    pub fn push(&mut self, x: f64) {
        self.n += 1.0;
        let d = x - self.mean;
        self.mean += d / self.n;
        self.m2 += d * (x - self.mean);
    }
    /// Unbiased variance.
    pub fn var(&self) -> f64 {
        if self.n < 2.0 {
            0.0
        } else {
            self.m2 / (self.n - 1.0)
        }
    }
}

/// Welch's t between two classes (0 when either is too small).
pub fn welch_t(a: &Moments, b: &Moments) -> f64 {
    let se = (a.var() / a.n + b.var() / b.n).sqrt();
    if a.n < 2.0 || b.n < 2.0 || se == 0.0 {
        0.0
    } else {
        (a.mean - b.mean) / se
    }
}

/// One t-test per cropping threshold, as dudect does: test 0 keeps every
/// sample, test i>0 keeps the samples below the p_i-th percentile of all
/// samples, p_i = 1 - 0.5^(10 i / n_crops). Cropping removes the long upper
/// tail that interrupts and a busy machine add, which only hide differences.
#[derive(Clone, Debug)]
pub struct Dudect {
    pub thresholds: Vec<f64>,
    pub tests: Vec<[Moments; 2]>,
}

impl Dudect {
    /// Thresholds from a first batch of samples (of either class).
    pub fn new(calibration: &[f64], n_crops: usize) -> Self {
        let mut sorted = calibration.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mut thresholds = vec![f64::INFINITY];
        for i in 1..=n_crops {
            let p = 1.0 - 0.5f64.powf(10.0 * i as f64 / n_crops as f64);
            let idx = ((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1));
            thresholds.push(sorted.get(idx).copied().unwrap_or(f64::INFINITY));
        }
        let tests = vec![[Moments::default(); 2]; thresholds.len()];
        Dudect { thresholds, tests }
    }

    /// Adds a sample of `class` (0 or 1).
    pub fn push(&mut self, class: usize, x: f64) {
        for (t, th) in self.tests.iter_mut().zip(&self.thresholds) {
            if x < *th {
                t[class].push(x);
            }
        }
    }

    /// The largest |t| over all crops, with its crop index and sample count.
    pub fn max_t(&self) -> (f64, usize, f64) {
        let mut best = (0.0f64, 0usize, 0.0f64);
        for (i, t) in self.tests.iter().enumerate() {
            // dudect ignores crops with too few samples to say anything
            if t[0].n + t[1].n < 10_000.0 {
                continue;
            }
            let v = welch_t(&t[0], &t[1]).abs();
            if v > best.0 {
                best = (v, i, t[0].n + t[1].n);
            }
        }
        best
    }

    /// The uncropped test.
    pub fn all(&self) -> &[Moments; 2] {
        &self.tests[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welch_matches_a_hand_computation() {
        let (mut a, mut b) = (Moments::default(), Moments::default());
        for x in [1.0, 2.0, 3.0, 4.0] {
            a.push(x);
        }
        for x in [2.0, 4.0, 6.0, 8.0] {
            b.push(x);
        }
        // means 2.5 / 5, variances 5/3 and 20/3: t = -2.5 / sqrt(25/12)
        let t = welch_t(&a, &b);
        assert!((t + 2.5 / (25.0f64 / 12.0).sqrt()).abs() < 1e-12, "{t}");
    }
}
