import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS, loadCommands } from '../../collector/dispatch.ts';
import { runInProcess } from '../helpers/cli.ts';

describe('openpulse command line', () => {
  it('prints the usage and exits 2 without a command', async () => {
    const r = await runInProcess([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^usage: openpulse <command>/);
    for (const name of ['collect', 'backfill', 'schedule', 'query', 'report', 'import', 'export', 'build', 'status', 'demo']) expect(r.stdout).toContain(`  ${name}`);
  });

  it('exits 2 with the usage for an unknown command', async () => {
    const r = await runInProcess(['colect']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "colect"[\s\S]*usage: openpulse <command>/);
  });

  it('exits 2 with the command usage for an unknown flag', async () => {
    const r = await runInProcess(['collect', '--sorce', 'github']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--sorce'[\s\S]*usage: openpulse collect/);
  });

  it('has --help on every command, listing its options', async () => {
    const commands = await loadCommands();
    // Each loader names the command it loads: help lists commands by the loader's name.
    expect(commands.map((c) => c.name)).toEqual(Object.keys(COMMAND_LOADERS));
    for (const command of commands) {
      const r = await runInProcess([command.name, '--help']);
      expect(r.code, command.name).toBe(0);
      expect(r.stdout).toContain(`usage: openpulse ${command.name}`);
      for (const flag of Object.keys(command.flags)) expect(r.stdout, `${command.name} --${flag}`).toContain(`--${flag}`);
      expect(r.stdout).toContain('--data-dir');
    }
  });

  it("exits 2 on a demo flag that is not a day or a seed, saying which and how to write it, before anything starts", async () => {
    for (const [argv, message, hint] of [
      [['--since', '2024-6-1'], '--since 2024-6-1: not a day', 'write it as YYYY-MM-DD, for example --since 2024-06-01'],
      [['--today', '2026-02-30'], '--today 2026-02-30: not a day', 'write it as YYYY-MM-DD, for example --today 2024-06-01'],
      [['--seed', 'seven'], "--seed seven: the simulated world's seed is a whole number", 'pass --seed 1, or leave it out'],
    ] as const) {
      const r = await runInProcess(['demo', ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`openpulse demo: ${message}`);
      expect(r.stderr).toContain(hint);
      expect(r.stderr).toContain('usage: openpulse demo');
      expect(r.stderr).not.toContain('simulated upstreams at');
    }
  });

  it('exits 2 when a command is missing what it needs', async () => {
    const r = await runInProcess(['backfill']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/backfill needs what to backfill and --since/);
  });
});
