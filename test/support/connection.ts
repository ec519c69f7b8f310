import { createConnection, type ConnectionSettings, type DeviceFarmConnection, type Logger } from '../../src/deviceFarm/client';

/** A Logger that keeps every line, for tests that assert on what was logged. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace(message: string): void { this.lines.push(`trace ${message}`); }
  debug(message: string): void { this.lines.push(`debug ${message}`); }
  info(message: string): void { this.lines.push(`info ${message}`); }
  warn(message: string): void { this.lines.push(`warn ${message}`); }
  error(message: string): void { this.lines.push(`error ${message}`); }
}

/** A Logger that drops every line, for benchmarks that time the requests and not the log. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function connectTo(
  endpoint: string,
  settings: Omit<ConnectionSettings, 'endpoint'> = {},
  timeouts: { connectionMs?: number; requestMs?: number } = {},
): DeviceFarmConnection & { logger: RecordingLogger } {
  const logger = new RecordingLogger();
  return { ...createConnection({ ...settings, endpoint }, logger, timeouts), logger };
}

/** Collects every item of a paged listing into one array. */
export async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...page.items);
  }
  return items;
}
