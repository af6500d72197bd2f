/**
 * `make test`'s first step: stops at once, with one message, when the tests' dataset archive is
 * missing, instead of letting every test file fail on it minutes later.
 */
import { missingDatasetProblem } from '../src/test-dataset.js';

const problem = missingDatasetProblem();
if (problem !== undefined) {
  console.error(`make test: ${problem}`);
  process.exitCode = 1;
}
