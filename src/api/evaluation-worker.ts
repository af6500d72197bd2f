/**
 * Entry point of the evaluation worker thread. An evaluation costs milliseconds to a few hundred
 * milliseconds of CPU (the exact K-S test is quadratic in the batch size); run on the thread that
 * serves /predict, it would stall every prediction meanwhile. Here it runs beside it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FEATURE_COUNT } from '../model/features.js';
import { BikeDemandModel } from '../model/model.js';
import { RandomForest } from '../model/random-forest.js';
import type { EvaluationJob, EvaluationReply, WorkerSetup } from './evaluation-service.js';
import { Evaluator } from './evaluator.js';

const setup = workerData as WorkerSetup;
const model = new BikeDemandModel(setup.metadata, new RandomForest(setup.nodes, FEATURE_COUNT));
const evaluator = new Evaluator(model, setup.reference);

parentPort?.on('message', ({ id, batch, periodName }: EvaluationJob) => {
  let reply: EvaluationReply;
  try {
    reply = { id, evaluation: evaluator.evaluate(batch, periodName) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
