/** The messages between the service and its evaluation worker threads. */
import type { ModelMetadata } from '../../model/metadata.js';
import type { ForestNodes } from '../../model/random-forest.js';
import type { ReferenceData } from '../../model/training.js';
import type { LabelFreeReport } from '../../monitoring/index.js';
import type { BodyReading } from './body-validation.js';
import type { InputsPart, LabelledColumns, OutputsPart, ServedColumns } from './evaluator.js';

/** What a worker is started with: the served model and the reference. */
export interface WorkerSetup {
  readonly metadata: ModelMetadata;
  readonly nodes: ForestNodes;
  readonly reference: ReferenceData;
}

/**
 * What a job asks for: one of the two halves of an evaluation, the label-free check of the live
 * window, or the reading of a raw /evaluate body.
 */
export type WorkerTask =
  | { readonly part: 'inputs' | 'outputs'; readonly batch: LabelledColumns }
  | { readonly part: 'live'; readonly batch: ServedColumns }
  | { readonly part: 'body'; readonly body: Uint8Array; readonly maxRows: number };

/** What each kind of job answers. */
export interface PartResults {
  readonly inputs: InputsPart;
  readonly outputs: OutputsPart;
  readonly live: LabelFreeReport;
  readonly body: BodyReading;
}
export type Part = keyof PartResults;

export type WorkerJob = WorkerTask & { readonly id: number };

export type WorkerReply =
  | { readonly id: number; readonly result: PartResults[Part] }
  | { readonly id: number; readonly error: string };
