/**
 * One evaluation worker thread, seen from the service: started on first use, jobs answered in
 * order. A worker that dies fails its pending jobs and is started again on the next job.
 */
import { Worker } from 'node:worker_threads';
import { spansItsBuffer } from '../free-buffers.js';
import { type Part, type PartResults, taskArrays, type WorkerJob, type WorkerReply, type WorkerSetup, type WorkerTask } from './worker-protocol.js';

/**
 * The worker's code: the file beside this one, compiled (.js, in production) or source (.ts,
 * under tsx). A worker inherits the process's execArgv, and with it tsx's `--import` loader, which
 * on Node 22 and later registers its hooks in the worker thread too.
 */
const WORKER_SCRIPT = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

/**
 * Each worker's young generation, in MB (V8's default lets it grow to 8 MB here, kept once
 * grown): a job's objects are few and short-lived, and the worker collects them after each
 * evaluation's last job on it (../young-garbage.ts). 2, 3 and 4 MB were measured alike; 4 MB
 * scavenges least.
 */
const YOUNG_GENERATION_MB = 4;

interface Pending {
  resolve(result: PartResults[Part]): void;
  reject(error: Error): void;
}

export class EvaluationWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly setup: WorkerSetup) {}

  /** Runs one job (a half of an evaluation, a live check, or a body to read); the buffers of its batch or body move to the worker. */
  run(task: WorkerTask): Promise<PartResults[Part]> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      const job: WorkerJob = { ...task, id };
      worker.postMessage(job, transferable(task));
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SCRIPT, { workerData: this.setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    worker.on('message', (reply: WorkerReply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // An idle worker must not keep the process alive after the server closes; a busy one must.
      if (this.pending.size === 0) worker.unref();
      if ('result' in reply) job?.resolve(reply.result);
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

/** The buffers a task owns: those of its arrays, except an array that is a view into a larger buffer (copied instead). */
function transferable(task: WorkerTask): ArrayBuffer[] {
  return taskArrays(task)
    .filter(spansItsBuffer)
    .map((array) => array.buffer as ArrayBuffer);
}
