// A stop requested without a signal first (the store's process of `npm start`, told by the command)
// leaves the first signal that follows it a first one: Ctrl-C reaches the command and its store's
// process at once, and the command's request may arrive before the signal does. Only a second signal
// ends the process at once. Each case runs in a Node process of its own, which signals itself.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SIGNALS = fileURLToPath(new URL('../../collector/signals.ts', import.meta.url));

/** Runs `body` in a fresh Node process that has installed the stop-signal handlers; what it printed and how it ended. */
function inProcess(body: string): { stdout: string; status: number | null; signal: NodeJS.Signals | null } {
  const script = `
    import { handleStopSignals, requestStop, stopSignal, stopReason } from ${JSON.stringify(SIGNALS)};
    handleStopSignals((line) => console.log('said: ' + line));
    // Signals itself and resolves once every listener of the signal has run (this one is the last).
    // (a signal's listener does not keep the process alive: a timer does, until it has run)
    const kill = (name) => {
      const alive = setInterval(() => {}, 1000);
      const seen = new Promise((resolve) => process.once(name, resolve)).finally(() => clearInterval(alive));
      process.kill(process.pid, name);
      return seen;
    };
    ${body}
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { stdout: r.stdout, status: r.status, signal: r.signal };
}

describe('stop requests and signals', () => {
  it('a signal after a request is the first signal: nothing said, the process goes on stopping', () => {
    const r = inProcess(`
      requestStop('SIGINT');
      await kill('SIGINT');
      console.log('still running, ' + stopReason(stopSignal));
    `);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('still running, SIGINT\n');
  });

  it('a second signal ends the process by that signal, after saying so', () => {
    const r = inProcess(`
      requestStop('SIGTERM');
      await kill('SIGTERM');
      await kill('SIGINT');
      console.log('not reached');
    `);
    expect(r.signal).toBe('SIGINT');
    expect(r.stdout).toBe('said: SIGINT while stopping: exiting now, without waiting for the run to finish storing\n');
  });

  it('a first signal stops (once said), a request after it changes nothing', () => {
    const r = inProcess(`
      await kill('SIGTERM');
      requestStop('SIGINT');
      console.log(stopSignal.aborted + ' ' + stopReason(stopSignal));
    `);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('said: stopping on SIGTERM: storing what was collected…\ntrue SIGTERM\n');
  });
});
