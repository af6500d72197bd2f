import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Command, failure, UsageError } from '../src/command-line.js';
import { ConfigError } from '../src/config.js';

const COMMAND: Command = { program: 'tool', main: () => Promise.resolve(0), expected: [ConfigError] };

describe('command-line failures', () => {
  it('a bad command line exits 2 and points to --help', () => {
    assert.deepEqual(failure(COMMAND, new UsageError('--count must be an integer'), false), {
      code: 2,
      message: 'tool: --count must be an integer. Run with --help for usage.',
    });
  });

  it('an expected failure exits 1 with its message alone', () => {
    assert.deepEqual(failure(COMMAND, new ConfigError('PORT must be an integer'), false), { code: 1, message: 'tool: PORT must be an integer' });
  });

  it('an unexpected failure exits 1 with one line that names it and how to see its stack', () => {
    const { code, message } = failure(COMMAND, new TypeError('x is undefined'), false);
    assert.equal(code, 1);
    assert.equal(message, 'tool: x is undefined (TypeError; --verbose prints its stack trace)');
  });

  it('--verbose prints the stack trace, whatever the failure', () => {
    for (const error of [new TypeError('x is undefined'), new ConfigError('PORT'), new UsageError('--count')]) {
      const { code, message } = failure(COMMAND, error, true);
      assert.equal(code, error instanceof UsageError ? 2 : 1);
      assert.match(message, /^tool: \w+: .+\n\s+at /);
    }
  });
});
