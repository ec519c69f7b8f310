// Deterministic sample data for the Device Farm emulator. Everything is derived
// from a seed, so a test that names a session by index gets the same session
// on every run and on every machine.

export const ACCOUNT_ID = '123456789012';
const REGION = 'us-west-2';

export const SESSION_STATUSES = [
  'PENDING', 'PENDING_CONCURRENCY', 'PENDING_DEVICE', 'PROCESSING', 'SCHEDULING',
  'PREPARING', 'RUNNING', 'COMPLETED', 'STOPPING',
] as const;
export const FINAL_RESULTS = ['PASSED', 'WARNED', 'FAILED', 'SKIPPED', 'ERRORED', 'STOPPED'] as const;

/** A record as it goes on the wire: timestamps are epoch seconds. */
export type WireRecord = Record<string, unknown>;

export interface SampleProject {
  record: WireRecord;
  sessions: WireRecord[];
  /** The first page of ListRemoteAccessSessions is empty but carries a token. */
  emptyFirstPage: boolean;
}

export interface SampleDataOptions {
  seed?: number;
  projects?: number;
  sessionsPerProject?: number;
  /** Names of the projects in order, in place of the built-in list. */
  projectNames?: string[];
}

/** A small seeded generator (mulberry32), so sample data never depends on Math.random. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

interface DeviceModel {
  name: string;
  manufacturer: string;
  model: string;
  modelId: string;
  platform: 'ANDROID' | 'IOS';
  os: string;
  formFactor: 'PHONE' | 'TABLET';
  resolution: { width: number; height: number };
  cpu: { frequency: string; architecture: string; clock: number };
  memory: number;
}

const DEVICE_MODELS: DeviceModel[] = [
  { name: 'Google Pixel 8', manufacturer: 'Google', model: 'Pixel 8', modelId: 'GKWS6', platform: 'ANDROID', os: '14', formFactor: 'PHONE', resolution: { width: 1080, height: 2400 }, cpu: { frequency: 'Hz', architecture: 'arm64-v8a', clock: 2915 }, memory: 137438953472 },
  { name: 'Samsung Galaxy S23', manufacturer: 'Samsung', model: 'Galaxy S23', modelId: 'SM-S911U1', platform: 'ANDROID', os: '13', formFactor: 'PHONE', resolution: { width: 1080, height: 2340 }, cpu: { frequency: 'Hz', architecture: 'arm64-v8a', clock: 3360 }, memory: 137438953472 },
  { name: 'Samsung Galaxy Tab S9', manufacturer: 'Samsung', model: 'Galaxy Tab S9', modelId: 'SM-X710', platform: 'ANDROID', os: '14', formFactor: 'TABLET', resolution: { width: 1600, height: 2560 }, cpu: { frequency: 'Hz', architecture: 'arm64-v8a', clock: 3360 }, memory: 137438953472 },
  { name: 'Google Pixel Tablet', manufacturer: 'Google', model: 'Pixel Tablet', modelId: 'GTU8P', platform: 'ANDROID', os: '14', formFactor: 'TABLET', resolution: { width: 1600, height: 2560 }, cpu: { frequency: 'Hz', architecture: 'arm64-v8a', clock: 2850 }, memory: 137438953472 },
  { name: 'Apple iPhone 15', manufacturer: 'Apple', model: 'iPhone 15', modelId: 'A3090', platform: 'IOS', os: '17.4', formFactor: 'PHONE', resolution: { width: 1179, height: 2556 }, cpu: { frequency: 'Hz', architecture: 'arm64e', clock: 3460 }, memory: 137438953472 },
  { name: 'Apple iPhone 13 mini', manufacturer: 'Apple', model: 'iPhone 13 mini', modelId: 'A2481', platform: 'IOS', os: '16.6', formFactor: 'PHONE', resolution: { width: 1080, height: 2340 }, cpu: { frequency: 'Hz', architecture: 'arm64e', clock: 3230 }, memory: 137438953472 },
  { name: 'Apple iPad Air (5th generation)', manufacturer: 'Apple', model: 'iPad Air (5th generation)', modelId: 'A2588', platform: 'IOS', os: '17.2', formFactor: 'TABLET', resolution: { width: 1640, height: 2360 }, cpu: { frequency: 'Hz', architecture: 'arm64e', clock: 3200 }, memory: 68719476736 },
];

const PROJECT_NAMES = [
  'Checkout App', 'Field Service (iOS)', 'Banking – Android', 'Kiosk Tablets', 'Łódź Transit 🚋',
  'Internal QA', 'Partner SDK', 'Release Candidates',
];

const SESSION_NAMES = [
  'Smoke test', 'Login flow on a real device', 'Checkout – payment sheet', 'Regresión de inicio de sesión',
  'ログイン テスト', 'Crash repro #4412', 'Dark mode review', 'Accessibility pass (TalkBack)',
  'Deep link check', 'Push notification 🚀', 'Offline mode', 'Onboarding screens',
];

/** Builds one device record per model: half of them private devices with one instance each. */
function buildDevices(random: () => number): WireRecord[] {
  return DEVICE_MODELS.map((model, index) => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('').toUpperCase();
    const arn = `arn:aws:devicefarm:${REGION}::device:${hex}`;
    const isPrivate = index % 2 === 1;
    const device: WireRecord = {
      arn,
      name: model.name,
      manufacturer: model.manufacturer,
      model: model.model,
      modelId: model.modelId,
      formFactor: model.formFactor,
      platform: model.platform,
      os: model.os,
      cpu: model.cpu,
      resolution: model.resolution,
      heapSize: 0,
      memory: model.memory,
      image: `${model.modelId}-image`,
      remoteAccessEnabled: true,
      remoteDebugEnabled: false,
      fleetType: isPrivate ? 'PRIVATE' : 'PUBLIC',
      availability: pick(random, ['AVAILABLE', 'HIGHLY_AVAILABLE', 'BUSY']),
      instances: [],
    };
    if (isPrivate) {
      device.fleetName = 'Private Fleet';
      device.instances = [{
        arn: `arn:aws:devicefarm:${REGION}:${ACCOUNT_ID}:deviceinstance:${uuid(random)}`,
        deviceArn: arn,
        labels: ['qa-lab', `rack-${index}`],
        status: 'IN_USE',
        udid: Array.from({ length: 24 }, () => Math.floor(random() * 16).toString(16)).join(''),
      }];
    }
    return device;
  });
}

function buildSession(random: () => number, projectUuid: string, devices: WireRecord[], createdSeconds: number, index: number): WireRecord {
  const sessionUuid = uuid(random);
  const arn = `arn:aws:devicefarm:${REGION}:${ACCOUNT_ID}:session:${projectUuid}/${sessionUuid}/00000`;

  // The first sessions cycle through every status, so even a small project shows
  // each one; the rest are mostly finished, as in a real account.
  const status = index < SESSION_STATUSES.length ? SESSION_STATUSES[index] : (random() < 0.85 ? 'COMPLETED' : pick(random, SESSION_STATUSES));
  const result = status === 'COMPLETED'
    ? FINAL_RESULTS[index % FINAL_RESULTS.length]
    : status === 'STOPPING' ? 'STOPPED' : 'PENDING';

  const device = devices[index % devices.length];
  const instances = device.instances as WireRecord[];
  const started = createdSeconds + 20 + Math.floor(random() * 90);
  const finished = status === 'COMPLETED';
  const minutes = finished ? Math.round((5 + random() * 55) * 100) / 100 : 0;
  const billingMethod = instances.length > 0 ? 'UNMETERED' : pick(random, ['METERED', 'UNMETERED']);
  const token = uuid(random).replace(/-/g, '');

  const session: WireRecord = {
    arn,
    name: `${SESSION_NAMES[index % SESSION_NAMES.length]}${index >= SESSION_NAMES.length ? ` ${Math.floor(index / SESSION_NAMES.length) + 1}` : ''}`,
    created: createdSeconds + 0.123,
    status,
    result,
    message: finished ? 'Remote access session ended.' : '',
    started: status === 'RUNNING' || finished || status === 'STOPPING' ? started + 0.456 : undefined,
    stopped: finished ? started + minutes * 60 + 0.789 : undefined,
    device,
    instanceArn: instances.length > 0 ? instances[0].arn : undefined,
    remoteDebugEnabled: false,
    remoteRecordEnabled: false,
    interactionMode: pick(random, ['INTERACTIVE', 'NO_VIDEO', 'VIDEO_ONLY']),
    skipAppResign: false,
    billingMethod,
    deviceMinutes: { total: minutes, metered: billingMethod === 'METERED' ? minutes : 0, unmetered: billingMethod === 'UNMETERED' ? minutes : 0 },
    endpoint: `wss://devicefarm-interactive.${REGION}.example.invalid/${sessionUuid}?token=${token}`,
    endpoints: {
      interactiveEndpoint: `wss://devicefarm-interactive.${REGION}.example.invalid/${sessionUuid}?X-Amz-Security-Token=${token}`,
      remoteDriverEndpoint: `https://devicefarm-driver.${REGION}.example.invalid/${sessionUuid}/wd/hub?token=${token}`,
    },
    vpcConfig: undefined,
  };
  for (const key of Object.keys(session)) {
    if (session[key] === undefined) {
      delete session[key];
    }
  }
  return session;
}

/** Builds projects, each with its sessions in creation order (oldest first), as plain wire records. */
export function buildSampleData(options: SampleDataOptions = {}): SampleProject[] {
  const random = createRandom(options.seed ?? 1);
  const projectCount = options.projects ?? 4;
  const sessionsPerProject = options.sessionsPerProject ?? 25;
  const devices = buildDevices(random);
  const baseSeconds = Date.UTC(2026, 8, 1) / 1000;

  const projects: SampleProject[] = [];
  for (let p = 0; p < projectCount; p++) {
    const projectUuid = uuid(random);
    const names = options.projectNames ?? PROJECT_NAMES;
    const name = p < names.length ? names[p] : `Project ${p + 1}`;
    const record: WireRecord = {
      arn: `arn:aws:devicefarm:${REGION}:${ACCOUNT_ID}:project:${projectUuid}`,
      name,
      created: baseSeconds - (projectCount - p) * 86400 + 0.5,
      defaultJobTimeoutMinutes: 150,
    };
    const sessions: WireRecord[] = [];
    for (let s = 0; s < sessionsPerProject; s++) {
      sessions.push(buildSession(random, projectUuid, devices, baseSeconds + p * 3600 + s * 5400, s));
    }
    projects.push({ record, sessions, emptyFirstPage: p === 1 });
  }
  return projects;
}

/** Session names that must stay literal text wherever they are shown. */
export const HOSTILE_NAMES = [
  '</script><img src=x onerror="document.title=\'pwned\'">',
  '**bold** [run](command:workbench.action.quit) <b>html</b> &lt;entity&gt; `code`',
  'invoice\u202Egnp.exe \u2066isolate\u2069',
  'control\u0000\u0007\u001b[31mchars\u007f',
  'long '.repeat(3300),
];

/**
 * Builds sessions the SDK and the tree must survive: values the SDK's model
 * does not know, missing optional fields, and hostile names.
 */
export function buildOddSessions(projectArn: string, seed = 7): WireRecord[] {
  const random = createRandom(seed);
  const projectUuid = projectArn.split(':').pop() ?? '';
  const arn = (): string => `arn:aws:devicefarm:${REGION}:${ACCOUNT_ID}:session:${projectUuid}/${uuid(random)}/00000`;
  const created = Date.UTC(2026, 10, 1) / 1000;
  const device = {
    arn: `arn:aws:devicefarm:${REGION}::device:ODDDEVICE0000000000000000000000`,
    name: 'Future Watch',
    platform: 'HARMONYOS',
    formFactor: 'WATCH',
    os: '5',
    availability: 'RETIRED',
  };
  return [
    { arn: arn(), name: 'Unknown status and result', created, status: 'QUEUED_FOR_REVIEW', result: 'INCONCLUSIVE', device, billingMethod: 'PREPAID' },
    { arn: arn(), status: 'RUNNING' },
    ...HOSTILE_NAMES.map((name, index) => ({
      arn: arn(),
      name,
      created: created - index * 60,
      status: 'COMPLETED',
      result: 'PASSED',
      message: name,
      device: { ...device, name, platform: 'ANDROID', formFactor: 'PHONE' },
    })),
  ];
}
