/** API_TOKEN: the write endpoints require it when set; reads stay open; unset, nothing changes. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/api/app.js';
import { authorization } from '../../src/clients/api-client.js';
import { VALID_INPUT, testApp } from '../helpers/app.js';

const TOKEN = 'f3b0c44298fc1c149afbf4c8996fb924';
const BATCH = { data: [{ ...VALID_INPUT, cnt: 3 }, { ...VALID_INPUT, cnt: 5 }] };

describe('API_TOKEN set', () => {
  let app: App;
  before(async () => {
    app = await testApp({ triggerDrift: true, env: { API_TOKEN: TOKEN } });
  });
  after(() => app.close());

  for (const url of ['/evaluate', '/trigger-drift']) {
    it(`POST ${url}: 401 with WWW-Authenticate without the token or with a wrong one, 200 with it`, async () => {
      const payload = url === '/evaluate' ? BATCH : undefined;
      for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Basic ${TOKEN}` }, { authorization: 'Bearer' }]) {
        const refused = await app.inject({ method: 'POST', url, payload, headers });
        assert.equal(refused.statusCode, 401, JSON.stringify(headers));
        assert.equal(refused.headers['www-authenticate'], 'Bearer');
        assert.match(refused.json<{ detail: string }>().detail, /Authorization: Bearer <API_TOKEN>/);
      }
      const accepted = await app.inject({ method: 'POST', url, payload, headers: authorization({ API_TOKEN: TOKEN }) });
      assert.equal(accepted.statusCode, 200, accepted.body);
    });
  }

  it('leaves the read endpoints open: /predict, /health, /metrics', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/predict', payload: VALID_INPUT })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
  });
});

describe('API_TOKEN unset (the default)', () => {
  it('keeps /evaluate open, as the brief\'s client expects, and the clients send no header', async () => {
    const app = await testApp();
    assert.equal((await app.inject({ method: 'POST', url: '/evaluate', payload: BATCH })).statusCode, 200);
    await app.close();
    assert.deepEqual(authorization({}), {});
  });
});
