/**
 * Entry point of an evaluation worker thread. An evaluation costs milliseconds to a few hundred
 * milliseconds of CPU (the exact K-S test is quadratic in the batch size); run on the thread that
 * serves /predict, it would stall every prediction meanwhile. Here it runs beside it, and so does
 * the parsing of the raw /evaluate body (up to 5 MB: half a second of JSON.parse).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FEATURE_COUNT } from '../../model/features.js';
import { BikeDemandModel } from '../../model/model.js';
import { RandomForest } from '../../model/random-forest.js';
import type { Part, PartResults, WorkerJob, WorkerReply, WorkerSetup } from './worker-protocol.js';
import { Evaluator } from './evaluator.js';
import { readEvaluationBody } from './body-validation.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The evaluator, or why it could not be built: every job then answers that reason. */
const evaluator = ((): Evaluator | string => {
  try {
    const setup = workerData as WorkerSetup;
    return new Evaluator(new BikeDemandModel(setup.metadata, new RandomForest(setup.nodes, FEATURE_COUNT)), setup.reference);
  } catch (error) {
    return `the evaluation worker could not prepare the reference: ${describe(error)}`;
  }
})();

/** The answer to an evaluator's job; the evaluator must have been built. */
function compute(evaluator: Evaluator | string, job: Exclude<WorkerJob, { part: 'body' }>): PartResults[Part] {
  if (typeof evaluator === 'string') throw new Error(evaluator);
  switch (job.part) {
    case 'inputs':
      return evaluator.describeInputs(job.batch);
    case 'outputs':
      return evaluator.describeOutputs(job.batch);
    case 'live':
      return evaluator.describeServed(job.batch);
  }
}

parentPort?.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if (job.part === 'body') {
      const reading = readEvaluationBody(job.body, job.maxRows);
      // The columns move back to the serving thread rather than being copied.
      if ('batch' in reading) transfer = Object.values(reading.batch).map((column) => column.buffer as ArrayBuffer);
      reply = { id: job.id, result: reading };
    } else {
      reply = { id: job.id, result: compute(evaluator, job) };
    }
  } catch (error) {
    reply = { id: job.id, error: describe(error) };
  }
  parentPort?.postMessage(reply, transfer);
});
