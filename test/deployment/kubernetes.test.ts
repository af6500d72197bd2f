/**
 * The committed Kubernetes manifests (deployment/kubernetes/), offline:
 * - every core object validates, strictly, against the OpenAPI schema of Kubernetes 1.37
 *   (`kubernetes-validate` from PyPI, in the .venv that `make python-tools` creates);
 * - every CRD object (ServiceMonitor, PrometheusRule) against the prometheus-operator schema
 *   shipped by @kubernetes-models/prometheus-operator (types, enums, patterns, required fields;
 *   like the API server's CRD schemas it tolerates unknown fields, which the generator's typed
 *   object literals already refuse at compile time);
 * - the PrometheusRule holds the very groups of alert_rules.yml, and promtool accepts them;
 * - the Grafana ConfigMaps hold the very files of deployment/grafana/;
 * - the kustomization applies every object once, and every pod runs unprivileged.
 * (That the committed files are what src/deployment/kubernetes generates: generated-files.test.ts.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { parse } from 'yaml';
import { DASHBOARD_FILES, DASHBOARDS_DIRECTORY } from '../../src/deployment/dashboards/all-dashboards.js';
import { KUBERNETES_DIRECTORY } from '../../src/deployment/kubernetes/manifests.js';
import { GRAFANA_ALERT_RULES_PATH, PROMETHEUS_ALERT_RULES_PATH } from '../../src/deployment/outputs.js';
import { KUBERNETES_VALIDATE, REPOSITORY_ROOT } from '../../src/paths.js';
import { announceSkip } from '../helpers/skip.js';
import { readRepositoryFile, readStructured } from './files.js';
import { promtool, skipWithoutPromtool } from './debian-tools.js';

/** The Kubernetes release whose schema the core objects must satisfy (kubernetes-validate 1.37.0 ships it). */
const KUBERNETES_VERSION = '1.37.0';
const skipWithoutValidator = existsSync(KUBERNETES_VALIDATE)
  ? false
  : `${KUBERNETES_VALIDATE} not found: run \`make python-tools\` (a venv with the pinned kubernetes-validate from PyPI)`;
if (skipWithoutValidator !== false) announceSkip('the Kubernetes OpenAPI validation needs kubernetes-validate.', skipWithoutValidator);

/** Above this, `kubectl apply`'s last-applied-configuration annotation is refused. */
const ANNOTATION_LIMIT_BYTES = 262_144;

interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: Readonly<Record<string, unknown>>;
  readonly data?: Readonly<Record<string, string>>;
}

interface ManifestFile {
  readonly path: string;
  readonly object: KubernetesObject;
}

function manifestPaths(directory: string): string[] {
  return readdirSync(join(REPOSITORY_ROOT, directory), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? manifestPaths(`${directory}/${entry.name}`) : [`${directory}/${entry.name}`]))
    .sort();
}

const KUSTOMIZATION = `${KUBERNETES_DIRECTORY}/kustomization.yaml`;
const manifests: readonly ManifestFile[] = manifestPaths(KUBERNETES_DIRECTORY)
  .filter((path) => path !== KUSTOMIZATION)
  .map((path) => ({ path, object: readStructured(path) as KubernetesObject }));

const CRD_GROUP = 'monitoring.coreos.com/';
const coreManifests = manifests.filter(({ object }) => !object.apiVersion.startsWith(CRD_GROUP));
const byKind = (kind: string): KubernetesObject[] => manifests.filter(({ object }) => object.kind === kind).map(({ object }) => object);

describe('the Kubernetes manifests', () => {
  it('are all YAML objects with a kind, and the kustomization applies each one but the one-off Job', () => {
    assert.ok(manifests.length >= 10, `only ${manifests.length} manifests`);
    const kustomization = readStructured(KUSTOMIZATION) as { resources: string[] };
    const applied = kustomization.resources.map((file) => `${KUBERNETES_DIRECTORY}/${file}`).sort();
    const notApplied = manifests.map(({ path }) => path).filter((path) => !applied.includes(path));
    assert.deepEqual(notApplied, [`${KUBERNETES_DIRECTORY}/one-off/evaluation-job.yaml`]);
    for (const path of applied) assert.ok(existsSync(join(REPOSITORY_ROOT, path)), `${path} listed but missing`);
  });

  it(`validate strictly against the Kubernetes ${KUBERNETES_VERSION} OpenAPI schema (kubernetes-validate)`, { skip: skipWithoutValidator }, async () => {
    // kubernetes-validate names each object: the one-off Job, named by the API server from its
    // generateName, is validated as a copy with a name.
    const dir = await mkdtemp(join(tmpdir(), 'bike-kubernetes-validate-'));
    try {
      const paths = await Promise.all(
        coreManifests.map(async ({ path, object }) => {
          const generateName = (object.metadata as { generateName?: string }).generateName;
          if (object.metadata.name !== undefined || generateName === undefined) return path;
          const copy = join(dir, path.replaceAll('/', '_'));
          await writeFile(copy, JSON.stringify({ ...object, metadata: { ...object.metadata, name: `${generateName}1` } }));
          return copy;
        }),
      );
      const result = spawnSync(KUBERNETES_VALIDATE, ['--strict', '--kubernetes-version', KUBERNETES_VERSION, ...paths], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
      const output = `${result.stdout}${result.stderr}`;
      assert.equal(result.status, 0, output);
      // One "passed" line per object: none skipped for an unknown kind.
      assert.equal(output.match(/ passed for resource /g)?.length, coreManifests.length, output);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('validate their ServiceMonitor and PrometheusRule against the prometheus-operator CRD schema', () => {
    const monitors = byKind('ServiceMonitor');
    const rules = byKind('PrometheusRule');
    assert.equal(monitors.length + rules.length, manifests.length - coreManifests.length, 'no other custom resource');
    for (const object of monitors) new ServiceMonitor(object as never).validate();
    for (const object of rules) new PrometheusRule(object as never).validate();
    // The schema is enforced, not decorative: a wrong relabel action is refused.
    const broken = structuredClone(monitors[0]) as unknown as { spec: { endpoints: { relabelings: { action: string }[] }[] } };
    broken.spec.endpoints[0].relabelings[0].action = 'rename';
    assert.throws(() => {
      new ServiceMonitor(broken as never).validate();
    });
  });

  it('stay under the size kubectl apply can annotate', () => {
    for (const { path } of manifests) assert.ok(Buffer.byteLength(readRepositoryFile(path)) < ANNOTATION_LIMIT_BYTES, path);
  });

  it('hold in the PrometheusRule exactly the groups of alert_rules.yml: same alerts, expressions and for', () => {
    const [rule] = byKind('PrometheusRule');
    const file = readStructured(PROMETHEUS_ALERT_RULES_PATH) as { groups: unknown };
    assert.deepEqual(rule.spec?.groups, file.groups);
  });

  it('give promtool a valid rule file in the PrometheusRule', { skip: skipWithoutPromtool }, async () => {
    const [rule] = byKind('PrometheusRule');
    const dir = await mkdtemp(join(tmpdir(), 'bike-prometheusrule-'));
    try {
      const file = join(dir, 'rules.yml');
      await writeFile(file, JSON.stringify({ groups: rule.spec?.groups }));
      const result = promtool(['check', 'rules', file]);
      assert.ok(result.ok, result.output);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('hold the three dashboards and the Grafana alert rules as sidecar ConfigMaps with the committed content', () => {
    const configMaps = byKind('ConfigMap');
    const dashboards = configMaps.filter(({ metadata }) => metadata.labels?.grafana_dashboard === '1');
    assert.equal(dashboards.length, DASHBOARD_FILES.length);
    for (const { file } of DASHBOARD_FILES) {
      const holder = dashboards.find(({ data }) => data?.[file] !== undefined);
      assert.equal(holder?.data?.[file], readRepositoryFile(`${DASHBOARDS_DIRECTORY}/${file}`), file);
    }
    const alerts = configMaps.filter(({ metadata }) => metadata.labels?.grafana_alert === '1');
    assert.equal(alerts.length, 1);
    const [content] = Object.values(alerts[0].data ?? {});
    assert.deepEqual(parse(content), readStructured(GRAFANA_ALERT_RULES_PATH));
  });

  it('run every pod non-root, read-only, without privilege escalation or capabilities', () => {
    const templates = manifests.flatMap(({ path, object }) => {
      const spec = object.spec as { template?: { spec: PodSpec }; jobTemplate?: { spec: { template: { spec: PodSpec } } } } | undefined;
      const pod = spec?.template?.spec ?? spec?.jobTemplate?.spec.template.spec;
      return pod === undefined ? [] : [{ path, pod }];
    });
    assert.equal(templates.length, 3, 'Deployment, CronJob and Job');
    for (const { path, pod } of templates) {
      assert.equal(pod.securityContext.runAsNonRoot, true, path);
      for (const container of pod.containers) {
        const context = container.securityContext;
        assert.equal(context.readOnlyRootFilesystem, true, path);
        assert.equal(context.allowPrivilegeEscalation, false, path);
        assert.deepEqual(context.capabilities.drop, ['ALL'], path);
        assert.ok(container.resources.limits.cpu && container.resources.limits.memory, `${path}: limits`);
      }
    }
  });
});

interface PodSpec {
  readonly securityContext: { readonly runAsNonRoot?: boolean };
  readonly containers: readonly {
    readonly securityContext: { readonly readOnlyRootFilesystem?: boolean; readonly allowPrivilegeEscalation?: boolean; readonly capabilities: { readonly drop?: readonly string[] } };
    readonly resources: { readonly limits: { readonly cpu?: string; readonly memory?: string } };
  }[];
}
