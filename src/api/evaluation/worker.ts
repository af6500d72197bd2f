/**
 * Entry point of an evaluation worker thread. An evaluation costs milliseconds to a few hundred
 * milliseconds of CPU (the exact K-S test is quadratic in the batch size); run on the thread that
 * serves /predict, it would stall every prediction meanwhile. Here it runs beside it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FEATURE_COUNT } from '../../model/features.js';
import { BikeDemandModel } from '../../model/model.js';
import { RandomForest } from '../../model/random-forest.js';
import type { Part, PartResults, WorkerJob, WorkerReply, WorkerSetup } from './worker-protocol.js';
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

function compute(evaluator: Evaluator, job: WorkerJob): PartResults[Part] {
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
  const { id } = job;
  let reply: WorkerReply;
  try {
    if (typeof evaluator === 'string') throw new Error(evaluator);
    reply = { id, result: compute(evaluator, job) };
  } catch (error) {
    reply = { id, error: describe(error) };
  }
  parentPort?.postMessage(reply);
});
