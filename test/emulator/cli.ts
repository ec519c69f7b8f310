// Command line for the Device Farm emulator:
//   npm run emulator -- --port 4566 --projects 5 --sessions-per-project 40 --page-size 10
import { parseArgs } from 'node:util';
import { parseFault, startEmulator, type Fault } from './server';

const HELP = `Usage: npm run emulator -- [options]
  --port N                  TCP port on 127.0.0.1 (default 4566; 0 picks a free one)
  --projects N              number of sample projects (default 4)
  --sessions-per-project N  remote access sessions in each project (default 25)
  --page-size N             items per page of every list (default 10)
  --latency-ms N            delay added to every reply, in milliseconds (default 0)
  --seed N                  seed of the sample data (default 1)
  --odd-sessions            add sessions with unknown values, missing fields and hostile names
  --fault OP:PAGE:KIND[:TIMES]
                            script a fault, such as ListRemoteAccessSessions:2:ThrottlingException:3;
                            OP or PAGE may be *; repeat the flag for more faults
While it runs, POST a fault as JSON to /_emulator/faults, DELETE /_emulator/faults to clear
them, PUT {"ms": N} to /_emulator/latency, and GET /_emulator/requests for the request log.`;

function readFault(text: string): Fault {
  const [operation, page, kind, times] = text.split(':');
  return parseFault({
    operation: operation === '*' || operation === '' ? undefined : operation,
    page: page === '*' || page === '' || page === undefined ? undefined : Number(page),
    kind,
    times: times === undefined ? undefined : Number(times),
  });
}

function readCount(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`Invalid --${name} ${JSON.stringify(raw)}: expected a whole number of 0 or more.\n\n${HELP}`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      projects: { type: 'string' },
      'sessions-per-project': { type: 'string' },
      'page-size': { type: 'string' },
      'latency-ms': { type: 'string' },
      seed: { type: 'string' },
      'odd-sessions': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }

  let faults: Fault[];
  try {
    faults = (values.fault ?? []).map(readFault);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }

  const emulator = await startEmulator({
    port: readCount(values, 'port', 4566),
    projects: readCount(values, 'projects', 4),
    sessionsPerProject: readCount(values, 'sessions-per-project', 25),
    pageSize: Math.max(1, readCount(values, 'page-size', 10)),
    latencyMs: readCount(values, 'latency-ms', 0),
    seed: readCount(values, 'seed', 1),
    oddSessions: values['odd-sessions'] ?? false,
    faults,
  });
  console.log(`Device Farm emulator listening on ${emulator.url}`);
  for (const project of emulator.projects) {
    console.log(String(project.record.arn));
  }

  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
