/**
 * The distribution functions the tests and intervals need: normal, Student's t (central and noncentral),
 * F and beta — CDFs and quantiles in double precision, checked against R (reference.R).
 * Built on two special functions: the regularized incomplete gamma (for the normal) and the regularized
 * incomplete beta (for t, F and beta), each by its power series or its continued fraction (modified
 * Lentz), whichever converges fast at the point. Quantiles start from a textbook approximation and are
 * polished by safeguarded Halley steps on the CDF, so they are as accurate as the CDF itself.
 */

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;
const LN_SQRT_2PI = 0.9189385332046728; // log(sqrt(2π))
const SQRT_PI = 1.772453850905516;

/** The Stirling series remainder lgamma(x) − [(x − ½)log x − x + log √(2π)], for x ≥ 10 (error < 1e-16). */
function stirlingRemainder(x: number): number {
  const x2 = 1 / (x * x);
  return (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156)))))) / x;
}

// Lanczos approximation, g = 7, nine terms (relative error about 1e-15 for x > 0).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0. */
export function lgamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingRemainder(x);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x); // reflection keeps accuracy near 0
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** log B(a, b). For large arguments the Stirling remainders are combined so the big terms cancel exactly. */
export function lbeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingRemainder(q) - stirlingRemainder(p + q);
    return lgamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return lgamma(p) + lgamma(q) - lgamma(p + q);
}

/** Modified Lentz evaluation of b0 + a1/(b1 + a2/(b2 + …)); `term(i)` gives [a_i, b_i] for i ≥ 1. */
function continuedFraction(b0: number, term: (i: number) => [number, number], maxIterations: number): number {
  let f = b0 === 0 ? TINY : b0;
  let c = f;
  let d = 0;
  for (let i = 1; i <= maxIterations; i++) {
    const [a, b] = term(i);
    d = b + a * d;
    d = Math.abs(d) < TINY ? 1 / TINY : 1 / d;
    c = b + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) return f;
  }
  return f; // the iteration limits below are far above what any argument in range needs
}

/** Regularized incomplete gamma, both tails: [P(a, x), Q(a, x)]. */
function incompleteGamma(a: number, x: number): [number, number] {
  if (x <= 0) return [0, 1];
  const logPrefix = a * Math.log(x) - x - lgamma(a);
  if (x < a + 1) {
    // Power series: P = x^a e^−x / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    const p = sum * Math.exp(logPrefix);
    return [p, 1 - p];
  }
  // Continued fraction for Q (Legendre), in its even form.
  const cf = continuedFraction(x + 1 - a, (i) => [-i * (i - a), x + 1 - a + 2 * i], 10_000);
  const q = Math.exp(logPrefix) / cf;
  return [1 - q, q];
}

/** Standard normal density. */
export function dnorm(x: number): number {
  return Math.exp(-0.5 * x * x - LN_SQRT_2PI);
}

/** Standard normal CDF Φ(x) (or 1 − Φ(x) when lowerTail is false), accurate in both tails: Φ(−|x|) = Q(½, x²/2) / 2. */
export function pnorm(x: number, lowerTail = true): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = lowerTail ? x : -x;
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * incompleteGamma(0.5, 0.5 * z * z)[1];
  return z < 0 ? tail : 1 - tail;
}

/** Standard normal quantile: Abramowitz & Stegun 26.2.23 as a start, then Halley steps on pnorm. */
export function qnorm(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -qnorm(1 - p);
  if (p === 0.5) return 0;
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let i = 0; i < 20; i++) {
    const e = (pnorm(x) - p) / dnorm(x);
    const step = e / (1 + 0.5 * x * e);
    x -= step;
    if (Math.abs(step) <= 4 * EPS * Math.abs(x)) break;
  }
  return x;
}

/**
 * Regularized incomplete beta, both tails: [I_x(a, b), 1 − I_x(a, b)], with y = 1 − x passed in
 * separately so callers that know it exactly (the t distribution) lose nothing to cancellation.
 * The continued fraction is used on the side of the mean where it converges; the other tail is 1 − it.
 */
function incompleteBeta(x: number, y: number, a: number, b: number): [number, number] {
  if (x <= 0) return [0, 1];
  if (y <= 0) return [1, 0];
  const swap = x > (a + 1) / (a + b + 2);
  const [xx, yy, aa, bb] = swap ? [y, x, b, a] : [x, y, a, b];
  // log x from log1p(−y) near 1: with b in the millions (huge df) a relative error of 1e-16 in x would cost 1e-10.
  const logX = xx < 0.5 ? Math.log(xx) : Math.log1p(-yy);
  const logY = yy < 0.5 ? Math.log(yy) : Math.log1p(-xx);
  const logFront = aa * logX + bb * logY - lbeta(aa, bb);
  const maxIterations = 1000 + 20 * Math.ceil(Math.sqrt(aa + bb));
  const cf = continuedFraction(1, (i) => {
    const m = Math.floor(i / 2);
    const num = i % 2 === 1
      ? -((aa + m) * (aa + bb + m) * xx) / ((aa + 2 * m) * (aa + 2 * m + 1))
      : (m * (bb - m) * xx) / ((aa + 2 * m - 1) * (aa + 2 * m));
    return [num, 1];
  }, maxIterations);
  const near = Math.exp(logFront) / (aa * cf);
  return swap ? [1 - near, near] : [near, 1 - near];
}

/** Beta CDF P(X ≤ x) for X ~ Beta(a, b) (upper tail when lowerTail is false). */
export function pbeta(x: number, a: number, b: number, lowerTail = true): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return Number.NaN;
  const [lower, upper] = incompleteBeta(Math.min(Math.max(x, 0), 1), 1 - Math.min(Math.max(x, 0), 1), a, b);
  return lowerTail ? lower : upper;
}

/**
 * Beta quantile: x with P(X ≤ x) = p (P(X > x) = p when lowerTail is false, which keeps precision for
 * x near 1). Starting value from the normal (a, b ≥ 1) or the power-tail approximation, then Halley
 * steps kept inside a shrinking bracket (bisection when a step leaves it).
 */
export function qbeta(p: number, a: number, b: number, lowerTail = true): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return Number.NaN;
  if (p === 0) return lowerTail ? 0 : 1;
  if (p === 1) return lowerTail ? 1 : 0;
  const pLower = lowerTail ? p : 1 - p; // only for the starting value
  let x: number;
  if (a >= 1 && b >= 1) {
    const z = -qnorm(pLower); // the approximation is written for the upper-tail deviate
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const t = Math.exp(a * Math.log(a / (a + b))) / a;
    const u = Math.exp(b * Math.log(b / (a + b))) / b;
    x = pLower < t / (t + u) ? Math.pow(a * (t + u) * pLower, 1 / a) : 1 - Math.pow(b * (t + u) * (1 - pLower), 1 / b);
  }
  const logB = lbeta(a, b);
  let lo = 0;
  let hi = 1;
  if (!(x > lo && x < hi)) x = 0.5;
  for (let i = 0; i < 300; i++) {
    const f = pbeta(x, a, b, lowerTail) - p;
    if (f === 0) return x;
    if (f < 0 === lowerTail) lo = x; // the root lies above x
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB);
    const newton = f / (lowerTail ? density : -density);
    // Halley's correction only while it is small: far from the root it could shrink the step to nothing.
    const curvature = newton * ((a - 1) / x - (b - 1) / (1 - x));
    let next = x - (Math.abs(curvature) < 1 ? newton / (1 - 0.5 * curvature) : newton);
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 4 * EPS * next || hi - lo <= 4 * EPS * next) return next;
    x = next;
  }
  return x;
}

/** Student's t CDF with df > 0 degrees of freedom (df need not be an integer: Welch). */
export function pt(t: number, df: number, lowerTail = true): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return (t > 0) === lowerTail ? 1 : 0;
  // P(T ≤ −|t|) = I_x(df/2, ½) / 2 with x = df / (df + t²); 1 − x = t² / (df + t²) exactly.
  const t2 = t * t;
  const tail = 0.5 * incompleteBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5)[0];
  return (t > 0) === lowerTail ? 1 - tail : tail;
}

/** Student's t quantile. The central region uses the other tail of the beta so small |t| stay accurate. */
export function qt(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -qt(1 - p, df);
  if (p === 0.5) return 0;
  // P(T ≤ t) = p < ½  ⇔  I_x(df/2, ½) = 2p with x = df/(df + t²)  ⇔  I_y(½, df/2) = 1 − 2p with y = 1 − x.
  // Whichever of x and y is small is found directly, so neither is lost to 1 − (a number near 1).
  if (2 * p < 0.5) {
    const y = qbeta(2 * p, 0.5, df / 2, false);
    if (y <= 0.5) return -Math.sqrt((df * y) / (1 - y));
    const x = qbeta(2 * p, df / 2, 0.5);
    return -Math.sqrt((df * (1 - x)) / x);
  }
  const y = qbeta(1 - 2 * p, 0.5, df / 2);
  return -Math.sqrt((df * y) / (1 - y));
}

/** F distribution CDF with df1 and df2 degrees of freedom. */
export function pf(f: number, df1: number, df2: number, lowerTail = true): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return Number.NaN;
  if (f <= 0) return lowerTail ? 0 : 1;
  if (f === Number.POSITIVE_INFINITY) return lowerTail ? 1 : 0;
  const [lower, upper] = incompleteBeta((df1 * f) / (df1 * f + df2), df2 / (df1 * f + df2), df1 / 2, df2 / 2);
  return lowerTail ? lower : upper;
}

/**
 * F quantile: F = (df2/df1) · x/(1 − x) with x the Beta(df1/2, df2/2) quantile. A large F comes from
 * y = 1 − x, the upper quantile of Beta(df2/2, df1/2), so that 1 − x is not lost to rounding.
 */
export function qf(p: number, df1: number, df2: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df1 > 0) || !(df2 > 0)) return Number.NaN;
  const y = qbeta(p, df2 / 2, df1 / 2, false);
  if (y < 0.5) return y === 0 ? Number.POSITIVE_INFINITY : (df2 / df1) * (1 / y - 1);
  const x = qbeta(p, df1 / 2, df2 / 2);
  return (df2 / df1) * (x / (1 - x));
}

/**
 * Noncentral t CDF P(T ≤ t; df, ncp), by the series of Lenth (1989, Applied Statistics AS 243):
 * Φ(−δ) + ½ Σ_j [p_j I_x(j + ½, df/2) + q_j I_x(j + 1, df/2)], x = t²/(t² + df), with Poisson weights
 * p_j and q_j of δ²/2, summed until the remaining Poisson mass bounds the error below 1e-12.
 * As in R's pt(), for δ > 37.62 (where e^(−δ²/2) underflows) or df > 4e5 the normal approximation of
 * Abramowitz & Stegun 26.7.10 is used, so intervals agree with R there too.
 */
export function ptNoncentral(t: number, df: number, ncp: number): number {
  if (Number.isNaN(t) || !(df > 0) || Number.isNaN(ncp)) return Number.NaN;
  if (ncp === 0) return pt(t, df);
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  // For t < 0, P(T ≤ t; δ) = 1 − P(T ≤ −t; −δ).
  const negative = t < 0;
  const tt = negative ? -t : t;
  const del = negative ? -ncp : ncp;
  if (negative && ncp > 40) return 0;
  const finish = (upperSum: number) => {
    const value = Math.min(upperSum, 1);
    return negative ? 1 - value : value;
  };
  if (df > 4e5 || del * del > 2 * Math.LN2 * 1021) {
    const s = 1 / (4 * df);
    return finish(pnorm((tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s)));
  }
  let sum = 0;
  if (tt > 0) {
    const x = (tt * tt) / (tt * tt + df);
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    if (p === 0) return finish(pnorm(-del)); // not reached: the approximation above covers underflow
    let q = Math.sqrt(2 / Math.PI) * p * del;
    let remaining = 0.5 - p; // half the Poisson mass not yet used
    if (remaining < 1e-7) remaining = -0.5 * Math.expm1(-0.5 * lambda);
    const b = 0.5 * df;
    const oneMinusXPowB = Math.pow(1 - x, b);
    let a = 0.5;
    let iOdd = pbeta(x, a, b);
    let gOdd = (2 * oneMinusXPowB * Math.exp(a * Math.log(x) + lgamma(0.5 + b) - lgamma(b))) / SQRT_PI;
    let iEven = b * x < EPS ? b * x : 1 - oneMinusXPowB;
    let gEven = b * x * oneMinusXPowB;
    sum = p * iOdd + q * iEven;
    for (let j = 1; j <= 1000; j++) {
      // I_x(a + 1, b) = I_x(a, b) − g_a, and g_{a+1} = g_a · x (a + b)/(a + 1).
      a += 1;
      iOdd -= gOdd;
      iEven -= gEven;
      gOdd *= (x * (a + b - 1)) / a;
      gEven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * j);
      q *= lambda / (2 * j + 1);
      sum += p * iOdd + q * iEven;
      remaining -= p;
      if (remaining <= 0 && j > 1) break;
      if (Math.abs(2 * remaining * (iOdd - gOdd)) < 1e-12) break;
    }
  }
  return finish(sum + pnorm(-del));
}
