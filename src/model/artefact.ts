/**
 * The trained model as a versioned file: metadata in JSON, the forest's node arrays as base64
 * (little-endian typed arrays), which loads in milliseconds and round-trips bit for bit.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../atomic-write.js';
import { FEATURE_COUNT, FEATURES, TARGET } from './features.js';
import { ARTEFACT_FORMAT, ARTEFACT_FORMAT_VERSION, type ModelMetadata } from './metadata.js';
import { BikeDemandModel } from './model.js';
import { type ForestNodes, RandomForest } from './random-forest.js';

/** An artefact that exists but cannot be used; the message names the file. */
export class ModelArtefactError extends Error {
  override readonly name = 'ModelArtefactError';
}

type NodeArrayName = keyof ForestNodes;
const NODE_ARRAYS: Readonly<Record<NodeArrayName, Int32ArrayConstructor | Float64ArrayConstructor>> = {
  roots: Int32Array,
  feature: Int32Array,
  threshold: Float64Array,
  right: Int32Array,
  value: Float64Array,
};

interface ArtefactFile {
  readonly metadata: ModelMetadata;
  readonly nodes: Readonly<Record<NodeArrayName, string>>;
}

/** The content-derived version of a forest trained with `inputs` (window, rows, params). */
export function modelVersion(nodes: ForestNodes, inputs: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify({ features: FEATURES, inputs }));
  for (const name of Object.keys(NODE_ARRAYS) as NodeArrayName[]) hash.update(bytesOf(nodes[name]));
  return `rf-${hash.digest('hex').slice(0, 12)}`;
}

/** Writes the artefact atomically and durably. */
export async function saveModel(path: string, model: BikeDemandModel): Promise<void> {
  const nodes = Object.fromEntries(
    (Object.keys(NODE_ARRAYS) as NodeArrayName[]).map((name) => [name, Buffer.from(bytesOf(model.forest.nodes[name])).toString('base64')]),
  );
  const file: ArtefactFile = { metadata: model.metadata, nodes: nodes as ArtefactFile['nodes'] };
  await writeFileAtomically(path, `${JSON.stringify(file)}\n`);
}

/** Reads an artefact; undefined when the file does not exist, an error naming it when it is unusable. */
export async function loadModel(path: string): Promise<BikeDemandModel | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ModelArtefactError(`Cannot read the model artefact ${path}: ${(error as Error).message}`);
  }
  try {
    return parseArtefact(text);
  } catch (error) {
    throw new ModelArtefactError(`The model artefact ${path} is corrupt (${(error as Error).message}); delete it or run \`make train\``);
  }
}

/** True when the artefact was trained on the features, in the order, that this code serves. */
export function matchesFeatureSchema(metadata: ModelMetadata): boolean {
  return (
    metadata.format === ARTEFACT_FORMAT &&
    metadata.formatVersion === ARTEFACT_FORMAT_VERSION &&
    metadata.target === TARGET &&
    metadata.features.length === FEATURES.length &&
    metadata.features.every((feature, i) => feature === FEATURES[i])
  );
}

function parseArtefact(text: string): BikeDemandModel {
  const file = JSON.parse(text) as Partial<ArtefactFile> | null;
  if (typeof file?.metadata !== 'object' || typeof file.nodes !== 'object') throw new Error('missing "metadata" or "nodes"');
  checkMetadata(file.metadata);
  const nodes = Object.fromEntries(
    (Object.keys(NODE_ARRAYS) as NodeArrayName[]).map((name) => [name, decodeArray(name, file.nodes?.[name])]),
  ) as unknown as ForestNodes;
  checkNodes(nodes);
  return new BikeDemandModel(file.metadata, new RandomForest(nodes, FEATURE_COUNT));
}

/** The fields the service reads; anything else is informative. */
function checkMetadata(metadata: ModelMetadata): void {
  const strings = [metadata.format, metadata.modelVersion, metadata.target, metadata.trainingWindow.start, metadata.trainingWindow.end];
  if (strings.some((value) => typeof value !== 'string')) throw new Error('metadata lacks its version, target or training window');
  if (!Array.isArray(metadata.features) || typeof metadata.hyperParameters !== 'object') throw new Error('metadata lacks its features or hyper-parameters');
}

function decodeArray(name: NodeArrayName, base64: unknown): Int32Array | Float64Array {
  if (typeof base64 !== 'string') throw new Error(`nodes.${name} is missing`);
  const bytes = Buffer.from(base64, 'base64');
  const Type = NODE_ARRAYS[name];
  if (bytes.length % Type.BYTES_PER_ELEMENT !== 0) throw new Error(`nodes.${name} has a truncated length`);
  // Copy into a fresh, aligned buffer: Buffer's pool offset may not be a multiple of 8.
  return new Type(new Uint8Array(bytes).buffer);
}

/** Every tree walk ends at a leaf inside the arrays: a corrupt file cannot loop or read out of bounds. */
function checkNodes({ roots, feature, threshold, right, value }: ForestNodes): void {
  const count = feature.length;
  if (roots.length === 0 || threshold.length !== count || right.length !== count || value.length !== count) {
    throw new Error('node arrays have inconsistent lengths');
  }
  for (const root of roots) if (root < 0 || root >= count) throw new Error('a tree root is out of range');
  for (let node = 0; node < count; node++) {
    if (feature[node] < 0) {
      if (!Number.isFinite(value[node])) throw new Error(`leaf ${node} has no finite value`);
      continue;
    }
    // Children come after their parent (pre-order), which rules out cycles.
    if (feature[node] >= FEATURE_COUNT || node + 1 >= count || right[node] <= node + 1 || right[node] >= count) {
      throw new Error(`node ${node} has an invalid feature or child`);
    }
  }
}

function bytesOf(array: Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
