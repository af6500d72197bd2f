/**
 * The evaluation itself, shared by POST /evaluate and POST /trigger-drift: compare a labelled
 * batch with the reference (the training window and its predictions, prepared once) as
 * Evidently's DataDriftPreset and RegressionPreset do. Its two halves, the inputs' drift and the
 * model's outputs (predictions, their drift, the regression quality), run on two worker threads
 * at once (service.ts), after both predicted half of the rows, off the thread that serves
 * /predict; each worker prepares the reference once, when it starts.
 */
import { CATEGORICAL_FEATURES, columnsToFeatureMatrix, FEATURES, type FeatureName, type Features, NUMERICAL_FEATURES, TARGET } from '../../model/features.js';
import type { BikeDemandModel } from '../../model/model.js';
import type { ReferenceData } from '../../model/training.js';
import {
  buildInputReport,
  buildLabelFreeReport,
  buildOutputReport,
  type ColumnDistribution,
  CurrentSamples,
  type InputReport,
  inputDistributions,
  type LabelFreeReport,
  type MonitoringReport,
  type OutputReport,
  predictionDistribution,
  type PreparedReportReference,
  prepareReportReference,
  type ReportSchema,
} from '../../monitoring/index.js';
import { type EvaluationCharts, type RegressionChartData, regressionChartData } from './chart-data.js';

export const PREDICTION = 'prediction';

/** The 11 features are drift-tested together; target and prediction are reported beside them. */
export const REPORT_SCHEMA: ReportSchema = {
  numerical: NUMERICAL_FEATURES,
  categorical: CATEGORICAL_FEATURES,
  target: TARGET,
  prediction: PREDICTION,
};

/** One labelled hour: the features and the true rentals. */
export interface LabelledRecord extends Features {
  readonly cnt: number;
}

/** A labelled batch by column (float64, as received), cheap to hand to a worker thread. */
export type LabelledColumns = Readonly<Record<FeatureName | typeof TARGET, Float64Array>>;

export function toLabelledColumns(records: readonly LabelledRecord[]): LabelledColumns {
  const columns = {} as Record<FeatureName | typeof TARGET, Float64Array>;
  for (const name of [...FEATURES, TARGET] as const) {
    // A plain loop: Float64Array.from(records, mapper) goes through the iterator protocol, 4x slower.
    const column = new Float64Array(records.length);
    for (let i = 0; i < records.length; i++) column[i] = records[i][name];
    columns[name] = column;
  }
  return columns;
}

/** What the outputs' half reads of a batch beside the predictions: the target, and the hour (errors by hour). */
export type OutputColumns = Pick<LabelledColumns, typeof TARGET | 'hr'>;

/** Rows [from, to) of every column, as views (no copy). */
function rowRange(batch: LabelledColumns, from: number, to: number): LabelledColumns {
  return Object.fromEntries(Object.entries(batch).map(([name, column]) => [name, column.subarray(from, to)])) as LabelledColumns;
}

/**
 * Served predictions by column (live monitoring, src/api/live/): each feature as received by
 * /predict and the prediction it was given. No target: labels arrive long after.
 */
export type ServedColumns = Readonly<Record<FeatureName | typeof PREDICTION, Float64Array>>;

/** What an evaluation states, however the data of its charts is held. */
export interface EvaluationFacts {
  readonly periodName: string;
  readonly evaluatedItems: number;
  /** Unix time in seconds. */
  readonly evaluatedAt: number;
  readonly report: MonitoringReport;
}

/** An evaluation as the store keeps it and gives it back. */
export interface Evaluation extends EvaluationFacts {
  /** What the HTML report draws (chart-data.ts). */
  readonly charts: EvaluationCharts;
}

/**
 * An evaluation as the service makes it: the data of its charts (EvaluationCharts) arrives from
 * the workers as JSON text (chartsJson in service.ts), the form in which the store keeps it
 * (evaluationJson in store/rows.ts). The serving thread never reads that data; as objects,
 * cloning them from the workers and serializing them again for the store took about half a
 * millisecond of its CPU per 1,000-row evaluation (docs/benchmarks.md).
 */
export interface NewEvaluation extends EvaluationFacts {
  readonly chartsJson: string;
}

/** The inputs' half of an evaluation, with the distributions it charts. */
export interface InputsPart {
  readonly report: InputReport;
  readonly distributions: Record<string, ColumnDistribution>;
}

/** The outputs' half, with the prediction's distribution and the regression's chart data. */
export interface OutputsPart {
  readonly report: OutputReport;
  readonly predictionDistribution: ColumnDistribution;
  readonly regression: RegressionChartData;
}

export class Evaluator {
  private readonly reference: PreparedReportReference;

  constructor(
    private readonly model: BikeDemandModel,
    reference: ReferenceData,
  ) {
    const columns = toLabelledColumns(reference.rows);
    this.reference = prepareReportReference(REPORT_SCHEMA, { ...columns, [PREDICTION]: reference.predictions });
  }

  /** Drift of the 11 features and of the target. */
  describeInputs(batch: LabelledColumns): InputsPart {
    const current = new CurrentSamples(batch);
    return { report: buildInputReport(this.reference, current), distributions: inputDistributions(this.reference, current) };
  }

  /**
   * Drift of the features and of the served predictions, by the same tests and thresholds as
   * `describeInputs` and `describeOutputs`: a window of live traffic gives exactly what /evaluate
   * gives for the same rows.
   */
  describeServed(window: ServedColumns): LabelFreeReport {
    return buildLabelFreeReport(this.reference, window);
  }

  /**
   * The predictions of rows [from, to) of the batch: two workers predict half of the rows each
   * (every row's trees summed in the same order as on one thread, so the same numbers).
   */
  predictRows(batch: LabelledColumns, from: number, to: number): Float64Array {
    return this.model.forest.predict(columnsToFeatureMatrix(rowRange(batch, from, to), to - from));
  }

  /**
   * The model's predictions (given, or computed here from the batch's features), their drift and
   * the regression quality. With the predictions given, only the target and the hour are read.
   */
  describeOutputs(batch: LabelledColumns): OutputsPart;
  describeOutputs(batch: OutputColumns, predictions: Float64Array): OutputsPart;
  describeOutputs(batch: OutputColumns, given?: Float64Array): OutputsPart {
    // Without predictions, the first signature holds: the batch has its features.
    const predictions = given ?? this.predictRows(batch as LabelledColumns, 0, batch[TARGET].length);
    const current = new CurrentSamples({ [TARGET]: batch[TARGET], [PREDICTION]: predictions });
    return {
      report: buildOutputReport(this.reference, current),
      predictionDistribution: predictionDistribution(this.reference, current),
      regression: regressionChartData(batch[TARGET], predictions, batch.hr),
    };
  }
}
