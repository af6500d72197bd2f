/**
 * run-evaluation: the TypeScript twin of the brief's run_evaluation.py. For each chosen brief
 * week it builds the same payload from the same dataset, POSTs it to /evaluate, and prints the
 * scores, the drift verdict and a table of the drift of each feature (or, with --json, the
 * answers as they came). Exit code 0 when every evaluation succeeded, 1 with one message
 * when the API is unreachable or answers an error, 2 for a bad command line.
 *
 *   npx tsx src/clients/run-evaluation.ts [--period week1_february|...|all] [--json] [--api-url URL]
 */
import { loadDataSource } from '../config.js';
import { loadDataset } from '../model/dataset.js';
import { postJson, waitForApi } from './api-client.js';
import { runClient } from './cli.js';
import { EVALUATION_USAGE, parseEvaluationArgs } from './evaluation-args.js';
import { formatEvaluationResult, readEvaluationResult } from './evaluation-report.js';
import { evaluationBody, periodRows } from './payload.js';
import { EVALUATION_PERIODS } from './periods.js';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseEvaluationArgs(argv, process.env);
  if (!options) {
    console.log(EVALUATION_USAGE);
    return 0;
  }
  await waitForApi(options.apiUrl, options.retry);
  const dataset = await loadDataset(loadDataSource());
  // With --json, stdout carries only the JSON document; the progress goes to stderr.
  const progress = options.json ? console.error : console.log;
  const answers: Record<string, unknown> = {};
  for (const [i, name] of options.periods.entries()) {
    const body = evaluationBody(periodRows(dataset, name), name);
    const { start, end } = EVALUATION_PERIODS[name];
    progress(`${i > 0 && !options.json ? '\n' : ''}${name} (${start} .. ${end}): sending ${body.data.length} rows to ${options.apiUrl}/evaluate`);
    const answer = await postJson(`${options.apiUrl}/evaluate`, JSON.stringify(body), options.timeoutMs);
    const result = readEvaluationResult(answer);
    if (options.json) answers[name] = answer;
    else console.log(formatEvaluationResult(result));
  }
  if (options.json) console.log(JSON.stringify(answers, null, 2));
  return 0;
}

runClient('run-evaluation', main);
