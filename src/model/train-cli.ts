/**
 * `make train`: trains the model on the configured window and saves the artefact that the
 * service loads at start-up (same environment variables as the service).
 */
import { runCommand } from '../command-line.js';
import { ConfigError, loadConfig } from '../config.js';
import { saveModel } from './artefact.js';
import { DatasetError, loadDataset } from './dataset.js';
import { trainAndPredictReferenceModel } from './training.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const dataset = await loadDataset(config.data);
  const { model } = trainAndPredictReferenceModel(dataset, config.trainingWindow, config.forest);
  await saveModel(config.modelPath, model);
  const { metadata } = model;
  const metrics = metadata.trainingMetrics;
  console.log(`Saved ${config.modelPath}`);
  console.log(`  model version   ${metadata.modelVersion}`);
  console.log(`  training window ${metadata.trainingWindow.start} .. ${metadata.trainingWindow.end} (${metadata.trainingRows} rows)`);
  console.log(`  forest          ${metadata.treeCount} trees, ${metadata.nodeCount} nodes, seed ${metadata.hyperParameters.seed}`);
  console.log(`  trained in      ${metrics.trainingSeconds.toFixed(3)} s`);
  console.log(`  in-sample       RMSE ${metrics.rmse.toFixed(2)}, MAE ${metrics.mae.toFixed(2)}, R2 ${metrics.r2.toFixed(3)}`);
  console.log(`  out-of-bag      RMSE ${metrics.oobRmse.toFixed(2)}, R2 ${metrics.oobR2.toFixed(3)}`);
  return 0;
}

runCommand({ program: 'train', main, expected: [ConfigError, DatasetError] });
