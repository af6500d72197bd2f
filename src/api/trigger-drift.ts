/**
 * The batch behind POST /trigger-drift (`make fire-alert`): real hours of the dataset passed
 * through a simulated upstream incident, then evaluated by the very same path as /evaluate.
 *
 * Source: week 2 of February 2011 as recorded (2011-02-08 00:00 .. 2011-02-14 23:00).
 * Corruption, as if broken weather and calendar feeds met a demand surge:
 * - weather sensors report summer: temp and atemp +0.5, humidity × 0.4, wind speed +0.3
 *   (clipped to [0, 1]), weather code 1 (clear) for every hour;
 * - the calendar feed flags a summer holiday week: season 3, holiday 1, workingday 0;
 * - rentals are tripled (`cnt` × 3), a demand the January model has never seen.
 * Nine of the eleven features drift (the dataset-drift verdict and the severe share), and the
 * model's error explodes (RMSE several times the threshold, R2 below zero).
 */
import type { BikeDataset } from '../model/dataset.js';
import { pickFeatures } from '../model/features.js';
import { ALERTS, type AlertSpec } from '../telemetry/alert-thresholds.js';
import type { Evaluation, LabelledRecord } from './evaluator.js';

export const TRIGGER_DRIFT_SOURCE = { start: '2011-02-08 00:00', end: '2011-02-14 23:00' } as const;
export const TRIGGER_DRIFT_PERIOD = 'trigger_drift';

const clip = (value: number): number => Math.min(1, Math.max(0, value));

export function driftedBatch(dataset: BikeDataset): LabelledRecord[] {
  return dataset.slice(TRIGGER_DRIFT_SOURCE.start, TRIGGER_DRIFT_SOURCE.end).map((row) => ({
    ...pickFeatures(row),
    temp: clip(row.temp + 0.5),
    atemp: clip(row.atemp + 0.5),
    hum: clip(row.hum * 0.4),
    windspeed: clip(row.windspeed + 0.3),
    weathersit: 1,
    season: 3,
    holiday: 1,
    workingday: 0,
    cnt: row.cnt * 3,
  }));
}

export interface ExpectedAlert {
  readonly alert: string;
  readonly engine: AlertSpec['engine'];
  readonly severity: AlertSpec['severity'];
  /** Pending period before it fires. */
  readonly for: string;
  readonly because: string;
}

/** The model alerts whose condition this evaluation meets, with the same comparisons as the rules. */
export function alertsExpectedToFire({ report }: Evaluation): ExpectedAlert[] {
  const { regression, featureDrift } = report;
  const rmse = regression.rmse ?? Number.NaN;
  const r2 = regression.r2 ?? Number.NaN;
  const conditions: [AlertSpec & { threshold: number }, boolean, string][] = [
    [ALERTS.modelRmseHigh, rmse > ALERTS.modelRmseHigh.threshold, `RMSE ${rmse.toFixed(1)} > ${ALERTS.modelRmseHigh.threshold}`],
    [ALERTS.modelR2Low, r2 < ALERTS.modelR2Low.threshold, `R2 ${r2.toFixed(3)} < ${ALERTS.modelR2Low.threshold}`],
    [ALERTS.dataDriftDetected, featureDrift.datasetDrift, `dataset drift detected (${featureDrift.driftedCount} of ${featureDrift.columns.length} features)`],
    [
      ALERTS.dataDriftSevere,
      featureDrift.share >= ALERTS.dataDriftSevere.threshold,
      `drifted share ${featureDrift.share.toFixed(3)} >= ${ALERTS.dataDriftSevere.threshold}`,
    ],
  ];
  return conditions
    .filter(([, fires]) => fires)
    .map(([spec, , because]) => ({ alert: spec.name, engine: spec.engine, severity: spec.severity, for: spec.for, because }));
}
