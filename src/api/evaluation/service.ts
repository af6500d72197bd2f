/**
 * Evaluations on worker threads (evaluation-worker.ts), seen from the thread that serves the
 * API. Each evaluation runs on two workers at once: first each predicts half of the rows (the
 * forest is the largest cost), then one computes the drift of the inputs and the other the
 * model's outputs (the predictions, their drift, the regression quality). A raw /evaluate body
 * is read (parsed and validated) on the workers too: cut in two between rows, each worker reads
 * one side and predicts its rows in the same step. Jobs run in arrival order; beyond
 * `maxPending` evaluations the service answers 503 with Retry-After (load shedding) rather than
 * queue without bound. The label-free checks of live traffic run on the inputs' worker, between
 * evaluations' jobs.
 */
import type { BikeDemandModel } from '../../model/model.js';
import type { ReferenceData } from '../../model/training.js';
import type { LabelFreeReport } from '../../monitoring/index.js';
import type { InputsAnswer, OutputsAnswer, PartResults, WorkerSetup } from './worker-protocol.js';
import { EvaluationWorker } from './worker-client.js';
import { type LabelledColumns, type NewEvaluation, type OutputColumns, PREDICTION, type ServedColumns } from './evaluator.js';
import { TARGET } from '../../model/features.js';
import { HttpError, ShedRequestError } from '../http-error.js';
import { EvaluationRecord } from '../schemas.js';
import { type BatchRead, concatenate, cutBetweenRows, joinSides, recordFields } from './body-columns.js';
import { freeBuffers } from '../free-buffers.js';

/** Evaluations waiting or running, beyond which new ones are refused (503). */
export const DEFAULT_MAX_PENDING_EVALUATIONS = 4;

/** Retry-After of a refused evaluation: a 1,000-row evaluation takes well under a second. */
export const RETRY_AFTER_SECONDS = 1;

function overloaded(pending: number): ShedRequestError {
  return new ShedRequestError(503, `${pending} evaluations are already in progress; retry shortly`, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

export class EvaluationService {
  private readonly workers: Readonly<Record<'inputs' | 'outputs', EvaluationWorker>>;
  private pending = 0;
  private readers = 0;

  constructor(
    model: BikeDemandModel,
    reference: ReferenceData,
    private readonly maxPending = DEFAULT_MAX_PENDING_EVALUATIONS,
  ) {
    const setup: WorkerSetup = { metadata: model.metadata, nodes: model.forest.nodes, reference, recordFields: recordFields(EvaluationRecord) };
    // Each worker starts on its first job. The live checks (src/api/live/) share the inputs'
    // worker, whose half of an evaluation is the lighter: a check takes about a millisecond at the
    // default window, and a worker of their own would hold another V8 isolate, the monitoring
    // library's code and the model, 16 to 19 MB of RSS (docs/benchmarks.md).
    this.workers = { inputs: new EvaluationWorker(setup), outputs: new EvaluationWorker(setup) };
  }

  /** Throws the 503 a new evaluation would get now: checked before a request's body is read. */
  checkCapacity(): void {
    if (this.pending >= this.maxPending) throw overloaded(this.pending);
  }

  async evaluate(batch: LabelledColumns, periodName: string): Promise<NewEvaluation> {
    return this.admitted(() => this.evaluateColumns(batch, periodName));
  }

  /**
   * Evaluates a raw POST /evaluate body. A well-formed body (body-columns.ts) is cut in two, and
   * each worker reads one side and predicts its rows. Any other is read whole by one worker, which
   * decodes, parses and validates it (HttpError 400, 413 or 422 when it is refused); its rows are
   * then predicted and the two halves run as for any batch.
   */
  async evaluateBody(body: Uint8Array, maxRows: number): Promise<NewEvaluation> {
    return this.admitted(async () => {
      const read = await this.readSides(body, maxRows);
      if (read) return this.describe(read.batch, outputColumns(read.batch), read.predictions, read.periodName);
      // The two workers take turns at reading whole bodies.
      const reader = this.readers++ % 2 === 0 ? this.workers.inputs : this.workers.outputs;
      const reading = (await reader.run({ part: 'body', body, maxRows })) as PartResults['body'];
      if ('rejected' in reading) throw new HttpError(reading.rejected.statusCode, reading.rejected.detail);
      return this.evaluateColumns(reading.batch, reading.periodName);
    });
  }

  /** Drift of a window of served predictions (live monitoring); its buffers move to the worker. */
  checkServed(window: ServedColumns): Promise<LabelFreeReport> {
    return this.workers.inputs.run({ part: 'live', batch: window }) as Promise<LabelFreeReport>;
  }

  /** Stops the workers; pending evaluations fail. */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.workers).map((worker) => worker.close()));
  }

  /** Runs `evaluation` unless maxPending are in progress: then 503, with the time to wait. */
  private async admitted(evaluation: () => Promise<NewEvaluation>): Promise<NewEvaluation> {
    this.checkCapacity();
    this.pending++;
    try {
      return await evaluation();
    } finally {
      this.pending--;
    }
  }

  /**
   * The body cut between two rows, its head read on one worker and its tail on the other, each
   * with the predictions of its rows; undefined when it cannot be cut there, or a side or the two
   * together leave the fast path. Each side is a copy: the body stays whole for the full path.
   */
  private async readSides(body: Uint8Array, maxRows: number): Promise<(BatchRead & { predictions: Float64Array }) | undefined> {
    const cut = cutBetweenRows(body);
    if (cut === undefined) return undefined;
    const readSide = (worker: 'inputs' | 'outputs', side: 'head' | 'tail', bytes: Uint8Array): Promise<PartResults['side']> =>
      this.workers[worker].run({ part: 'side', side, body: new Uint8Array(bytes), maxRows }) as Promise<PartResults['side']>;
    const [head, tail] = await Promise.all([readSide('outputs', 'head', body.subarray(0, cut)), readSide('inputs', 'tail', body.subarray(cut))]);
    try {
      if (!head || !tail) return undefined;
      const joined = joinSides(head, tail, maxRows);
      return joined && { ...joined, predictions: concatenate(head.predictions, tail.predictions) };
    } finally {
      // Copied into the joined batch, or not needed by the full path: the sides are garbage.
      for (const side of [head, tail]) if (side) freeBuffers([...Object.values(side.batch), side.predictions]);
    }
  }

  /** Each worker predicts half of the rows (both get the batch: its buffers move, and come back with the predictions). */
  private async evaluateColumns(batch: LabelledColumns, periodName: string): Promise<NewEvaluation> {
    const middle = Math.ceil(batch.cnt.length / 2);
    const [first, second] = await Promise.all([this.predict('outputs', copyColumns(batch), 0, middle), this.predict('inputs', batch, middle, batch.cnt.length)]);
    const forOutputs = { [TARGET]: first.batch[TARGET], hr: first.batch.hr };
    return this.describe(second.batch, forOutputs, concatenate(first.predictions, second.predictions), periodName);
  }

  /**
   * On both workers at once, the inputs' half of the report on one, and on the other the outputs'
   * half from the predictions; each gets buffers of its own, which move.
   */
  private async describe(forInputs: LabelledColumns, forOutputs: OutputColumns, predictions: Float64Array, periodName: string): Promise<NewEvaluation> {
    const evaluatedItems = predictions.length;
    const [inputs, outputs] = await Promise.all([
      this.workers.inputs.run({ part: 'inputs', batch: forInputs }) as Promise<PartResults['inputs']>,
      this.workers.outputs.run({ part: 'outputs', batch: forOutputs, predictions }) as Promise<PartResults['outputs']>,
    ]);
    return {
      periodName,
      evaluatedItems,
      evaluatedAt: Date.now() / 1000,
      report: { ...inputs.report, ...outputs.report },
      chartsJson: chartsJson(inputs, outputs),
    };
  }

  private predict(worker: 'inputs' | 'outputs', batch: LabelledColumns, from: number, to: number): Promise<PartResults['predict']> {
    return this.workers[worker].run({ part: 'predict', batch, from, to }) as Promise<PartResults['predict']>;
  }
}

/**
 * The JSON of the evaluation's EvaluationCharts, as JSON.stringify would write it, from the two
 * halves' JSON: the inputs' distributions (an object with a member per column), the prediction's
 * added as their last member, then the regression's data.
 */
export function chartsJson(inputs: InputsAnswer, outputs: OutputsAnswer): string {
  return `{"distributions":${inputs.distributionsJson.slice(0, -1)},${JSON.stringify(PREDICTION)}:${outputs.predictionDistributionJson}},"regression":${outputs.regressionJson}}`;
}

/** A copy of the columns the outputs' half reads. */
function outputColumns(batch: LabelledColumns): OutputColumns {
  return { [TARGET]: batch[TARGET].slice(), hr: batch.hr.slice() };
}

function copyColumns(batch: LabelledColumns): LabelledColumns {
  return Object.fromEntries(Object.entries(batch).map(([name, column]) => [name, column.slice()])) as LabelledColumns;
}
