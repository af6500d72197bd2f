import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNumber, triggerSummary } from '../../src/clients/alert-report.js';

describe("wait-for-alert's short report", () => {
  it('formats sample values as a person reads them: three significant digits, no exponent', () => {
    assert.equal(formatNumber('9.1e-01'), '0.91');
    assert.equal(formatNumber('0.8181818181818182'), '0.818');
    assert.equal(formatNumber(227.4512), '227');
    assert.equal(formatNumber('1'), '1');
    assert.equal(formatNumber('NaN'), 'NaN', 'a value that is no finite number is shown as sent');
    assert.equal(formatNumber(''), '');
  });

  it('summarises the /trigger-drift answer, leaving out what another API does not send', () => {
    assert.equal(triggerSummary('-> 200', { evaluated_items: 12 }), '-> 200: 12 drifted rows evaluated');
    assert.equal(triggerSummary('-> 200', 'not an object'), '-> 200');
    assert.equal(triggerSummary('-> 403', undefined), '-> 403');
    assert.equal(
      triggerSummary('-> 200', { expected_alerts: [{ alert: 'DataDriftSevere', engine: 'prometheus', for: '1m' }, 'junk'] }),
      '-> 200\n  expected to fire: DataDriftSevere (prometheus, for 1m)',
    );
  });
});
