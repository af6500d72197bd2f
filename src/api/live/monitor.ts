/**
 * Label-free monitoring of live traffic. Every prediction served by /predict goes into the live
 * window (window.ts); every `checkSeconds`, once the window holds `minRows`, a copy of it is
 * compared with the reference on a worker thread by the same engine, tests and thresholds as
 * /evaluate (Evaluator.describeServed), and the live gauges take the result. Checks never
 * overlap: one due while the previous still runs is skipped and counted.
 */
import { performance } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import type { Features } from '../../model/features.js';
import type { LabelFreeReport } from '../../monitoring/index.js';
import type { ServedColumns } from '../evaluation/evaluator.js';
import type { EvaluationService } from '../evaluation/service.js';
import { createLiveMetrics, type LiveMetrics } from '../metrics.js';
import { LiveWindow } from './window.js';

export interface LiveMonitoringSettings {
  /** Rows the window keeps at most (LIVE_WINDOW_ROWS). */
  readonly windowRows: number;
  /** Age beyond which a row leaves the window (LIVE_WINDOW_SECONDS). */
  readonly windowSeconds: number;
  /** Time between two checks (LIVE_CHECK_SECONDS). */
  readonly checkSeconds: number;
  /** Rows below which no check runs (LIVE_MIN_ROWS). */
  readonly minRows: number;
}

/** Compares a window with the reference, off the serving thread (EvaluationService.checkServed). */
export type ServedCheck = (window: ServedColumns) => Promise<LabelFreeReport>;

/** What one due check did. */
export type CheckResult =
  | { readonly outcome: 'ok'; readonly rows: number; readonly report: LabelFreeReport }
  | { readonly outcome: 'too-few-rows'; readonly rows: number }
  | { readonly outcome: 'skipped' }
  | { readonly outcome: 'error'; readonly error: unknown };

export class LiveMonitor {
  private readonly window: LiveWindow;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly settings: LiveMonitoringSettings,
    private readonly check: ServedCheck,
    private readonly metrics: LiveMetrics,
  ) {
    this.window = new LiveWindow(settings.windowRows, settings.windowSeconds);
  }

  /** One successful prediction (on the request path: no allocation). */
  record(input: Features, prediction: number): void {
    this.window.record(input, prediction, performance.now());
  }

  /** Checks every `checkSeconds` until `stop`; `onError` hears why a check failed. */
  start(onError: (error: unknown) => void): void {
    this.stop();
    this.timer = setInterval(() => {
      void this.checkNow().then((result) => {
        if (result.outcome === 'error') onError(result.error);
      });
    }, this.settings.checkSeconds * 1000);
    // The checks must not keep a closing process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The check that is due now (the timer's job; tests call it directly). */
  async checkNow(): Promise<CheckResult> {
    if (this.running) {
      this.metrics.recordCheckFailure('skipped');
      return { outcome: 'skipped' };
    }
    const now = performance.now();
    const rows = this.window.rows(now);
    if (rows < this.settings.minRows) return { outcome: 'too-few-rows', rows };
    this.running = true;
    try {
      const report = await this.check(this.window.snapshot(now));
      this.metrics.recordCheck(report, rows, Date.now() / 1000);
      return { outcome: 'ok', rows, report };
    } catch (error) {
      this.metrics.recordCheckFailure('error');
      return { outcome: 'error', error };
    } finally {
      this.running = false;
    }
  }
}

/** The monitor as the service runs it: checks on an evaluation worker (EvaluationService.checkServed), gauges in `registry`. */
export function createLiveMonitor(settings: LiveMonitoringSettings, evaluations: EvaluationService, registry: Registry): LiveMonitor {
  return new LiveMonitor(settings, (window) => evaluations.checkServed(window), createLiveMetrics(registry, settings.windowRows));
}
