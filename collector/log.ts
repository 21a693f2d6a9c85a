// Logging and progress, passed in as one object so tests hand in fakes.
// Lines follow `key=value` where they describe a job: source=github rows=1240 ms=830 left=4120

import { redact, showControls } from './errors.ts';

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  /** Progress of long work: a bar with an ETA on a terminal, a line every few seconds otherwise. */
  progress(label: string, done: number, total: number, extra?: string): void;
}

export function consoleLogger(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): Logger {
  const started = new Map<string, number>();
  const lastLine = new Map<string, number>();
  return {
    info: (line) => stream.write(`${showControls(redact(line))}\n`),
    warn: (line) => stream.write(`${showControls(redact(line))}\n`),
    progress(label, done, total, extra = '') {
      const t = now();
      if (!started.has(label)) started.set(label, t);
      const elapsed = t - started.get(label)!;
      const eta = done > 0 && total > done ? formatDuration((elapsed / done) * (total - done)) : done >= total ? 'done' : '?';
      const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
      const text = showControls(`${label} ${done}/${total} (${pct}%) eta ${eta}${extra ? ` ${extra}` : ''}`);
      if (stream.isTTY) {
        const width = 24;
        const filled = total > 0 ? Math.round((width * done) / total) : 0;
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${redact(text)}\x1b[K${done >= total ? '\n' : ''}`);
      } else if (done >= total || t - (lastLine.get(label) ?? 0) >= 5000) {
        lastLine.set(label, t);
        stream.write(`${redact(text)}\n`);
      }
    },
  };
}

export function silentLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(redact(l)), warn: (l) => lines.push(redact(l)), progress: () => {} };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
