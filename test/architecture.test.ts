/**
 * The folder tree is the architecture: no module of src/ reaches itself through its imports, and
 * src/monitoring, a library, imports nothing of the service. Imports are read with the TypeScript
 * compiler's own pre-processor (static, type-only, re-exports and dynamic `import()` alike).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { ROOT } from './helpers/dataset.js';

const SRC = join(ROOT, 'src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The files of src/ that `file` imports; `unresolved` collects relative imports that leave src/ or name no file. */
function localImports(file: string, files: ReadonlySet<string>, unresolved: string[]): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .flatMap((specifier) => {
      // NodeNext: the specifier names the compiled .js, the source is the .ts beside it.
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      if (files.has(target)) return [target];
      unresolved.push(`${relative(ROOT, file)} imports ${specifier}`);
      return [];
    });
}

const files = sourceFiles(SRC);
const unresolved: string[] = [];
const fileSet = new Set(files);
const graph = new Map(files.map((file) => [file, localImports(file, fileSet, unresolved)]));
const name = (file: string): string => relative(SRC, file);

/** Every import cycle, each as the path that closes it (depth-first search, one report per back edge). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('architecture of src/', () => {
  it('reads the imports of every module, each resolving to a file of src/', () => {
    assert.ok(files.length > 50, `${files.length} files`);
    assert.ok((graph.get(join(SRC, 'api/server.ts')) ?? []).length > 3, 'imports are read');
    assert.deepEqual(unresolved, []);
  });

  it('has no import cycle', () => {
    assert.deepEqual(cycles(graph).map((cycle) => cycle.map(name).join(' -> ')), []);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const a = join(SRC, 'a.ts');
    const b = join(SRC, 'b.ts');
    assert.deepEqual(cycles(new Map([[a, [b]], [b, [a]]])).map((cycle) => cycle.map(name)), [['a.ts', 'b.ts', 'a.ts']]);
  });

  it('src/monitoring imports nothing outside itself but packages', () => {
    const monitoring = join(SRC, 'monitoring') + '/';
    const leaks = [...graph]
      .filter(([file]) => file.startsWith(monitoring))
      .flatMap(([file, imports]) => imports.filter((target) => !target.startsWith(monitoring)).map((target) => `${name(file)} -> ${name(target)}`));
    assert.deepEqual(leaks, []);
  });
});
