/**
 * One-factor maximum-likelihood factor analysis of a correlation matrix: the model behind omega total.
 * Minimises the ML discrepancy log|Σ| + tr(RΣ⁻¹) with Σ = λλ' + Ψ and psych's bounds ψᵢ ≥ 0.005
 * (psych::fa(fm = "ml") optimises the same function with L-BFGS-B).
 * Two stages: EM (Rubin & Thayer 1982), accelerated by SQUAREM (Varadhan & Roland 2008), reaches the
 * neighbourhood of the solution and shows which uniquenesses sit on the bound (Heywood cases); then
 * Newton's method on the ML equations converges quadratically to full precision. EM alone crawls
 * when a uniqueness nears the bound, which is common with few respondents.
 * Everything is O(k²) per step except Newton's k × k solve: with one factor Σ⁻¹ follows from Woodbury.
 */

export interface OneFactorFit {
  loadings: Float64Array;
  uniquenesses: Float64Array;
  /** EM steps plus Newton steps. */
  iterations: number;
  converged: boolean;
}

/** psych's lower bound on the uniquenesses in fa(fm = "ml"). */
export const MIN_UNIQUENESS = 0.005;

type Theta = Float64Array; // [λ₁…λₖ, ψ₁…ψₖ]

/**
 * One EM step. E-step: δ = Σ⁻¹λ = Ψ⁻¹λ / (1 + λ'Ψ⁻¹λ) and the factor's conditional second moment;
 * M-step: λ = Rδ / E[z²], ψᵢ = max(0.005, rᵢᵢ − λᵢ(Rδ)ᵢ) — the clamp is the exact M-step under the bound.
 */
function emStep(r: Float64Array, k: number, theta: Theta): Theta {
  let lpl = 0;
  for (let i = 0; i < k; i++) lpl += (theta[i]! * theta[i]!) / theta[k + i]!;
  const delta = new Float64Array(k);
  for (let i = 0; i < k; i++) delta[i] = theta[i]! / theta[k + i]! / (1 + lpl);
  const rDelta = new Float64Array(k);
  let ezz = 1;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) rDelta[i]! += r[i * k + j]! * delta[j]!;
    ezz += delta[i]! * (rDelta[i]! - theta[i]!);
  }
  const next = new Float64Array(2 * k);
  for (let i = 0; i < k; i++) {
    next[i] = rDelta[i]! / ezz;
    next[k + i] = Math.max(MIN_UNIQUENESS, r[i * k + i]! - next[i]! * rDelta[i]!);
  }
  return next;
}

/** The ML discrepancy log|Σ| + tr(RΣ⁻¹) (without its constant), by Woodbury. */
export function discrepancy(r: Float64Array, k: number, loadings: Float64Array, uniquenesses: Float64Array): number {
  let logDet = 0;
  let trace = 0;
  let lw = 0;
  const w = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const psi = uniquenesses[i]!;
    if (!(psi > 0)) return Number.POSITIVE_INFINITY;
    w[i] = loadings[i]! / psi;
    lw += loadings[i]! * w[i]!;
    logDet += Math.log(psi);
    trace += r[i * k + i]! / psi;
  }
  let wrw = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) wrw += w[i]! * r[i * k + j]! * w[j]!;
  return logDet + Math.log1p(lw) + trace - wrw / (1 + lw);
}

const split = (theta: Theta, k: number): [Float64Array, Float64Array] => [theta.subarray(0, k), theta.subarray(k)];
const maxAbs = (x: Float64Array) => x.reduce((m, e) => Math.max(m, Math.abs(e)), 0);

/** The largest eigenvalue and its unit eigenvector of a symmetric k × k matrix, by power iteration. */
function topEigen(m: Float64Array, k: number): { value: number; vector: Float64Array } {
  let v = new Float64Array(k).fill(1 / Math.sqrt(k));
  let value = 0;
  for (let it = 0; it < 1000; it++) {
    const next = new Float64Array(k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) next[i]! += m[i * k + j]! * v[j]!;
    value = Math.hypot(...next);
    if (!(value > 0)) break;
    const change = next.reduce((s, x, i) => Math.max(s, Math.abs(x / value - v[i]!)), 0);
    v = next.map((x) => x / value);
    if (change < 1e-12) break;
  }
  return { value, vector: v };
}

/**
 * A start from given uniquenesses ψ: the loadings the ML solution would have for that ψ,
 * λ = Ψ^½ v √(θ − 1) with (θ, v) the top eigenpair of Ψ^−½ R Ψ^−½ (psych's FAout for one factor).
 */
function startFrom(r: Float64Array, k: number, psi: Float64Array): Theta {
  const scaled = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) scaled[i * k + j] = r[i * k + j]! / Math.sqrt(psi[i]! * psi[j]!);
  const { value, vector } = topEigen(scaled, k);
  const theta = new Float64Array(2 * k);
  for (let i = 0; i < k; i++) {
    theta[i] = Math.sqrt(psi[i]!) * vector[i]! * Math.sqrt(Math.max(value - 1, 1e-3));
    theta[k + i] = psi[i]!;
  }
  return theta;
}

/**
 * Two starts, as different optimisers would take them: psych's (ψ = 1 − squared multiple correlation)
 * and the first principal component (ψ = 1 − its squared loadings). With few respondents and weakly
 * related items the likelihood can have several local optima; the better fit of the two is kept.
 */
function starts(r: Float64Array, k: number): Theta[] {
  const pc = topEigen(r, k);
  const fromPc = pc.vector.map((v, i) => Math.max(MIN_UNIQUENESS, r[i * k + i]! - Math.min(0.9, v * v * pc.value)));
  const out = [startFrom(r, k, fromPc)];
  const inverse = inverseDiagonal(r, k);
  // 1 − SMC = 1 / (R⁻¹)ᵢᵢ; a correlation matrix that is not positive definite has no SMC start.
  if (inverse) out.push(startFrom(r, k, inverse.map((d, i) => Math.min(r[i * k + i]!, Math.max(MIN_UNIQUENESS, 1 / d)))));
  return out;
}

/**
 * EM with SQUAREM (scheme S3): two EM steps, extrapolate, project onto the bound, one stabilising EM step;
 * the step length is halved towards plain EM while the extrapolation does worse than the two EM steps.
 * Runs until an EM step moves nothing by more than `tolerance`.
 */
function squarem(r: Float64Array, k: number, theta: Theta, tolerance: number, maxSteps: number) {
  let steps = 0;
  while (steps < maxSteps) {
    const t1 = emStep(r, k, theta);
    const step = t1.map((x, i) => x - theta[i]!);
    steps++;
    if (maxAbs(step) < tolerance) return { theta: t1, steps, converged: true };
    const t2 = emStep(r, k, t1);
    steps++;
    const curvature = t2.map((x, i) => x - 2 * t1[i]! + theta[i]!);
    const norm = Math.hypot(...curvature);
    let alpha = norm > 0 ? Math.min(-1, -Math.hypot(...step) / norm) : -1;
    const plain = discrepancy(r, k, ...split(t2, k));
    for (;;) {
      if (alpha === -1) {
        theta = t2;
        break;
      }
      const jump = theta.map((x, i) => x - 2 * alpha * step[i]! + alpha * alpha * curvature[i]!);
      for (let i = k; i < 2 * k; i++) jump[i] = Math.max(MIN_UNIQUENESS, jump[i]!);
      const candidate = emStep(r, k, jump);
      if (discrepancy(r, k, ...split(candidate, k)) <= plain) {
        theta = candidate;
        steps++;
        break;
      }
      alpha = Math.min(-1, alpha / 2);
    }
  }
  return { theta, steps, converged: false };
}

/** The diagonal of R⁻¹ by Cholesky (R = LL', (R⁻¹)ᵢᵢ = Σⱼ (L⁻¹)ⱼᵢ²); null unless R is positive definite. */
function inverseDiagonal(r: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = r[i * k + j]!;
      for (let m = 0; m < j; m++) sum -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        if (!(sum > 1e-12)) return null;
        l[i * k + i] = Math.sqrt(sum);
      } else l[i * k + j] = sum / l[j * k + j]!;
    }
  }
  // Column i of L⁻¹ by forward substitution; its squared length is (R⁻¹)ᵢᵢ.
  const out = new Float64Array(k);
  const column = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    column.fill(0);
    column[i] = 1 / l[i * k + i]!;
    let squares = column[i]! * column[i]!;
    for (let j = i + 1; j < k; j++) {
      let sum = 0;
      for (let m = i; m < j; m++) sum -= l[j * k + m]! * column[m]!;
      column[j] = sum / l[j * k + j]!;
      squares += column[j]! * column[j]!;
    }
    out[i] = squares;
  }
  return out;
}

/** Solves A x = b (n × n, row-major; both overwritten) by Gaussian elimination with partial pivoting; null if singular. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = row;
    if (!(Math.abs(a[pivot * n + col]!) > 1e-300)) return null;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) [a[col * n + j], a[pivot * n + j]] = [a[pivot * n + j]!, a[col * n + j]!];
      [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    }
    for (let row = col + 1; row < n; row++) {
      const f = a[row * n + col]! / a[col * n + col]!;
      if (f === 0) continue;
      for (let j = col; j < n; j++) a[row * n + j]! -= f * a[col * n + j]!;
      b[row]! -= f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row]!;
    for (let j = row + 1; j < n; j++) sum -= a[row * n + j]! * x[j]!;
    x[row] = sum / a[row * n + row]!;
  }
  return x;
}

/**
 * Newton's method on the ML equations. At the optimum Rδ = λ with δ = Σ⁻¹λ (stationarity in λ) and
 * ψᵢ = rᵢᵢ − λᵢ² for every uniqueness off the bound (stationarity in ψ); the others stay at 0.005.
 * So the unknowns are λ alone: H(λ) = Rδ(λ) − λ = 0, with the Jacobian in closed form. An item whose
 * ψ would fall below the bound is moved onto it, and one on the bound is freed when rᵢᵢ − λᵢ² > 0.005
 * at the solution (the likelihood would then rise by moving it off). Null when it fails to converge.
 */
function newton(r: Float64Array, k: number, from: Theta): { theta: Theta; iterations: number } | null {
  const lambda = from.slice(0, k);
  const onBound = Array.from(from.subarray(k), (psi) => psi <= MIN_UNIQUENESS);
  const psi = new Float64Array(k);
  const w = new Float64Array(k);
  const dw = new Float64Array(k);
  for (let iteration = 1; iteration <= 100; iteration++) {
    let s = 0;
    for (let i = 0; i < k; i++) {
      const free = r[i * k + i]! - lambda[i]! * lambda[i]!;
      if (!onBound[i] && free < MIN_UNIQUENESS) onBound[i] = true;
      psi[i] = onBound[i] ? MIN_UNIQUENESS : free;
      w[i] = lambda[i]! / psi[i]!;
      // d(λᵢ/ψᵢ)/dλᵢ: ψᵢ is constant on the bound, rᵢᵢ − λᵢ² off it.
      dw[i] = onBound[i] ? 1 / psi[i]! : (psi[i]! + 2 * lambda[i]! * lambda[i]!) / (psi[i]! * psi[i]!);
      s += lambda[i]! * w[i]!;
    }
    const rw = new Float64Array(k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) rw[i]! += r[i * k + j]! * w[j]!;
    const h = rw.map((x, i) => x / (1 + s) - lambda[i]!);
    // Solved when the equations hold to rounding, or the step is that small (near a bound the Jacobian
    // is ill-conditioned, and steps of 1e-13 can then cycle around a residual of 1e-17).
    let solved = maxAbs(h) < 1e-15;
    if (!solved) {
      // J = R·diag(dw)/(1 + s) − (Rw)(ds)'/(1 + s)² − I, with dsᵢ = wᵢ + λᵢ dwᵢ.
      const jacobian = new Float64Array(k * k);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const ds = w[j]! + lambda[j]! * dw[j]!;
          jacobian[i * k + j] = (r[i * k + j]! * dw[j]!) / (1 + s) - (rw[i]! * ds) / ((1 + s) * (1 + s)) - (i === j ? 1 : 0);
        }
      }
      const delta = solve(jacobian, h, k);
      if (!delta || !delta.every(Number.isFinite)) return null;
      for (let i = 0; i < k; i++) lambda[i]! -= delta[i]!;
      solved = maxAbs(delta) < 1e-14;
    }
    if (solved) {
      const freed = onBound.map((b, i) => b && r[i * k + i]! - lambda[i]! * lambda[i]! > MIN_UNIQUENESS);
      if (!freed.some(Boolean)) {
        const theta = new Float64Array(2 * k);
        theta.set(lambda);
        for (let i = 0; i < k; i++) theta[k + i] = onBound[i] ? MIN_UNIQUENESS : r[i * k + i]! - lambda[i]! * lambda[i]!;
        return { theta, iterations: iteration };
      }
      freed.forEach((f, i) => f && (onBound[i] = false));
    }
  }
  return null;
}

/** EM, then Newton where it lands at least as well as EM (never on a worse stationary point), else EM to the end. */
function fitFrom(r: Float64Array, k: number, from: Theta): OneFactorFit & { discrepancy: number } {
  const em = squarem(r, k, from, 1e-5, 1_000);
  const polished = newton(r, k, em.theta);
  const emDiscrepancy = discrepancy(r, k, ...split(em.theta, k));
  if (polished) {
    const [loadings, uniquenesses] = split(polished.theta, k);
    const d = discrepancy(r, k, loadings, uniquenesses);
    if (d <= emDiscrepancy + 1e-12) return { loadings, uniquenesses, iterations: em.steps + polished.iterations, converged: true, discrepancy: d };
  }
  const slow = squarem(r, k, em.theta, 1e-13, 50_000);
  const [loadings, uniquenesses] = split(slow.theta, k);
  return { loadings, uniquenesses, iterations: em.steps + slow.steps, converged: slow.converged, discrepancy: discrepancy(r, k, loadings, uniquenesses) };
}

/** The one-factor ML fit of a k × k correlation matrix (row-major): the better of the fits from both starts. */
export function oneFactorMl(r: Float64Array, k: number): OneFactorFit {
  const fits = starts(r, k).map((theta) => fitFrom(r, k, theta));
  const best = fits.reduce((a, b) => (b.converged && (!a.converged || b.discrepancy < a.discrepancy - 1e-12) ? b : a));
  return { loadings: best.loadings, uniquenesses: best.uniquenesses, iterations: fits.reduce((s, f) => s + f.iterations, 0), converged: best.converged };
}
