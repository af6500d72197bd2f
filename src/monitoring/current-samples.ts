/**
 * The current batch's columns cleaned into samples, each once on first use: the drift tests and
 * the distribution charts of one evaluation read the same samples (cleaning a numerical column
 * copies and sorts it, the larger part of a drift test's time once its p-value is cached).
 */
import { columnValues } from './dataset-columns.js';
import { type Sample, toSample } from './sample.js';
import type { ColumnType, DatasetColumns } from './types.js';

export class CurrentSamples {
  private readonly samples = new Map<string, Sample>();

  constructor(readonly columns: DatasetColumns) {}

  /** The column cleaned as `type`; throws as toSample does for a missing, empty or mistyped column. */
  sample(column: string, type: ColumnType): Sample {
    const key = `${type}:${column}`;
    let sample = this.samples.get(key);
    if (sample === undefined) {
      sample = toSample(column, type, columnValues(this.columns, column, 'current'), 'current');
      this.samples.set(key, sample);
    }
    return sample;
  }
}

/** A batch as columns, or already wrapped to share its samples. */
export type CurrentData = DatasetColumns | CurrentSamples;

export function currentSamples(current: CurrentData): CurrentSamples {
  return current instanceof CurrentSamples ? current : new CurrentSamples(current);
}
