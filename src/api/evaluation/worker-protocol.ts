/** The messages between the service and its evaluation worker threads. */
import type { ModelMetadata } from '../../model/metadata.js';
import type { ForestNodes } from '../../model/random-forest.js';
import type { ReferenceData } from '../../model/training.js';
import type { InputsPart, LabelledColumns, OutputsPart } from './evaluator.js';

/** What a worker is started with: the served model and the reference. */
export interface WorkerSetup {
  readonly metadata: ModelMetadata;
  readonly nodes: ForestNodes;
  readonly reference: ReferenceData;
}

/** The half of an evaluation a job computes, and what it answers. */
export interface PartResults {
  readonly inputs: InputsPart;
  readonly outputs: OutputsPart;
}
export type Part = keyof PartResults;

export interface WorkerJob {
  readonly id: number;
  readonly part: Part;
  readonly batch: LabelledColumns;
}

export type WorkerReply =
  | { readonly id: number; readonly result: PartResults[Part] }
  | { readonly id: number; readonly error: string };
