/**
 * Drift over a set of columns, as Evidently's DataDriftPreset: each column's `ValueDrift`, and
 * `DriftedColumnsCount` (count, share = drifted / tested, dataset drift when share >= the
 * drift share). The reference is cleaned and sorted once by `prepareReference`, then compared
 * with any number of current batches by `compareToReference`.
 */
import { type ColumnDrift, type DriftOptions, sampleDrift } from './column-drift.js';
import { columnValues } from './dataset-columns.js';
import { type CurrentData, currentSamples } from './current-samples.js';
import { MonitoringInputError } from './errors.js';
import { type Sample, toSample } from './sample.js';
import type { ColumnType, DatasetColumns } from './types.js';

/** Evidently's default share of drifted columns at which the whole dataset counts as drifted. */
export const DEFAULT_DRIFT_SHARE = 0.5;

/** The columns to test, by type, in report order (DataDefinition order in Evidently). */
export interface DriftSchema {
  readonly numerical: readonly string[];
  readonly categorical: readonly string[];
}

export interface DatasetDriftOptions extends DriftOptions {
  /** Share of drifted columns from which the dataset counts as drifted; default 0.5. */
  readonly driftShare?: number | undefined;
}

export interface DatasetDrift {
  /** One result per tested column: numerical columns, then categorical, in schema order. */
  readonly columns: readonly ColumnDrift[];
  readonly driftedCount: number;
  /** driftedCount / number of columns tested. */
  readonly share: number;
  readonly driftShare: number;
  /** share >= driftShare (so exactly half counts as drift with the default 0.5). */
  readonly datasetDrift: boolean;
}

/** The reference side, cleaned and sorted once. Treat as opaque. */
export interface PreparedReference {
  readonly schema: DriftSchema;
  readonly samples: ReadonlyMap<string, Sample>;
}

export function prepareReference(schema: DriftSchema, reference: DatasetColumns): PreparedReference {
  const columns = schemaColumns(schema);
  if (columns.length === 0) throw new MonitoringInputError('The drift schema lists no column to test.');
  const samples = new Map<string, Sample>();
  for (const [column, type] of columns) {
    if (samples.has(column)) throw new MonitoringInputError(`Column '${column}' appears twice in the drift schema.`);
    samples.set(column, toSample(column, type, columnValues(reference, column, 'reference'), 'reference'));
  }
  return { schema, samples };
}

export function compareToReference(
  reference: PreparedReference,
  current: CurrentData,
  options: DatasetDriftOptions = {},
): DatasetDrift {
  const driftShare = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  const samples = currentSamples(current);
  const columns = schemaColumns(reference.schema).map(([column, type]) => sampleDrift(column, reference.samples.get(column)!, samples.sample(column, type), options));
  const driftedCount = columns.filter((c) => c.drifted).length;
  const share = driftedCount / columns.length;
  return { columns, driftedCount, share, driftShare, datasetDrift: share >= driftShare };
}

function schemaColumns(schema: DriftSchema): [string, ColumnType][] {
  return [...schema.numerical.map((c): [string, ColumnType] => [c, 'num']), ...schema.categorical.map((c): [string, ColumnType] => [c, 'cat'])];
}
