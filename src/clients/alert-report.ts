/** What wait-for-alert prints of the trigger and of the alert, in a few short lines. */
import { isObject, text } from './api-client.js';

/**
 * The answer of /trigger-drift in two lines: what was evaluated and the verdict, then the alerts
 * it announces as `Name (engine, for D)`. Fields another API may not send are left out.
 */
export function triggerSummary(request: string, answer: unknown): string {
  if (!isObject(answer)) return request;
  const facts = [
    typeof answer.evaluated_items === 'number' ? `${answer.evaluated_items} drifted rows evaluated` : undefined,
    typeof answer.drifted_columns_count === 'number' && Array.isArray(answer.columns) ? `${answer.drifted_columns_count} of ${answer.columns.length} features drifted` : undefined,
    typeof answer.rmse === 'number' ? `RMSE ${formatNumber(answer.rmse)}` : undefined,
  ].filter((fact) => fact !== undefined);
  const expected = Array.isArray(answer.expected_alerts)
    ? (answer.expected_alerts as unknown[]).filter(isObject).map((alert) => `${text(alert.alert)} (${text(alert.engine)}, for ${text(alert.for)})`)
    : [];
  const lines = [facts.length > 0 ? `${request}: ${facts.join(', ')}` : request];
  if (expected.length > 0) lines.push(`  expected to fire: ${expected.join(', ')}`);
  return lines.join('\n');
}

/** A sample value of Prometheus (a string such as "9.1e-01") as a person reads it: 0.91. */
export function formatNumber(value: number | string): string {
  const number = Number(value);
  if (typeof value === 'string' && (value.trim() === '' || !Number.isFinite(number))) return value;
  return number.toLocaleString('en-US', { maximumSignificantDigits: 3, useGrouping: false });
}
