/**
 * Disclosure control: which counts of a municipality's results may be shown (docs/disclosure.md).
 * - protectUnits(), protectDistribution(): the first, per-table rules (issue 3). protectRelease() uses protectUnits() for
 *   its head counts; protectDistribution() remains as the attacker test's example of per-table rules that are not enough.
 * - protectRelease(): the frozen release of a closed wave, every table protected together against a viewer
 *   who combines all of them (proven by the attacker-model property in disclosure/attacker.test.ts).
 */
export * from './disclosure/units.js';
export * from './disclosure/release.js';
