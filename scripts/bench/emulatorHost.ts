// Child process that hosts one Device Farm emulator for the benchmark, so the
// server's CPU time does not run on the event loop being measured. The parent
// talks to it over the IPC channel of `child_process.fork`, with the
// messages defined in emulatorProcess.ts.
import { startEmulator, type EmulatorOptions } from '../../test/emulator/server';
import type { EmulatorReply, EmulatorRequest } from './emulatorProcess';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions;
  const emulator = await startEmulator({ ...options, port: 0 });
  const send = (reply: EmulatorReply): void => {
    process.send?.(reply);
  };

  process.on('message', (message: EmulatorRequest) => {
    switch (message.type) {
      case 'setLatency':
        emulator.latencyMs = message.latencyMs;
        send({ type: 'done', id: message.id });
        break;
      case 'takeRequests':
        // Taken between measurements, when no request is in flight, so resetting the maximum loses nothing.
        send({ type: 'requests', id: message.id, requests: emulator.requests.splice(0), maxInFlight: emulator.maxInFlight });
        emulator.maxInFlight = 0;
        break;
      case 'stop':
        void emulator.close().then(() => process.exit(0));
        break;
    }
  });
  // The parent going away (a crash or Ctrl+C) must not leave the server running.
  process.on('disconnect', () => process.exit(0));

  send({
    type: 'ready',
    url: emulator.url,
    projects: emulator.projects.map(project => ({
      arn: String(project.record.arn),
      sessionCount: project.sessions.length,
      emptyFirstPage: project.emptyFirstPage,
    })),
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
