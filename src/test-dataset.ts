/**
 * Where the tests find the bike-sharing archive, without reading it: BIKE_SHARING_ZIP when set,
 * else the shared copy beside the repository (../shared/data), else the cache that `make local`
 * fills (.cache/data). Read by the tests' dataset helper, by the up-front check of `make test`
 * and by `make doctor`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ARCHIVE_NAME, DEFAULT_DATASET_URL } from './model/dataset.js';
import { REPOSITORY_ROOT } from './paths.js';

const CANDIDATES = [resolve(REPOSITORY_ROOT, '../shared/data', ARCHIVE_NAME), resolve(REPOSITORY_ROOT, '.cache/data', ARCHIVE_NAME)];

/** The archive the tests read (the first candidate that exists, or the first one when none does). */
export function datasetZip(env: Readonly<Partial<Record<string, string>>> = process.env): string {
  const named = env.BIKE_SHARING_ZIP?.trim();
  if (named) return resolve(named);
  return CANDIDATES.find((path) => existsSync(path)) ?? CANDIDATES[0];
}

/** What to do when the archive is missing, in one message; undefined when it is there. */
export function missingDatasetProblem(env: Readonly<Partial<Record<string, string>>> = process.env): string | undefined {
  const path = datasetZip(env);
  if (existsSync(path)) return undefined;
  const where = env.BIKE_SHARING_ZIP?.trim() ? `BIKE_SHARING_ZIP names ${path}, which does not exist` : `BIKE_SHARING_ZIP is not set and there is no copy at ${CANDIDATES.join(' or ')}`;
  return `The tests need the bike-sharing archive: ${where}. Download ${DEFAULT_DATASET_URL} and run BIKE_SHARING_ZIP=/path/to/${ARCHIVE_NAME} make test`;
}
