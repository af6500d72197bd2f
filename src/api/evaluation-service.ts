/**
 * Evaluations on a worker thread (evaluation-worker.ts), seen from the thread that serves the
 * API: `evaluate` hands the batch over (its buffers are transferred, not copied) and resolves
 * with the report. Jobs run one at a time in arrival order; beyond `maxPending` waiting jobs the
 * service answers 503 rather than queue without bound. A worker that dies fails its pending jobs
 * and is replaced on the next evaluation.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ModelMetadata } from '../model/artefact.js';
import type { BikeDemandModel } from '../model/model.js';
import type { ForestNodes } from '../model/random-forest.js';
import type { ReferenceData } from '../model/training.js';
import type { Evaluation, LabelledColumns } from './evaluator.js';
import { HttpError } from './http-error.js';

export interface WorkerSetup {
  readonly metadata: ModelMetadata;
  readonly nodes: ForestNodes;
  readonly reference: ReferenceData;
}

export interface EvaluationJob {
  readonly id: number;
  readonly batch: LabelledColumns;
  readonly periodName: string;
}

export type EvaluationReply = { readonly id: number; readonly evaluation: Evaluation } | { readonly id: number; readonly error: string };

/** Evaluations waiting or running, beyond which new ones are refused (503). */
export const DEFAULT_MAX_PENDING_EVALUATIONS = 4;

/**
 * Where the worker's code is. Compiled, it is the .js beside this file. Run from source (tests,
 * `tsx`), it is the .ts, and the thread needs tsx's loader: Node 20 does not pass loaders to
 * workers through execArgv (nodejs/node#47747), so a two-line bootstrap registers tsx first.
 */
function workerEntry(): { readonly script: string | URL; readonly options: WorkerOptions } {
  if (!import.meta.url.endsWith('.ts')) return { script: new URL('./evaluation-worker.js', import.meta.url), options: {} };
  const source = new URL('./evaluation-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return { script: bootstrap, options: { eval: true, execArgv: [] } };
}

interface Pending {
  resolve(evaluation: Evaluation): void;
  reject(error: Error): void;
}

export class EvaluationService {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly setup: WorkerSetup;

  constructor(
    model: BikeDemandModel,
    reference: ReferenceData,
    private readonly maxPending = DEFAULT_MAX_PENDING_EVALUATIONS,
  ) {
    this.setup = { metadata: model.metadata, nodes: model.forest.nodes, reference };
  }

  evaluate(batch: LabelledColumns, periodName: string): Promise<Evaluation> {
    if (this.pending.size >= this.maxPending) {
      return Promise.reject(new HttpError(503, `${this.pending.size} evaluations are already in progress; retry shortly`));
    }
    const worker = (this.worker ??= this.startWorker());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      const job: EvaluationJob = { id, batch, periodName };
      worker.postMessage(job, Object.values(batch).map((column) => column.buffer as ArrayBuffer));
    });
  }

  /** Stops the worker; pending evaluations fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private startWorker(): Worker {
    const { script, options } = workerEntry();
    const worker = new Worker(script, { ...options, workerData: this.setup });
    worker.on('message', (reply: EvaluationReply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // An idle worker must not keep the process alive after the server closes; a busy one must.
      if (this.pending.size === 0) worker.unref();
      if ('evaluation' in reply) job?.resolve(reply.evaluation);
      else job?.reject(new Error(`evaluation failed: ${reply.error}`));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`the evaluation worker exited (code ${code})`));
    });
    return worker;
  }
}
