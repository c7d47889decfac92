/**
 * Research statistics as pure functions (no I/O): scale descriptives, reliability (Cronbach's alpha with
 * Feldt's interval, McDonald's omega total), change between waves (paired and independent tests with
 * effect sizes) and the distribution functions they stand on. Each is checked against R and psych on
 * fixed datasets (statistics/reference.R, statistics/reference.test.ts); methods in docs/statistics.md.
 */
export {
  describe, describeScale, mean, median, missingPerItem, quantileSorted, sd, variance,
  type Descriptives, type ItemMatrix, type Maybe, type ScaleDescriptives,
} from './statistics/descriptives.js';
export { itemMoments, type ItemMoments } from './statistics/covariance.js';
export { cronbachAlpha, omegaTotal, type AlphaResult, type MissingHandling, type OmegaResult } from './statistics/reliability.js';
export { oneFactorMl, type OneFactorFit } from './statistics/factor.js';
export {
  cohensDz, hedgesG, mannWhitney, noncentralTInterval, pairedDifferences, pairedTTest, rankWithTies, welchTTest, wilcoxonSignedRank,
  type EffectSize, type HedgesG, type Interval, type MannWhitneyTest, type PairedTTest, type RankTest, type SignedRankTest,
  type TTest, type WelchTTest,
} from './statistics/change.js';
export { dnorm, lbeta, lgamma, pbeta, pf, pnorm, pt, ptNoncentral, qbeta, qf, qnorm, qt } from './statistics/distributions.js';
