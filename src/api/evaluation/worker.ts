/**
 * Entry point of an evaluation worker thread. An evaluation costs milliseconds to a few hundred
 * milliseconds of CPU (the exact K-S test is quadratic in the batch size); run on the thread that
 * serves /predict, it would stall every prediction meanwhile. Here it runs beside it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FEATURE_COUNT } from '../../model/features.js';
import { BikeDemandModel } from '../../model/model.js';
import { RandomForest } from '../../model/random-forest.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './worker-protocol.js';
import { Evaluator } from './evaluator.js';

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

parentPort?.on('message', ({ id, part, batch }: WorkerJob) => {
  let reply: WorkerReply;
  try {
    if (typeof evaluator === 'string') throw new Error(evaluator);
    reply = { id, result: part === 'inputs' ? evaluator.describeInputs(batch) : evaluator.describeOutputs(batch) };
  } catch (error) {
    reply = { id, error: describe(error) };
  }
  parentPort?.postMessage(reply);
});
