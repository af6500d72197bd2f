/**
 * What every drift test declares about itself, after Evidently's `StatTest` record: its name,
 * display name, the column types a user may apply it to, its default threshold, and which side
 * of the threshold means drift.
 */
import type { NumericalSample, Sample } from '../sample.js';
import type { ColumnType, DriftMethod } from '../types.js';

/** p-value tests flag drift below the threshold (KS also at it); distances at or above it. */
export type DriftRule = 'score <= threshold' | 'score < threshold' | 'score >= threshold';

export interface StatTest {
  readonly name: DriftMethod;
  /** Evidently's display name, e.g. "K-S p_value". */
  readonly displayName: string;
  /** Column types the test may be chosen for explicitly (the default selection is wider). */
  readonly columnTypes: readonly ColumnType[];
  readonly defaultThreshold: number;
  readonly driftWhen: DriftRule;
  /** The drift score of the current sample against the reference sample. */
  readonly score: (reference: Sample, current: Sample) => number;
}

export function isDrift(rule: DriftRule, score: number, threshold: number): boolean {
  switch (rule) {
    case 'score <= threshold':
      return score <= threshold;
    case 'score < threshold':
      return score < threshold;
    case 'score >= threshold':
      return score >= threshold;
  }
}

/** The numerical view of a sample, for tests defined on numbers only. */
export function numericalSample(sample: Sample, test: string): NumericalSample {
  if (sample.type !== 'num') throw new TypeError(`The ${test} test needs numerical samples.`);
  return sample;
}
