/** The few calls of Alertmanager's v2 API the tests make: post alerts, list them with their state. */
import { isObject } from '../../src/clients/api-client.js';

export interface PostedAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface AlertmanagerAlert {
  readonly labels: Readonly<Partial<Record<string, string>>>;
  /** active, suppressed (inhibited or silenced) or unprocessed. */
  readonly state: string;
  /** Fingerprints of the alerts that inhibit this one. */
  readonly inhibitedBy: readonly string[];
  readonly fingerprint: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** Posts firing alerts (no end time: they fire until Alertmanager's resolve timeout). */
export async function postAlerts(alertmanagerUrl: string, alerts: readonly PostedAlert[]): Promise<void> {
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts.map((alert) => ({ annotations: {}, ...alert, startsAt: new Date().toISOString() }))),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`POST /api/v2/alerts answered ${response.status}: ${await response.text()}`);
}

export async function listAlerts(alertmanagerUrl: string): Promise<AlertmanagerAlert[]> {
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body: unknown = await response.json();
  if (!response.ok || !Array.isArray(body)) throw new Error(`GET /api/v2/alerts answered ${response.status}: ${JSON.stringify(body)}`);
  return body.filter(isObject).map((alert) => {
    const status = isObject(alert.status) ? alert.status : {};
    return {
      labels: isObject(alert.labels) ? Object.fromEntries(Object.entries(alert.labels).map(([key, value]) => [key, String(value)])) : {},
      state: String(status.state),
      inhibitedBy: Array.isArray(status.inhibitedBy) ? status.inhibitedBy.map(String) : [],
      fingerprint: String(alert.fingerprint),
    };
  });
}
