import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from '../../src/paths.js';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { cacheArchive, DatasetError, fetchData, loadDataset, processData } from '../../src/model/dataset.js';
import { periodRows } from '../../src/clients/payload.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { DATASET_ZIP, testDataset } from '../helpers/dataset.js';
import { temporaryDirectory } from '../helpers/temporary.js';

/** A host that does not resolve: only a proxy can answer for it. */
const PROXIED_HOST = 'bike-data.invalid';

describe('dataset', () => {
  it('reads every hour of hour.csv, typed and sorted by time', async () => {
    const dataset = await testDataset();
    assert.equal(dataset.size, 17_379);
    const first = dataset.records[0];
    assert.deepEqual(
      { dteday: first.dteday, hr: first.hr, temp: first.temp, atemp: first.atemp, hum: first.hum, season: first.season, cnt: first.cnt },
      { dteday: '2011-01-01', hr: 0, temp: 0.24, atemp: 0.2879, hum: 0.81, season: 1, cnt: 16 },
    );
    for (let i = 1; i < dataset.size; i++) assert.ok(dataset.records[i - 1].time < dataset.records[i].time);
  });

  it('slices inclusive hour ranges like pandas .loc', async () => {
    const dataset = await testDataset();
    assert.equal(dataset.slice('2011-01-01 00:00', '2011-01-28 23:00').length, 618);
    assert.equal(dataset.slice('2011-01-01 00:00', '2011-01-31 23:00').length, 688);
    const counts = PERIOD_NAMES.map((name) => periodRows(dataset, name).length);
    assert.deepEqual(counts, [235, 163, 165]);
    const [single] = dataset.slice('2011-01-01 05:00', '2011-01-01 05:00');
    assert.equal(single.hr, 5);
    assert.equal(dataset.slice('2011-01-02', '2011-01-01').length, 0);
  });

  it('fetchData returns the raw rows and processData types them', async () => {
    const raw = await fetchData({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
    assert.equal(raw.length, 17_379);
    assert.equal(raw[0].cnt, '16');
    assert.equal(processData(raw.slice(0, 3)).records[2].cnt, 32);
  });

  it('names the line and column of a bad value', () => {
    const columns = ['instant', 'season', 'yr', 'mnth', 'hr', 'holiday', 'weekday', 'workingday', 'weathersit', 'temp', 'atemp', 'hum', 'windspeed', 'casual', 'registered', 'cnt'];
    const row = { ...Object.fromEntries(columns.map((column) => [column, '1'])), dteday: '2011-01-01' };
    assert.equal(processData([row]).size, 1);
    assert.throws(() => processData([row, { ...row, hum: 'wet' }]), (error: Error) => {
      assert.ok(error instanceof DatasetError);
      assert.equal(error.message, 'hour.csv line 3: column "hum" is not a number (wet)');
      return true;
    });
    assert.throws(() => processData([{ ...row, cnt: undefined }]), /line 2: column "cnt" is not a number/);
    assert.throws(() => processData([{ ...row, dteday: '2011-02-30' }]), /line 2: dteday is not a date \(2011-02-30\)/);
  });

  it('explains how to supply a local copy when the archive is unreadable', async () => {
    const dir = temporaryDirectory('bike-dataset-');
    const notZip = join(dir, 'broken.zip');
    await writeFile(notZip, 'this is not a zip archive');
    await assert.rejects(loadDataset({ zipPath: notZip, url: 'unused', cacheDir: dir }), (error: Error) => {
      assert.ok(error instanceof DatasetError);
      assert.match(error.message, /broken\.zip is not a readable zip archive/);
      assert.match(error.message, /BIKE_SHARING_ZIP/);
      return true;
    });
    const noCsv = join(dir, 'empty.zip');
    await writeFile(noCsv, zipSync({ 'day.csv': new TextEncoder().encode('a,b\n') }));
    await assert.rejects(loadDataset({ zipPath: noCsv, url: 'unused', cacheDir: dir }), /has no hour\.csv/);
    await assert.rejects(loadDataset({ zipPath: join(dir, 'missing.zip'), url: 'unused', cacheDir: dir }), /Cannot read the bike-sharing archive .*missing\.zip/);
  });

  describe('download', () => {
    let server: Server;
    let baseUrl: string;
    let archive: Buffer;
    /** What the server received as an HTTP proxy: CONNECT targets, or absolute-form request targets. */
    const proxied: string[] = [];

    before(async () => {
      archive = await readFile(DATASET_ZIP);
      server = createServer((request, response) => {
        if (request.url?.startsWith('http://')) proxied.push(request.url);
        if (request.url === '/dataset.zip' || request.url === `http://${PROXIED_HOST}/dataset.zip`) response.end(archive);
        else if (request.url === '/truncated.zip') response.end(archive.subarray(0, 1000));
        else response.writeHead(503).end('unavailable');
      });
      // Node's proxy support tunnels through CONNECT, http:// targets included: tunnel to this same server.
      server.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        proxied.push(`CONNECT ${request.url ?? ''}`);
        const upstream = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(socket).on('error', () => undefined);
          socket.pipe(upstream).on('error', () => undefined);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => {
      server.close();
    });

    it('downloads into the cache once, then reads the cache', async () => {
      const cacheDir = temporaryDirectory('bike-cache-');
      const dataset = await loadDataset({ url: `${baseUrl}/dataset.zip`, cacheDir });
      assert.equal(dataset.size, 17_379);
      assert.deepEqual(await readdir(cacheDir), ['bike-sharing-dataset.zip']);
      const again = await loadDataset({ url: `${baseUrl}/gone.zip`, cacheDir });
      assert.equal(again.size, 17_379);
    });

    it('cacheArchive copies the archive of BIKE_SHARING_ZIP into the cache, where a run without it finds it', async () => {
      const cacheDir = temporaryDirectory('bike-cache-');
      assert.equal(await cacheArchive({ url: 'unused', cacheDir }), undefined, 'nothing to copy without an archive');
      const cached = await cacheArchive({ zipPath: DATASET_ZIP, url: 'unused', cacheDir });
      assert.equal(cached, join(cacheDir, 'bike-sharing-dataset.zip'));
      assert.deepEqual(await readFile(cached), await readFile(DATASET_ZIP));
      const dataset = await loadDataset({ url: `${baseUrl}/gone.zip`, cacheDir });
      assert.equal(dataset.size, 17_379);

      const notZip = join(cacheDir, 'not-a-zip.zip');
      await writeFile(notZip, 'hello');
      const otherCache = temporaryDirectory('bike-cache-');
      await assert.rejects(cacheArchive({ zipPath: notZip, url: 'unused', cacheDir: otherCache }), /not a readable zip archive/);
      assert.deepEqual(await readdir(otherCache), [], 'a bad archive is not cached');
    });

    it('downloads through HTTP_PROXY with NODE_USE_ENV_PROXY=1, as the Docker images set it', async () => {
      const cacheDir = temporaryDirectory('bike-cache-');
      const script = `const { loadDataset } = await import('./src/model/dataset.ts'); console.log((await loadDataset({ url: 'http://${PROXIED_HOST}/dataset.zip', cacheDir: ${JSON.stringify(cacheDir)} })).size);`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: REPOSITORY_ROOT,
        env: { ...process.env, HTTP_PROXY: baseUrl, HTTPS_PROXY: baseUrl, NO_PROXY: '', NODE_USE_ENV_PROXY: '1' },
        timeout: 60_000,
      });
      assert.equal(stdout.trim(), '17379');
      assert.ok(proxied.length > 0 && proxied.every((target) => target.includes(PROXIED_HOST)), `through the proxy: ${JSON.stringify(proxied)}`);
    });

    it('fails with one clear error and leaves nothing in the cache', async () => {
      for (const path of ['/gone.zip', '/truncated.zip']) {
        const cacheDir = temporaryDirectory('bike-cache-');
        await assert.rejects(loadDataset({ url: `${baseUrl}${path}`, cacheDir }), (error: Error) => {
          assert.ok(error instanceof DatasetError);
          // The offline route; for a failed download, also the proxy route.
          assert.match(error.message, /BIKE_SHARING_ZIP/);
          if (path === '/gone.zip') assert.match(error.message, /HTTPS_PROXY .*NODE_USE_ENV_PROXY=1/);
          return true;
        });
        assert.deepEqual(await readdir(cacheDir), [], `cache after ${path}`);
      }
    });
  });
});
