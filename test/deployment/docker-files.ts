/**
 * Small readers for the Docker files, so that the deployment tests can check them without a
 * Docker engine: Compose variable interpolation, port and volume short syntax, Dockerfile
 * instructions by stage, and .dockerignore rules. Each covers the syntax this repository uses
 * and refuses what it does not understand, rather than guessing.
 */

// ---------------------------------------------------------------- Compose interpolation

export interface Interpolated {
  readonly value: string;
  /** Variables referenced without a default (`${VAR}`, `$VAR`): a fresh clone has no value for them. */
  readonly withoutDefault: readonly string[];
}

/**
 * Compose's interpolation of one string value, with the variables of `env`: `$$` is a literal
 * `$`, `${VAR:-default}` / `${VAR-default}` fall back to the default (when unset or empty / unset),
 * `${VAR:?message}` and `${VAR?message}` require the variable, `${VAR}` and `$VAR` read it.
 */
export function interpolate(text: string, env: Readonly<Partial<Record<string, string>>> = {}): Interpolated {
  const withoutDefault: string[] = [];
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  const value = text.replace(pattern, (_match, dollar?: string, braced?: string, operator?: string, operand?: string, bare?: string) => {
    if (dollar !== undefined) return '$';
    const name = braced ?? bare ?? '';
    const current = env[name];
    if (operator === undefined) {
      withoutDefault.push(name);
      return current ?? '';
    }
    const missing = operator.startsWith(':') ? current === undefined || current === '' : current === undefined;
    if (operator.endsWith('?')) {
      withoutDefault.push(name);
      return current ?? '';
    }
    return missing ? (operand ?? '') : (current ?? '');
  });
  if (text.replace(pattern, '').includes('$')) throw new Error(`unsupported interpolation in "${text}"`);
  return { value, withoutDefault };
}

/** Every string in a parsed YAML tree, with its path, for checks that apply to all of them. */
export function stringsOf(node: unknown, path = ''): { readonly path: string; readonly value: string }[] {
  if (typeof node === 'string') return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((item: unknown, index) => stringsOf(item, `${path}[${index}]`));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => stringsOf(value, path === '' ? key : `${path}.${key}`));
  }
  return [];
}

// ---------------------------------------------------------------- Compose short syntaxes

export interface PortMapping {
  readonly hostIp: string | undefined;
  readonly hostPort: number;
  readonly containerPort: number;
}

/** `[ip:]host:container[/protocol]`, after interpolation. */
export function parsePort(spec: string): PortMapping {
  const match = /^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(\d+):(\d+)(?:\/(?:tcp|udp))?$/.exec(spec);
  if (!match) throw new Error(`unsupported port syntax "${spec}"`);
  return { hostIp: match[1], hostPort: Number(match[2]), containerPort: Number(match[3]) };
}

export interface VolumeMount {
  readonly source: string;
  readonly target: string;
  /** A named volume (declared under top-level `volumes:`), as opposed to a host path. */
  readonly named: boolean;
  readonly options: readonly string[];
}

/** `source:target[:options]`, options comma-separated (ro, rslave ...). */
export function parseVolume(spec: string): VolumeMount {
  const parts = spec.split(':');
  const [source = '', target = ''] = parts;
  if (parts.length < 2 || parts.length > 3 || source === '' || !target.startsWith('/')) throw new Error(`unsupported volume syntax "${spec}"`);
  return { source, target, named: !/^[./~]/.test(source), options: parts.length === 3 ? parts.slice(2).join().split(',') : [] };
}

// ---------------------------------------------------------------- Dockerfiles

export interface Instruction {
  /** Upper case: FROM, RUN, COPY ... */
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/** A Dockerfile's stages, each with its instructions; continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    // Comment lines inside a continued instruction are skipped by Docker too.
    if (pending !== '' && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending !== '') logical.push(pending.trim());

  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const [word = '', ...rest] = line.split(/\s+/);
    const keyword = word.toUpperCase();
    const args = rest.join(' ');
    if (keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from?.[1]) throw new Error(`unsupported FROM "${args}"`);
      stages.push({ image: from[1], name: from[2], instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    // ARG before the first FROM is allowed; nothing else is.
    if (!stage) {
      if (keyword !== 'ARG') throw new Error(`${keyword} before the first FROM`);
      continue;
    }
    stage.instructions.push({ keyword, args });
  }
  return stages;
}

/** The exec-form array of CMD, ENTRYPOINT or HEALTHCHECK ... CMD, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string')) {
    throw new Error(`exec form is not an array of strings: ${args}`);
  }
  return parsed;
}

/** `KEY=value` pairs of ENV instructions (the `ENV KEY value` legacy form is refused). */
export function envOf(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const pair of args.split(/\s+/)) {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new Error(`ENV without KEY=value: ${args}`);
      env.set(pair.slice(0, equals), pair.slice(equals + 1));
    }
  }
  return env;
}

// ---------------------------------------------------------------- .dockerignore

export interface IgnoreRule {
  readonly pattern: string;
  /** `!pattern`: allowed back in. */
  readonly allow: boolean;
}

export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => (line.startsWith('!') ? { pattern: line.slice(1), allow: true } : { pattern: line, allow: false }));
}

/**
 * Whether a context path (relative, `/`-separated) reaches the builder: the last matching rule
 * wins, and a rule matching a parent directory matches everything below it, as in Docker.
 */
export function isInContext(rules: readonly IgnoreRule[], path: string): boolean {
  let included = true;
  const parts = path.split('/');
  for (const rule of rules) {
    const regex = globToRegExp(rule.pattern.replace(/\/+$/, ''));
    const matches = parts.some((_part, index) => regex.test(parts.slice(0, index + 1).join('/')));
    if (matches) included = rule.allow;
  }
  return included;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*' && glob[index + 1] === '*') {
      // `**/` matches any number of directories, including none.
      source += glob[index + 2] === '/' ? '(?:.*/)?' : '.*';
      index += glob[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
