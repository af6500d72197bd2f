/**
 * Request bodies built from dataset rows exactly as the brief's Python client builds them: the
 * same columns in the same order (JSON.stringify keeps insertion order), numbers as JSON
 * numbers, `dteday` as "YYYY-MM-DD" (pandas' `astype(str)` of a date).
 */
import type { BikeDataset, HourRecord } from '../model/dataset.js';
import { FEATURES, type FeatureName, TARGET } from '../model/features.js';
import { EVALUATION_PERIODS, type PeriodName } from './periods.js';
import { sampleWithoutReplacement } from './sample.js';

/** COLUMNS_FOR_EVALUATION_PAYLOAD: the features in model order, the target, the date. */
export const EVALUATION_COLUMNS = [...FEATURES, TARGET, 'dteday'] as const;
/** What `generate_traffic` sends to POST /predict: the features and the date. */
export const PREDICT_COLUMNS = [...FEATURES, 'dteday'] as const;

/** The brief client samples periods longer than this many rows... */
export const EVALUATION_SAMPLE_SIZE = 1000;
/** ...with this seed (`random_state=42`). */
export const EVALUATION_SAMPLE_SEED = 42;

export type PredictRecord = Readonly<Record<FeatureName, number> & { dteday: string }>;
export type EvaluationRecord = PredictRecord & { readonly cnt: number };

/** The JSON body of POST /evaluate. */
export interface EvaluationBody {
  readonly data: readonly EvaluationRecord[];
  readonly evaluation_period_name: string;
}

/** The rows of one brief period, in time order. */
export function periodRows(dataset: BikeDataset, name: PeriodName): HourRecord[] {
  const { start, end } = EVALUATION_PERIODS[name];
  return dataset.slice(start, end);
}

/** The /evaluate body for `rows`, sampled down to EVALUATION_SAMPLE_SIZE when longer. */
export function evaluationBody(rows: readonly HourRecord[], periodName: string, seed = EVALUATION_SAMPLE_SEED): EvaluationBody {
  const kept = sampleWithoutReplacement(rows, EVALUATION_SAMPLE_SIZE, seed);
  return { data: kept.map(evaluationRecord), evaluation_period_name: periodName };
}

/** One labelled record of the /evaluate body. */
export function evaluationRecord(row: HourRecord): EvaluationRecord {
  return pick(row, EVALUATION_COLUMNS) as EvaluationRecord;
}

/** The /predict body for one row. */
export function predictRecord(row: HourRecord): PredictRecord {
  return pick(row, PREDICT_COLUMNS) as PredictRecord;
}

function pick(row: HourRecord, columns: readonly (keyof HourRecord)[]): Record<string, number | string> {
  return Object.fromEntries(columns.map((column) => [column, row[column]]));
}
