/**
 * Entry point of an evaluation worker thread. An evaluation costs milliseconds to a few hundred
 * milliseconds of CPU (the exact K-S test is quadratic in the batch size); run on the thread that
 * serves /predict, it would stall every prediction meanwhile. Here it runs beside it, and so does
 * the parsing of the raw /evaluate body (up to 5 MB: half a second of JSON.parse).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FEATURE_COUNT, TARGET } from '../../model/features.js';
import { BikeDemandModel } from '../../model/model.js';
import { RandomForest } from '../../model/random-forest.js';
import { inputsAnswer, outputsAnswer, type Part, type PartResults, taskArrays, type WorkerJob, type WorkerReply, type WorkerSetup } from './worker-protocol.js';
import { Evaluator, type LabelledColumns } from './evaluator.js';
import { readWellFormedBody, readWellFormedSide } from './body-columns.js';
import type { BodyReading } from './body-validation.js';
import { collectYoungGarbage } from '../young-garbage.js';
import { freeBuffers } from '../free-buffers.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const setup = workerData as WorkerSetup;

/** The evaluator, or why it could not be built: every job then answers that reason. */
const evaluator = ((): Evaluator | string => {
  try {
    return new Evaluator(new BikeDemandModel(setup.metadata, new RandomForest(setup.nodes, FEATURE_COUNT)), setup.reference);
  } catch (error) {
    return `the evaluation worker could not prepare the reference: ${describe(error)}`;
  }
})();

/** The answer to an evaluator's job; the evaluator must have been built. */
function compute(evaluator: Evaluator | string, job: Exclude<WorkerJob, { part: 'body' }>): PartResults[Part] {
  if (typeof evaluator === 'string') throw new Error(evaluator);
  switch (job.part) {
    case 'predict':
      return { batch: job.batch, predictions: evaluator.predictRows(job.batch, job.from, job.to) };
    case 'inputs':
      return inputsAnswer(evaluator.describeInputs(job.batch));
    case 'outputs':
      return outputsAnswer(evaluator.describeOutputs(job.batch, job.predictions));
    case 'live':
      return evaluator.describeServed(job.batch);
    case 'side': {
      const read = readWellFormedSide(job.body, job.side, job.maxRows, setup.recordFields);
      return read ? { ...read, predictions: evaluator.predictRows(read.batch, 0, read.batch[TARGET].length) } : null;
    }
  }
}

/** The buffers an answer moves back to the serving thread rather than copies: a batch read or returned, predictions. */
function transferable(job: WorkerJob, result: PartResults[Part]): ArrayBuffer[] {
  if ((job.part !== 'body' && job.part !== 'predict' && job.part !== 'side') || result === null) return [];
  const { batch, predictions } = result as { batch?: LabelledColumns; predictions?: Float64Array };
  return [...Object.values(batch ?? {}), ...(predictions ? [predictions] : [])].map((array) => array.buffer as ArrayBuffer);
}

/**
 * A raw /evaluate body: a well-formed one straight into columns; any other by the full path,
 * loaded on first need (it brings TypeBox's compiler, about 20 MB of this thread's memory).
 */
async function readBody({ body, maxRows }: Extract<WorkerJob, { part: 'body' }>): Promise<BodyReading> {
  return readWellFormedBody(body, maxRows, setup.recordFields) ?? (await import('./body-validation.js')).readEvaluationBody(body, maxRows);
}

/**
 * The jobs that the serving thread follows at once with the evaluation's next job for this worker
 * (service.ts): the predictions of a batch's rows, with or without reading them, precede the
 * halves of the report.
 */
const CONTINUED: ReadonlySet<Part> = new Set(['side', 'predict']);

async function answer(job: WorkerJob): Promise<void> {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = job.part === 'body' ? await readBody(job) : compute(evaluator, job);
    transfer = transferable(job, result);
    reply = { id: job.id, result };
  } catch (error) {
    reply = { id: job.id, error: describe(error) };
  }
  parentPort?.postMessage(reply, transfer);
  // What the job brought and allocated is garbage now. Its buffers are freed at once (those the
  // answer took back are detached already); a scavenge frees the rest (young-garbage.ts), unless
  // the evaluation's next job follows at once, which it would delay: the next job's frees both.
  freeBuffers(taskArrays(job));
  if (!CONTINUED.has(job.part)) collectYoungGarbage();
}

parentPort?.on('message', (job: WorkerJob) => {
  void answer(job);
});
