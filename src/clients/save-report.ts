/**
 * save-report: saves the newest evaluation's HTML report to a file (`make report`). The page is
 * self-contained, so the file opens offline and can be attached to an incident.
 *
 *   npx tsx src/clients/save-report.ts [--output FILE] [--api-url URL]
 */
import { writeFile } from 'node:fs/promises';
import { ApiError, describeDetail, networkProblem, parseJson, waitForApi } from './api-client.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connectionOptions, optionsHelp, parseCommandLine, runClient } from './cli.js';
import { LATEST_REPORT_PATH } from '../telemetry/report-links.js';

const USAGE = `Usage: save-report [options]

Saves the HTML report of the newest stored evaluation (GET ${LATEST_REPORT_PATH}) to a file.

${optionsHelp([['--output FILE', 'where to save it (default latest-report.html)'], ...CONNECTION_HELP])}

Exit status: 0 when saved, 1 when the API is unreachable or has no evaluation, 2 for a bad
command line.`;

const OPTIONS = { ...CONNECTION_OPTIONS, output: { type: 'string', default: 'latest-report.html' } } as const;

async function main(): Promise<number> {
  const values = parseCommandLine(process.argv.slice(2), OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { apiUrl, retry } = connectionOptions(values, process.env);
  await waitForApi(apiUrl, retry);
  const url = `${apiUrl}${LATEST_REPORT_PATH}`;
  let response: Response;
  let html: string;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    html = await response.text();
  } catch (error) {
    throw new ApiError(`GET ${url} failed: ${networkProblem(error)}`);
  }
  if (!response.ok) throw new ApiError(`GET ${url} answered ${response.status}: ${describeDetail(parseJson(html), html)}`);
  await writeFile(values.output, html);
  console.log(`Saved the report of ${response.url} to ${values.output}`);
  return 0;
}

runClient('save-report', main);
