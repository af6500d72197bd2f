/** Structured JSON logs (pino), one line per event. */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type Logger, pino } from 'pino';
import type { LogLevel } from '../config.js';

export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'bike-api' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/**
 * One line per request, at debug level: at tens of thousands of predictions a second, request
 * logs at info would cost more than the predictions. Server errors are still logged (by the
 * error handler) at error level, and every request is counted in the metrics.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {
    // The completion line below carries everything.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Skip building the line when it would be dropped (it is a debug line below debug level).
    if (!error && reply.log.level !== 'debug' && reply.log.level !== 'trace') return;
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTimeMs: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.debug(line, 'request completed');
  }
}
