/** The messages between the service and its evaluation worker threads. */
import type { ModelMetadata } from '../../model/metadata.js';
import type { ForestNodes } from '../../model/random-forest.js';
import type { ReferenceData } from '../../model/training.js';
import type { InputReport, LabelFreeReport, OutputReport } from '../../monitoring/index.js';
import type { BodySide, RecordField, SideRead } from './body-columns.js';
import type { BodyReading } from './body-validation.js';
import type { InputsPart, LabelledColumns, OutputColumns, OutputsPart, ServedColumns } from './evaluator.js';

/** What a worker is started with: the served model, the reference, and the fields of a labelled record. */
export interface WorkerSetup {
  readonly metadata: ModelMetadata;
  readonly nodes: ForestNodes;
  readonly reference: ReferenceData;
  readonly recordFields: readonly RecordField[];
}

/**
 * What a job asks for: the predictions of some rows of a batch (the batch comes back with
 * them), one of the two halves of an evaluation, the label-free check of the live window, the
 * reading of a raw /evaluate body, or the reading of one side of a body cut in two and the
 * predictions of its rows.
 */
export type WorkerTask =
  | { readonly part: 'predict'; readonly batch: LabelledColumns; readonly from: number; readonly to: number }
  | { readonly part: 'inputs'; readonly batch: LabelledColumns }
  | { readonly part: 'outputs'; readonly batch: OutputColumns; readonly predictions: Float64Array }
  | { readonly part: 'live'; readonly batch: ServedColumns }
  | { readonly part: 'body'; readonly body: Uint8Array; readonly maxRows: number }
  | { readonly part: 'side'; readonly side: Exclude<BodySide, 'whole'>; readonly body: Uint8Array; readonly maxRows: number };

/** The inputs' half of an evaluation as a worker answers it: the data of its charts as JSON text (see NewEvaluation). */
export interface InputsAnswer {
  readonly report: InputReport;
  /** The JSON of the distributions by column (an object). */
  readonly distributionsJson: string;
}

/** The outputs' half, likewise. */
export interface OutputsAnswer {
  readonly report: OutputReport;
  readonly predictionDistributionJson: string;
  readonly regressionJson: string;
}

/** A half as the worker answers it: its charts' data as JSON (the serving thread only stores it). */
export function inputsAnswer({ report, distributions }: InputsPart): InputsAnswer {
  return { report, distributionsJson: JSON.stringify(distributions) };
}

export function outputsAnswer({ report, predictionDistribution, regression }: OutputsPart): OutputsAnswer {
  return { report, predictionDistributionJson: JSON.stringify(predictionDistribution), regressionJson: JSON.stringify(regression) };
}

/** What each kind of job answers. */
export interface PartResults {
  readonly predict: { readonly batch: LabelledColumns; readonly predictions: Float64Array };
  readonly inputs: InputsAnswer;
  readonly outputs: OutputsAnswer;
  readonly live: LabelFreeReport;
  readonly body: BodyReading;
  /** null when the side leaves the fast path. */
  readonly side: (SideRead & { readonly predictions: Float64Array }) | null;
}
export type Part = keyof PartResults;

export type WorkerJob = WorkerTask & { readonly id: number };

/** The typed arrays a task carries: a body, or a batch's columns (and the predictions). */
export function taskArrays(task: WorkerTask): readonly (Uint8Array | Float64Array)[] {
  if (task.part === 'body' || task.part === 'side') return [task.body];
  const columns = Object.values(task.batch);
  return task.part === 'outputs' ? [...columns, task.predictions] : columns;
}

export type WorkerReply =
  | { readonly id: number; readonly result: PartResults[Part] }
  | { readonly id: number; readonly error: string };
