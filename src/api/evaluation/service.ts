/**
 * Evaluations on worker threads (evaluation-worker.ts), seen from the thread that serves the
 * API. Each evaluation is split in two halves computed at once on two workers: the drift of the
 * inputs, and the model's outputs (predictions, their drift, the regression quality); on a
 * 1,000-row batch each half takes about as long as the other. Jobs run in arrival order; beyond
 * `maxPending` evaluations the service answers 503 rather than queue without bound. A third
 * worker runs the label-free checks of live traffic.
 */
import type { BikeDemandModel } from '../../model/model.js';
import type { ReferenceData } from '../../model/training.js';
import type { LabelFreeReport } from '../../monitoring/index.js';
import type { Part, PartBatches, PartResults, WorkerSetup } from './worker-protocol.js';
import { EvaluationWorker } from './worker-client.js';
import { type Evaluation, type LabelledColumns, PREDICTION, type ServedColumns } from './evaluator.js';
import { HttpError } from '../http-error.js';

/** Evaluations waiting or running, beyond which new ones are refused (503). */
export const DEFAULT_MAX_PENDING_EVALUATIONS = 4;

export class EvaluationService {
  private readonly workers: Readonly<Record<Part, EvaluationWorker>>;
  private pending = 0;

  constructor(
    model: BikeDemandModel,
    reference: ReferenceData,
    private readonly maxPending = DEFAULT_MAX_PENDING_EVALUATIONS,
  ) {
    const setup: WorkerSetup = { metadata: model.metadata, nodes: model.forest.nodes, reference };
    // The live checks (src/api/live/) get a worker of their own: an /evaluate in progress never
    // delays one, and one never delays an /evaluate. Each worker starts on its first job.
    this.workers = { inputs: new EvaluationWorker(setup), outputs: new EvaluationWorker(setup), live: new EvaluationWorker(setup) };
  }

  async evaluate(batch: LabelledColumns, periodName: string): Promise<Evaluation> {
    if (this.pending >= this.maxPending) throw new HttpError(503, `${this.pending} evaluations are already in progress; retry shortly`);
    const evaluatedItems = batch.cnt.length;
    this.pending++;
    try {
      // Each worker gets the batch's buffers (moved, not copied): the inputs' half a copy of them.
      const [inputs, outputs] = await Promise.all([this.run('inputs', copyColumns(batch)), this.run('outputs', batch)]);
      return {
        periodName,
        evaluatedItems,
        evaluatedAt: Date.now() / 1000,
        report: { ...inputs.report, ...outputs.report },
        charts: {
          distributions: { ...inputs.distributions, [PREDICTION]: outputs.predictionDistribution },
          regression: outputs.regression,
        },
      };
    } finally {
      this.pending--;
    }
  }

  /** Drift of a window of served predictions (live monitoring); its buffers move to the worker. */
  checkServed(window: ServedColumns): Promise<LabelFreeReport> {
    return this.run('live', window);
  }

  /** Stops the workers; pending evaluations fail. */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.workers).map((worker) => worker.close()));
  }

  private run<P extends Part>(part: P, batch: PartBatches[P]): Promise<PartResults[P]> {
    return this.workers[part].run(part, batch);
  }
}

function copyColumns(batch: LabelledColumns): LabelledColumns {
  return Object.fromEntries(Object.entries(batch).map(([name, column]) => [name, column.slice()])) as LabelledColumns;
}
