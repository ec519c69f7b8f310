// A local Device Farm: an HTTP server on 127.0.0.1 that speaks the service's
// wire protocol (AWS JSON 1.1, X-Amz-Target dispatch, SigV4 Authorization
// header, `__type` errors, epoch-second timestamps), so the real SDK runs
// against it unchanged.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildOddSessions, buildSampleData, SampleDataOptions, SampleProject, WireRecord } from './sampleData';

const TARGET_PREFIX = 'DeviceFarm_20150623.';
const CONTROL_PREFIX = '/_emulator/';
const PROJECT_ARN = /^arn:aws:devicefarm:us-west-2:\d{12}:project:[0-9a-f-]{36}$/;
const SESSION_ARN = /^arn:aws:devicefarm:us-west-2:\d{12}:session:[0-9a-f-]{36}\/[0-9a-f-]{36}\/\d{5}$/;
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/us-west-2\/devicefarm\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

/** What a scripted fault makes the emulator do instead of its normal reply. */
export type FaultKind =
  | 'ThrottlingException'
  | 'LimitExceededException'
  | 'InternalServiceException'
  | 'AccessDeniedException'
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException'
  | 'NotFoundException'
  | 'ArgumentException'
  /** HTTP 200 with a body that is not JSON. */
  | 'notJson'
  /** A proxy-style HTML error page with HTTP 502. */
  | 'html502'
  /** A proxy-style HTML error page with HTTP 403. */
  | 'html403'
  /** The socket closes without a reply. */
  | 'dropConnection'
  /** The normal reply, after `delayMs`. */
  | 'slow'
  /**
   * The normal items, with a `nextToken` seen before: the token of page `toPage`
   * (a cycle of several pages), or by default the request's own token (page 1
   * replies with the token of page 2).
   */
  | 'repeatToken'
  /** The normal token, with no items. */
  | 'emptyPage'
  /** The normal items of the last page, with `nextToken: ""`. */
  | 'emptyStringToken';

const FAULT_KINDS: readonly FaultKind[] = [
  'ThrottlingException', 'LimitExceededException', 'InternalServiceException', 'AccessDeniedException',
  'UnrecognizedClientException', 'ExpiredTokenException', 'NotFoundException', 'ArgumentException',
  'notJson', 'html502', 'html403', 'dropConnection', 'slow', 'repeatToken', 'emptyPage', 'emptyStringToken',
];

/** Checks a fault that came from outside the process (the control route or the command line). */
export function parseFault(value: unknown): Fault {
  const fault = value as Partial<Fault>;
  if (typeof fault !== 'object' || fault === null || !FAULT_KINDS.includes(fault.kind as FaultKind)) {
    throw new Error(`Invalid fault ${JSON.stringify(value)}: "kind" must be one of ${FAULT_KINDS.join(', ')}.`);
  }
  for (const key of ['page', 'times', 'delayMs', 'toPage'] as const) {
    if (fault[key] !== undefined && (!Number.isInteger(fault[key]) || (fault[key] as number) < 0)) {
      throw new Error(`Invalid fault ${JSON.stringify(value)}: "${key}" must be a whole number.`);
    }
  }
  return { operation: fault.operation, page: fault.page, kind: fault.kind as FaultKind, times: fault.times, delayMs: fault.delayMs, toPage: fault.toPage };
}

export interface Fault {
  /** Operation name, such as `ListRemoteAccessSessions`; omitted matches every operation. */
  operation?: string;
  /** 1-based page of a list operation; omitted matches every page. */
  page?: number;
  kind: FaultKind;
  /** How many matching requests the fault replaces before it clears; omitted means until removed. */
  times?: number;
  /** For 'slow': how long to wait before the reply, in milliseconds. */
  delayMs?: number;
  /** For 'repeatToken': the 1-based page whose token to send again (2 or more). */
  toPage?: number;
}

export interface EmulatorOptions extends SampleDataOptions {
  /** 0 picks a free port. */
  port?: number;
  pageSize?: number;
  /** Added to every reply, in milliseconds. */
  latencyMs?: number;
  /** Adds sessions with unknown enum values, missing fields and hostile names to the first project. */
  oddSessions?: boolean;
  faults?: Fault[];
}

export interface RecordedRequest {
  operation: string;
  page: number | undefined;
  status: number;
  requestId: string;
}

class ApiError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

function toPages<T>(items: T[], pageSize: number, emptyFirstPage: boolean): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += pageSize) {
    pages.push(items.slice(i, i + pageSize));
  }
  if (pages.length === 0) {
    pages.push([]);
  }
  return emptyFirstPage ? [[], ...pages] : pages;
}

function encodeToken(list: string, pageIndex: number): string {
  return Buffer.from(JSON.stringify({ list, page: pageIndex })).toString('base64url');
}

function decodeToken(token: string, list: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { list?: unknown; page?: unknown };
    if (decoded.list === list && typeof decoded.page === 'number' && decoded.page > 0) {
      return decoded.page;
    }
  } catch {
    // Fall through to the ArgumentException below.
  }
  throw new ApiError('ArgumentException', `Invalid nextToken: ${token.slice(0, 40)}`);
}

export class DeviceFarmEmulator {
  /** The data of the default account: returned to every access key that `addAccount` gave no data of its own. */
  projects: SampleProject[];
  private readonly accounts = new Map<string, SampleProject[]>();
  pageSize: number;
  latencyMs: number;
  readonly requests: RecordedRequest[] = [];
  /** The most API requests that were being served at the same time. */
  maxInFlight = 0;
  private inFlight = 0;
  private faults: Fault[] = [];
  private readonly server: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(options: EmulatorOptions = {}) {
    this.projects = buildSampleData(options);
    this.pageSize = options.pageSize ?? 10;
    this.latencyMs = options.latencyMs ?? 0;
    if (options.oddSessions && this.projects.length > 0) {
      this.projects[0].sessions.push(...buildOddSessions(String(this.projects[0].record.arn)));
    }
    for (const fault of options.faults ?? []) {
      this.addFault(fault);
    }
    this.server = http.createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  listen(port = 0): Promise<this> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve(this));
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    return new Promise(resolve => this.server.close(() => resolve()));
  }

  /** Gives requests signed with this access key id their own data, as another AWS account would have. */
  addAccount(accessKeyId: string, options: SampleDataOptions): SampleProject[] {
    const projects = buildSampleData(options);
    this.accounts.set(accessKeyId, projects);
    return projects;
  }

  addFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Counts the requests received, of one operation or of all. */
  requestCount(operation?: string): number {
    return this.requests.filter(request => operation === undefined || request.operation === operation).length;
  }

  findSession(arn: string, projects = this.projects): WireRecord | undefined {
    for (const project of projects) {
      const session = project.sessions.find(candidate => candidate.arn === arn);
      if (session) {
        return session;
      }
    }
    return undefined;
  }

  private takeFault(operation: string, page: number | undefined): Fault | undefined {
    const index = this.faults.findIndex(fault =>
      (fault.operation === undefined || fault.operation === operation) &&
      (fault.page === undefined || fault.page === page));
    if (index < 0) {
      return undefined;
    }
    const fault = this.faults[index];
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) {
        this.faults.splice(index, 1);
      }
    }
    return fault;
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    if (request.url?.startsWith(CONTROL_PREFIX)) {
      this.handleControl(request, body, response);
      return;
    }
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.handleApiCall(request, body, response);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async handleApiCall(request: http.IncomingMessage, body: string, response: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;

    let page: number | undefined;
    let status = 200;
    let payload: unknown;
    let fault: Fault | undefined;
    try {
      if (request.method !== 'POST' || request.url !== '/') {
        throw new ApiError('UnknownOperationException', `Only POST / is served, not ${request.method} ${request.url}`, 404);
      }
      if (!AUTHORIZATION.test(String(request.headers.authorization ?? '')) || !request.headers['x-amz-date']) {
        throw new ApiError('MissingAuthenticationTokenException', 'Request is missing a valid SigV4 Authorization header for us-west-2/devicefarm.', 403);
      }
      if (!String(request.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')) {
        throw new ApiError('SerializationException', 'Content-Type must be application/x-amz-json-1.1.');
      }
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body || '{}') as Record<string, unknown>;
      } catch {
        throw new ApiError('SerializationException', 'The request body is not valid JSON.');
      }
      page = this.pageOf(operation, input);
      fault = this.takeFault(operation, page);
      const accessKeyId = /Credential=([^/]+)\//.exec(String(request.headers.authorization))?.[1] ?? '';
      payload = await this.dispatch(operation, input, fault, response, this.accounts.get(accessKeyId) ?? this.projects);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      status = error.status;
      payload = { __type: error.type, message: error.message };
    }
    this.requests.push({ operation, page, status, requestId });

    if (this.latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.latencyMs));
    }
    if (response.destroyed) {
      return;
    }
    if (payload instanceof RawReply) {
      response.writeHead(payload.status, { 'Content-Type': payload.contentType, 'x-amzn-RequestId': requestId });
      response.end(payload.body);
      return;
    }
    response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId });
    response.end(JSON.stringify(payload));
  }

  /**
   * Serves the control routes, which are never `POST /` and so never collide
   * with API calls: `POST /_emulator/faults` adds a fault (a Fault as JSON),
   * `DELETE /_emulator/faults` clears them, `PUT /_emulator/latency` sets
   * `{ "ms": N }`, and `GET /_emulator/requests` returns the request log.
   */
  private handleControl(request: http.IncomingMessage, body: string, response: http.ServerResponse): void {
    const route = `${request.method} ${request.url}`;
    const reply = (status: number, payload?: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    try {
      switch (route) {
        case `POST ${CONTROL_PREFIX}faults`:
          this.addFault(parseFault(JSON.parse(body)));
          return reply(204);
        case `DELETE ${CONTROL_PREFIX}faults`:
          this.clearFaults();
          return reply(204);
        case `PUT ${CONTROL_PREFIX}latency`: {
          const ms = (JSON.parse(body) as { ms?: unknown }).ms;
          if (typeof ms !== 'number' || ms < 0) {
            return reply(400, { message: 'Expected {"ms": N} with N >= 0.' });
          }
          this.latencyMs = ms;
          return reply(204);
        }
        case `GET ${CONTROL_PREFIX}requests`:
          return reply(200, this.requests);
        default:
          return reply(404, { message: `No control route ${route}.` });
      }
    } catch (error) {
      return reply(400, { message: (error as Error).message });
    }
  }

  /** Returns the 1-based page a list request names by its token. */
  private pageOf(operation: string, input: Record<string, unknown>): number | undefined {
    if (operation !== 'ListProjects' && operation !== 'ListRemoteAccessSessions') {
      return undefined;
    }
    if (typeof input.nextToken !== 'string' || input.nextToken === '') {
      return 1;
    }
    const list = operation === 'ListProjects' ? 'projects' : String(input.arn);
    return decodeToken(input.nextToken, list) + 1;
  }

  private async dispatch(
    operation: string,
    input: Record<string, unknown>,
    fault: Fault | undefined,
    response: http.ServerResponse,
    projects: SampleProject[],
  ): Promise<unknown> {
    const kind = fault?.kind;
    switch (kind) {
      case undefined:
      case 'repeatToken':
      case 'emptyPage':
      case 'emptyStringToken':
        break;
      case 'slow':
        await new Promise(resolve => setTimeout(resolve, fault?.delayMs ?? 5000));
        break;
      case 'notJson':
        return new RawReply(200, 'text/plain', 'upstream said: OK but not JSON');
      case 'html502':
        return new RawReply(502, 'text/html', '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
      case 'html403':
        return new RawReply(403, 'text/html', '<html><head><title>403 Forbidden</title></head><body><h1>Access blocked by proxy</h1></body></html>');
      case 'dropConnection':
        response.socket?.destroy();
        return undefined;
      case 'InternalServiceException':
        throw new ApiError(kind, 'Internal service error (scripted).', 500);
      case 'AccessDeniedException':
        throw new ApiError(kind, `User: arn:aws:iam::123456789012:user/tester is not authorized to perform: devicefarm:${operation}`);
      default:
        throw new ApiError(kind, `${kind} (scripted).`);
    }

    switch (operation) {
      case 'ListProjects':
        return this.listProjects(projects, input, fault);
      case 'ListRemoteAccessSessions':
        return this.listRemoteAccessSessions(projects, input, fault);
      case 'GetRemoteAccessSession':
        return { remoteAccessSession: this.requireSession(projects, input.arn) };
      case 'GetProject':
        return { project: this.requireProject(projects, input.arn).record };
      default:
        throw new ApiError('UnknownOperationException', `Unknown operation ${JSON.stringify(operation)}.`);
    }
  }

  private listProjects(projects: SampleProject[], input: Record<string, unknown>, fault: Fault | undefined): unknown {
    if (input.arn !== undefined) {
      return { projects: [this.requireProject(projects, input.arn).record] };
    }
    const pages = toPages(projects.map(project => project.record), this.pageSize, false);
    const { items, nextToken } = this.pageReply(pages, 'projects', input.nextToken, fault);
    return { projects: items, nextToken };
  }

  private listRemoteAccessSessions(projects: SampleProject[], input: Record<string, unknown>, fault: Fault | undefined): unknown {
    const project = this.requireProject(projects, input.arn);
    const pages = toPages(project.sessions, this.pageSize, project.emptyFirstPage);
    const { items, nextToken } = this.pageReply(pages, String(input.arn), input.nextToken, fault);
    return { remoteAccessSessions: items, nextToken };
  }

  /** Picks the page a token names, and the token of the page after it. */
  private pageReply(pages: WireRecord[][], list: string, token: unknown, fault: Fault | undefined): { items: WireRecord[]; nextToken?: string } {
    const index = typeof token === 'string' && token !== '' ? decodeToken(token, list) : 0;
    if (index >= pages.length) {
      throw new ApiError('ArgumentException', `nextToken points past the last page (${pages.length}).`);
    }
    const items = fault?.kind === 'emptyPage' ? [] : pages[index];
    if (fault?.kind === 'repeatToken') {
      const repeatedIndex = fault.toPage !== undefined ? Math.max(1, fault.toPage - 1) : Math.max(1, index);
      return { items, nextToken: encodeToken(list, repeatedIndex) };
    }
    if (index + 1 < pages.length) {
      return { items, nextToken: encodeToken(list, index + 1) };
    }
    return { items, nextToken: fault?.kind === 'emptyStringToken' ? '' : undefined };
  }

  private requireProject(projects: SampleProject[], arn: unknown): SampleProject {
    if (typeof arn !== 'string' || !PROJECT_ARN.test(arn)) {
      throw new ApiError('ArgumentException', `Invalid project ARN: ${JSON.stringify(arn ?? null)}`);
    }
    const project = projects.find(candidate => candidate.record.arn === arn);
    if (!project) {
      throw new ApiError('NotFoundException', `Project not found: ${arn}`);
    }
    return project;
  }

  private requireSession(projects: SampleProject[], arn: unknown): WireRecord {
    if (typeof arn !== 'string' || !SESSION_ARN.test(arn)) {
      throw new ApiError('ArgumentException', `Invalid remote access session ARN: ${JSON.stringify(arn ?? null)}`);
    }
    const session = this.findSession(arn, projects);
    if (!session) {
      throw new ApiError('NotFoundException', `Remote access session not found: ${arn}`);
    }
    return session;
  }
}

class RawReply {
  constructor(readonly status: number, readonly contentType: string, readonly body: string) {}
}

/** Starts an emulator on 127.0.0.1; port 0 (the default) picks a free port. */
export function startEmulator(options: EmulatorOptions = {}): Promise<DeviceFarmEmulator> {
  return new DeviceFarmEmulator(options).listen(options.port ?? 0);
}
