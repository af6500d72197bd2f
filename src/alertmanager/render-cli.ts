/**
 * Writes the Alertmanager configuration to start with: the generated template completed from
 * the environment (receivers.ts). Docker Compose runs it before Alertmanager starts:
 *
 *   node dist/alertmanager/render-cli.js <template.yml> <output.yml>
 *
 * Exit code 0 when written, 2 for a bad command line or a bad variable (named in the message).
 */
import { ConfigError } from '../config.js';
import { renderAlertmanagerFile } from './receivers.js';

const args = process.argv.slice(2);
const [templatePath = '', outputPath = ''] = args;
if (args.length !== 2) {
  console.error('usage: render-cli <template.yml> <output.yml>');
  process.exitCode = 2;
} else {
  renderAlertmanagerFile(templatePath, outputPath, process.env).then(
    () => {
      console.log(`wrote ${outputPath}`);
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? `render-cli: ${error.message}` : error);
      process.exitCode = error instanceof ConfigError ? 2 : 1;
    },
  );
}
