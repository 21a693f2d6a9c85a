// One stop signal per process. SIGTERM or SIGINT (docker stop, systemd, Ctrl-C)
// aborts it; long commands hand it down to their sources through the run
// context, so requests and waits (a rate-limit wait may last an hour) end at
// once, what was collected stays stored, and the command says what it stored
// and exits 0 well before a supervisor would SIGKILL it. A second signal exits
// at once, for whoever will not wait.

import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './sources/types.ts';

const controller = new AbortController();

/** Aborted when this process is asked to stop; its reason's message says by which signal ("stopping on SIGTERM"). */
export const stopSignal: AbortSignal = controller.signal;

/**
 * Makes SIGTERM and SIGINT abort `stopSignal` instead of ending the process.
 * Only for commands that watch the signal: any other would ignore the request.
 * A second signal ends the process at once; a stop requested otherwise first
 * (requestStop: the store's process of a command, told by the command) is not
 * one, so the signal that reaches both at once (Ctrl-C, a supervisor's to the
 * whole group) is the first here too, whichever arrives first.
 */
export function handleStopSignals(say: (line: string) => void): void {
  let signalled = false;
  for (const name of ['SIGTERM', 'SIGINT'] as const) {
    process.on(name, () => {
      if (signalled) {
        say(`${name} while stopping: exiting now, without waiting for the run to finish storing`);
        exitBySignal(name);
        return;
      }
      signalled = true;
      if (stopSignal.aborted) return;
      say(`stopping on ${name}: storing what was collected…`);
      requestStop(name);
    });
  }
}

/** Aborts `stopSignal` as a stop signal `name` ("SIGTERM") would; once stopping, nothing more. */
export function requestStop(name: string): void {
  // An AbortError, as fetch and timers raise on abort, so code that recognises those recognises this.
  if (!stopSignal.aborted) controller.abort(new DOMException(`stopping on ${name}`, 'AbortError'));
}

/**
 * Ends this process by `name` itself, as if it had no handler (a shell reports 128 + its number:
 * 130, 143): at once, without the exit handlers, which the embedded engine's native threads may
 * still be inside of (process.exit here could crash in its teardown).
 */
export function exitBySignal(name: 'SIGTERM' | 'SIGINT'): void {
  for (const other of ['SIGTERM', 'SIGINT'] as const) process.removeAllListeners(other);
  process.kill(process.pid, name);
}

/** Temporary files and folders removed if the process is ended by a stop signal (removedOnStop). */
const removeOnStop = new Set<string>();
let removesOnStop = false;

/**
 * Removes `target` (a temporary file or folder a result is written into) if SIGINT or SIGTERM ends
 * the process before the returned release is called: a command that does not stop cooperatively
 * (query, export: Ctrl-C ends them at once) leaves no partial result behind, which for a result
 * streamed a block at a time may be gigabytes. Where the process handles those signals already (a
 * command that stops cooperatively, handleStopSignals), it is left to that handling.
 */
export function removedOnStop(target: string): () => void {
  if (!removesOnStop && process.listenerCount('SIGINT') === 0 && process.listenerCount('SIGTERM') === 0) {
    removesOnStop = true;
    for (const name of ['SIGTERM', 'SIGINT'] as const) {
      process.on(name, () => {
        for (const path of removeOnStop) rmSync(path, { recursive: true, force: true });
        exitBySignal(name);
      });
    }
  }
  removeOnStop.add(target);
  return () => {
    removeOnStop.delete(target);
  };
}

/** "SIGTERM" when `signal` was aborted by a stop signal, else a general word for an abort. */
export function stopReason(signal: AbortSignal): string {
  const message = (signal.reason as Error | undefined)?.message ?? '';
  return /^stopping on (SIG\w+)$/.exec(message)?.[1] ?? 'a stop request';
}

/** Whether `error` is how an aborted request or wait ends (fetch, timers, our own stop reason). */
export function isAbort(error: unknown): boolean {
  return (error as Error | null)?.name === 'AbortError';
}

/**
 * The system clock, with waits that end (rejecting) when `signal` aborts. The
 * timer is cleared then, so an hour-long rate-limit wait does not keep the
 * process alive after it has stored what it has.
 */
export function stoppableSystemClock(signal: AbortSignal = stopSignal): Clock {
  return {
    now: () => new Date(),
    sleep: (ms) => sleep(ms, undefined, { signal }),
  };
}
