/**
 * How every command of the project ends (bike-api, the clients, make local, make train): the
 * exit code that `main` returns, else 2 for a bad command line and 1 for any other failure, with
 * one message on stderr. The stack trace of an unexpected failure shows only with --verbose, an
 * option that every command accepts and that the runner takes out of the arguments.
 */

/** A bad command line: exit code 2, with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type ErrorClass = abstract new (...args: never[]) => Error;

export interface Command {
  /** The name that prefixes every message. */
  readonly program: string;
  /** Runs with the arguments, --verbose removed; resolves to the exit code. */
  readonly main: (argv: readonly string[]) => Promise<number>;
  /** Failures whose message says what to do: a stack trace would add nothing. */
  readonly expected: readonly ErrorClass[];
}

export const VERBOSE_OPTION = '--verbose';

/** Runs `command` on the process's arguments and sets the exit code. */
export function runCommand(command: Command, argv: readonly string[] = process.argv.slice(2)): void {
  const verbose = argv.includes(VERBOSE_OPTION);
  command.main(argv.filter((arg) => arg !== VERBOSE_OPTION)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const { code, message } = failure(command, error, verbose);
      console.error(message);
      process.exitCode = code;
    },
  );
}

/** The exit code and the message of a failed command. */
export function failure({ program, expected }: Command, error: unknown, verbose: boolean): { code: number; message: string } {
  const code = error instanceof UsageError ? 2 : 1;
  if (!(error instanceof Error)) return { code, message: `${program}: ${String(error)}` };
  if (verbose) return { code, message: `${program}: ${error.stack ?? error.message}` };
  if (error instanceof UsageError) return { code, message: `${program}: ${error.message}. Run with --help for usage.` };
  const known = expected.some((type) => error instanceof type);
  return { code, message: `${program}: ${error.message}${known ? '' : ` (${error.name}; ${VERBOSE_OPTION} prints its stack trace)`}` };
}
