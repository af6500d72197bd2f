/**
 * One evaluation worker thread, seen from the service: started on first use, jobs answered in
 * order. A worker that dies fails its pending jobs and is started again on the next job.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Part, PartResults, WorkerJob, WorkerReply, WorkerSetup } from './worker-protocol.js';
import type { LabelledColumns } from './evaluator.js';

/**
 * Where the worker's code is. Compiled, it is the .js beside this file. Run from source (tests,
 * `tsx`), it is the .ts, and the thread needs tsx's loader: Node 20 does not pass loaders to
 * workers through execArgv (nodejs/node#47747), so a two-line bootstrap registers tsx first.
 */
function workerEntry(): { readonly script: string | URL; readonly options: WorkerOptions } {
  if (!import.meta.url.endsWith('.ts')) return { script: new URL('./worker.js', import.meta.url), options: {} };
  const source = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return { script: bootstrap, options: { eval: true, execArgv: [] } };
}

interface Pending {
  resolve(result: PartResults[Part]): void;
  reject(error: Error): void;
}

export class EvaluationWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly setup: WorkerSetup) {}

  /** Runs one half of an evaluation; the batch's buffers move to the worker. */
  run(part: Part, batch: LabelledColumns): Promise<PartResults[Part]> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      const job: WorkerJob = { id, part, batch };
      worker.postMessage(job, Object.values(batch).map((column) => column.buffer as ArrayBuffer));
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const { script, options } = workerEntry();
    const worker = new Worker(script, { ...options, workerData: this.setup });
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
