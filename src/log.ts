// The "Device Farm" log channel, behind the service layer's Logger interface.
import * as vscode from 'vscode';
import type { Logger } from './deviceFarm/client';

/** How many recent lines the log keeps in memory for `recentLines`. */
const RECENT_LINES = 1000;

export class DeviceFarmLog implements Logger, vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Device Farm', { log: true });
  private readonly recent: string[] = [];

  trace(message: string): void {
    this.keep('trace', message);
    this.channel.trace(message);
  }

  debug(message: string): void {
    this.keep('debug', message);
    this.channel.debug(message);
  }

  info(message: string): void {
    this.keep('info', message);
    this.channel.info(message);
  }

  warn(message: string): void {
    this.keep('warn', message);
    this.channel.warn(message);
  }

  error(message: string): void {
    this.keep('error', message);
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  /** Returns the last lines logged, at every level, whatever level the channel shows. */
  recentLines(): readonly string[] {
    return this.recent;
  }

  dispose(): void {
    this.channel.dispose();
  }

  private keep(level: string, message: string): void {
    this.recent.push(`${level} ${message}`);
    if (this.recent.length > RECENT_LINES) {
      this.recent.splice(0, this.recent.length - RECENT_LINES);
    }
  }
}
