import * as assert from 'node:assert/strict';
import { DeviceFarmError } from '../../src/deviceFarm/errors';
import { listProjects } from '../../src/deviceFarm/listing';
import { resolveProxy } from '../../src/deviceFarm/proxy';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { createConnection } from '../../src/deviceFarm/client';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { collect, connectTo, RecordingLogger } from '../support/connection';

describe('proxy support', () => {
  let emulator: DeviceFarmEmulator;
  let proxy: ConnectProxy;
  const savedEnvironment = { ...process.env };

  beforeEach(async () => {
    emulator = await startEmulator({ projects: 2, sessionsPerProject: 3 });
    proxy = await startConnectProxy();
  });

  afterEach(async () => {
    process.env = { ...savedEnvironment };
    await proxy.close();
    await emulator.close();
  });

  it('tunnels through the http.proxy setting', async () => {
    const connection = connectTo(emulator.url, { proxySettings: { proxy: proxy.url } });

    const projects = await collect(listProjects(connection));

    assert.equal(projects.length, 2);
    assert.deepEqual(proxy.tunnels, [new URL(emulator.url).host]);
  });

  it('skips the setting for hosts in http.noProxy', async () => {
    const connection = connectTo(emulator.url, { proxySettings: { proxy: proxy.url, noProxy: ['127.0.0.1'] } });

    await collect(listProjects(connection));

    assert.deepEqual(proxy.tunnels, []);
  });

  it('tunnels through HTTP_PROXY from the environment', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = '';
    const connection = connectTo(emulator.url);

    await collect(listProjects(connection));

    assert.equal(proxy.tunnels.length, 1);
  });

  it('honours NO_PROXY from the environment', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = '127.0.0.1';
    const connection = connectTo(emulator.url);

    await collect(listProjects(connection));

    assert.deepEqual(proxy.tunnels, []);
  });

  it('names the proxy when it cannot be reached', async () => {
    const proxyUrl = proxy.url;
    await proxy.close();
    const connection = connectTo(emulator.url, { proxySettings: { proxy: proxyUrl } });

    await assert.rejects(collect(listProjects(connection)), (error: unknown) =>
      error instanceof DeviceFarmError && error.kind === 'network' && error.message.includes(`through proxy ${proxyUrl}/`));
    proxy = await startConnectProxy();
  });

  it('ignores AWS_ENDPOINT_URL in favour of the setting or the real endpoint', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    process.env.AWS_ENDPOINT_URL_DEVICE_FARM = 'http://127.0.0.1:9';
    const connection = createConnection({}, new RecordingLogger());

    const client = await connection.client();
    const endpoint = await (client.config.endpoint as () => Promise<{ hostname: string; protocol: string }>)();

    assert.equal(endpoint.hostname, 'devicefarm.us-west-2.amazonaws.com');
    assert.equal(endpoint.protocol, 'https:');
    connection.destroy();
  });

  it('resolves the real endpoint through HTTPS_PROXY', () => {
    process.env.HTTPS_PROXY = 'http://proxy.example.invalid:3128';
    process.env.NO_PROXY = '';

    assert.equal(resolveProxy('https://devicefarm.us-west-2.amazonaws.com', {}), 'http://proxy.example.invalid:3128');
  });
});
