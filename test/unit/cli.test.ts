import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../collector/cli.ts';
import type { CommandIO } from '../../collector/commands/types.ts';
import { loadConfig } from '../../collector/config.ts';
import { silentLogger } from '../../collector/log.ts';
import { systemClock } from '../../collector/sources/types.ts';

function fakeIO() {
  let out = '';
  const log = silentLogger();
  const io: CommandIO = {
    stdout: { write: (chunk: string | Uint8Array) => (out += String(chunk)) },
    log,
    clock: systemClock,
    fetch: () => Promise.reject(new Error('no network in unit tests')),
    env: {},
    config: () => loadConfig({ env: {} }),
  };
  return { io, out: () => out, err: () => log.lines.join('\n') };
}

describe('openpulse command line', () => {
  it('prints the usage and exits 2 without a command', async () => {
    const { io, out } = fakeIO();
    expect(await main([], io)).toBe(2);
    expect(out()).toMatch(/^usage: openpulse <command>/);
    for (const name of ['collect', 'backfill', 'schedule', 'build', 'status']) expect(out()).toContain(`  ${name}`);
  });

  it('exits 2 with the usage for an unknown command', async () => {
    const { io, err } = fakeIO();
    expect(await main(['colect'], io)).toBe(2);
    expect(err()).toMatch(/unknown command "colect"[\s\S]*usage: openpulse <command>/);
  });

  it('exits 2 with the command usage for an unknown flag', async () => {
    const { io, err } = fakeIO();
    expect(await main(['collect', '--sorce', 'github'], io)).toBe(2);
    expect(err()).toMatch(/Unknown option '--sorce'[\s\S]*usage: openpulse collect/);
  });

  it('has --help on every command, listing its options', async () => {
    for (const command of COMMANDS) {
      const { io, out } = fakeIO();
      expect(await main([command.name, '--help'], io), command.name).toBe(0);
      expect(out()).toContain(`usage: openpulse ${command.name}`);
      for (const flag of Object.keys(command.flags)) expect(out(), `${command.name} --${flag}`).toContain(`--${flag}`);
      expect(out()).toContain('--data-dir');
    }
  });

  it('exits 2 when a command is missing what it needs', async () => {
    const { io, err } = fakeIO();
    expect(await main(['backfill'], io)).toBe(2);
    expect(err()).toMatch(/backfill needs what to backfill and --since/);
  });
});
