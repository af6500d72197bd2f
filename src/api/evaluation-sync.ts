/**
 * Keeps the model gauges on the newest evaluation of the store, whichever replica made it: read
 * at start, every EVALUATION_SYNC_SECONDS, and at once when the store signals an insert
 * (PostgreSQL's NOTIFY). Only evaluations of the served model are shown, newest id first, so a
 * late read never brings back an older one. It also tracks whether the store answers, for
 * /ready and `evaluation_store_up`.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ServiceMetrics } from './metrics.js';
import type { EvaluationStore } from './store/evaluation-store.js';

export type StoreStatus = { readonly up: true } | { readonly up: false; readonly reason: string };

export class EvaluationSync {
  private shownId = 0;
  private status: StoreStatus = { up: true };
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EvaluationStore,
    private readonly metrics: ServiceMetrics,
    private readonly modelVersion: string,
    private readonly logger?: FastifyBaseLogger | undefined,
  ) {
    metrics.recordStoreUp(true);
  }

  get storeStatus(): StoreStatus {
    return this.status;
  }

  /** Reads the newest evaluation now; answers once it is shown (or the store failed). */
  async refresh(): Promise<void> {
    try {
      const latest = await this.store.latest();
      this.storeAnswered();
      if (latest?.modelVersion !== this.modelVersion || latest.id <= this.shownId) return;
      this.shownId = latest.id;
      this.metrics.restoreEvaluation(latest.evaluation);
      this.logger?.info({ evaluationId: latest.id, period: latest.evaluation.periodName, evaluatedAt: latest.createdAt }, 'model gauges show the newest stored evaluation');
    } catch (error) {
      this.storeFailed(error);
    }
  }

  /** Starts the periodic and notified reads. */
  start(intervalSeconds: number): void {
    this.timer = setInterval(() => void this.refresh(), intervalSeconds * 1000);
    this.timer.unref();
    this.store.watch?.(() => void this.refresh());
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** This replica stored (and showed) evaluation `id`. */
  stored(id: number): void {
    this.shownId = Math.max(this.shownId, id);
    this.storeAnswered();
  }

  storeFailed(error: unknown): void {
    const reason = `the evaluation store is unavailable: ${(error as Error).message}`;
    if (this.status.up) this.logger?.error({ err: error }, 'evaluation store unavailable');
    this.status = { up: false, reason };
    this.metrics.recordStoreUp(false);
  }

  private storeAnswered(): void {
    if (!this.status.up) this.logger?.info('evaluation store available again');
    this.status = { up: true };
    this.metrics.recordStoreUp(true);
  }
}
