/** Structured JSON logs (pino), one line per event. */
import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type Bindings, type ChildLoggerOptions, type LogFn, type Logger, pino } from 'pino';
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

/**
 * A request's logger, made when the request first logs. Fastify gives every request a child
 * logger that binds its reqId, and pino's `child` costs about 2 µs; most requests log nothing
 * (their completion line is a debug line, below the default level). The lines are the child's own.
 */
class RequestLogger {
  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
  declare silent: LogFn;
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }
}
for (const method of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const) {
  RequestLogger.prototype[method] = function (this: RequestLogger, ...args: Parameters<LogFn>) {
    this.logger()[method](...args);
  };
}

/** Fastify's `childLoggerFactory`: each request's logger made on first use (RequestLogger). */
export function requestLoggerFactory(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options);
}
