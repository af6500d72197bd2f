/** Input the monitoring library cannot work with; the message names the column and the fix. */
export class MonitoringInputError extends Error {
  override readonly name = 'MonitoringInputError';
}
