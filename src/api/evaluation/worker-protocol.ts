/** The messages between the service and its evaluation worker threads. */
import type { ModelMetadata } from '../../model/metadata.js';
import type { ForestNodes } from '../../model/random-forest.js';
import type { ReferenceData } from '../../model/training.js';
import type { LabelFreeReport } from '../../monitoring/index.js';
import type { InputsPart, LabelledColumns, OutputsPart, ServedColumns } from './evaluator.js';

/** What a worker is started with: the served model and the reference. */
export interface WorkerSetup {
  readonly metadata: ModelMetadata;
  readonly nodes: ForestNodes;
  readonly reference: ReferenceData;
}

/**
 * What a job computes, and what it answers: one of the two halves of an evaluation, or the
 * label-free check of the live window.
 */
export interface PartResults {
  readonly inputs: InputsPart;
  readonly outputs: OutputsPart;
  readonly live: LabelFreeReport;
}
export type Part = keyof PartResults;

/** The columns each part is given. */
export interface PartBatches {
  readonly inputs: LabelledColumns;
  readonly outputs: LabelledColumns;
  readonly live: ServedColumns;
}

export type WorkerJob = { readonly [P in Part]: { readonly id: number; readonly part: P; readonly batch: PartBatches[P] } }[Part];

export type WorkerReply =
  | { readonly id: number; readonly result: PartResults[Part] }
  | { readonly id: number; readonly error: string };
