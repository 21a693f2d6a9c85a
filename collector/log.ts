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

/**
 * Log lines as JSON, one object per line (for a log shipper): {time, level, msg} plus every
 * key=value pair the line holds (source=github rows=1240 → "source":"github","rows":1240).
 * Progress is written at most every few seconds, as {level:"progress", label, done, total}.
 */
export function jsonLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  const lastLine = new Map<string, number>();
  const emit = (level: string, fields: Record<string, unknown>) => write(JSON.stringify({ time: new Date(now()).toISOString(), level, ...fields }));
  const line = (level: string) => (text: string) => {
    const msg = redact(text);
    const fields: Record<string, unknown> = {};
    for (const [, key, value] of msg.matchAll(/(?:^|\s)([a-z_]+)=("[^"]*"|\S+)/g)) {
      if (key === 'time' || key === 'level' || key === 'msg') continue;
      const v = value!.replace(/^"|"$/g, '');
      fields[key!] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    }
    emit(level, { msg, ...fields });
  };
  return {
    info: line('info'),
    warn: line('warn'),
    progress(label, done, total, extra = '') {
      const t = now();
      if (done < total && t - (lastLine.get(label) ?? 0) < 5000) return;
      lastLine.set(label, t);
      emit('progress', { label, done, total, ...(extra ? { item: redact(extra) } : {}) });
    },
  };
}
