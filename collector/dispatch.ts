// The openpulse command: one dispatcher over one module per subcommand (cli.mjs starts it).
// Exit codes: 0 success, 1 failure, 2 usage.

import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { describeError, OpenPulseError } from './errors.ts';
import { consoleLogger, jsonLogger } from './log.ts';
import { handleStopSignals, isAbort, stopReason, stopSignal, stoppableSystemClock } from './signals.ts';
import { COMMON_FLAGS, type Command, type CommandIO, type FlagSpec } from './commands/types.ts';

/**
 * Commands that may run long (collections, waits on rate limits, the scheduler): on SIGTERM or
 * SIGINT they store what they have and exit 0. The others end on the signal as any program does.
 */
export const STOPPABLE_COMMANDS: readonly string[] = ['main', 'collect', 'backfill', 'schedule', 'import'];

/**
 * Every command, in the order help lists them, each loaded only when it runs: a query does
 * not load the collectors, the site build or the simulators (most of a start-up's time).
 */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  main: async () => (await import('./commands/main.ts')).mainCommand,
  collect: async () => (await import('./commands/collect.ts')).collectCommand,
  backfill: async () => (await import('./commands/backfill.ts')).backfillCommand,
  schedule: async () => (await import('./commands/schedule.ts')).scheduleCommand,
  build: async () => (await import('./commands/build.ts')).buildCommand,
  preview: async () => (await import('./commands/preview.ts')).previewCommand,
  status: async () => (await import('./commands/status.ts')).statusCommand,
  repair: async () => (await import('./commands/repair.ts')).repairCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  query: async () => (await import('./commands/query.ts')).queryCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
};

/** Every command, loaded (for the full help and for tests). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}

function flagHelp(flags: Record<string, FlagSpec>): string {
  return Object.entries(flags)
    .map(([name, spec]) => {
      const left = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.valueName ? ` ${spec.valueName}` : ''}`;
      return `  ${left.padEnd(30)} ${spec.description}`;
    })
    .join('\n');
}

export function usage(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: openpulse <command> [options]',
    '',
    'OpenPulse measures open vs closed AI models: GitHub projects and stars, downloads, leaderboards.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'options for every command:',
    flagHelp(COMMON_FLAGS),
    '',
    'Run "openpulse <command> --help" for a command\'s options. Configuration: see README.md.',
  ].join('\n');
}

export function commandUsage(command: Command): string {
  return [
    `usage: openpulse ${command.name}${command.usage ? ` ${command.usage}` : ''} [options]`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'options:',
    flagHelp({ ...command.flags, ...COMMON_FLAGS }),
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage(await loadCommands())}\n`);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (!load) {
    io.log.warn(`openpulse: unknown command "${name}"\n\n${usage(await loadCommands())}`);
    return 2;
  }
  const command = await load();
  const options = Object.fromEntries(
    Object.entries({ ...command.flags, ...COMMON_FLAGS }).map(([flag, spec]) => [
      flag,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: command.positionals ?? false });
  } catch (error) {
    io.log.warn(`openpulse ${name}: ${(error as Error).message}\n\n${commandUsage(command)}`);
    return 2;
  }
  const logFormat = (parsed.values['log-format'] as string | undefined) ?? io.env.OPENPULSE_LOG_FORMAT ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') {
    io.log.warn(`openpulse ${name}: --log-format ${logFormat}: logs are text or json\n\n${commandUsage(command)}`);
    return 2;
  }
  if (logFormat === 'json') {
    const base = io.log;
    io = { ...io, log: jsonLogger((line) => base.info(line)) };
  }
  if (parsed.values.help) {
    io.stdout.write(`${commandUsage(command)}\n`);
    return 0;
  }
  try {
    return await command.run({ values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals }, io);
  } catch (error) {
    if (isAbort(error) && stopSignal.aborted) {
      // Stopped while waiting (for the store, say) before anything of this run was collected.
      io.log.info(`openpulse ${name}: stopped on ${stopReason(stopSignal)}`);
      return 0;
    }
    io.log.warn(`openpulse ${name}: ${describeError(error)}`);
    if (error instanceof OpenPulseError && error.code === 'USAGE') {
      io.log.warn(`\n${commandUsage(command)}`);
      return 2;
    }
    return 1;
  }
}

export function processIO(): CommandIO {
  return {
    stdout: process.stdout,
    log: consoleLogger(process.stderr),
    // Waits on this clock (rate limits, retries) end when the process is asked to stop.
    clock: stoppableSystemClock(stopSignal),
    fetch: globalThis.fetch,
    env: process.env,
    config: () => loadConfig(),
  };
}

/** Runs the command line of this process, as the `openpulse` executable does. */
export function runProcess(): void {
  // Output piped into a reader that stops early (| head) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  if (STOPPABLE_COMMANDS.includes(process.argv[2] ?? '')) handleStopSignals((line) => process.stderr.write(`${line}\n`));
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`openpulse: ${describeError(error)}\n`);
      process.exitCode = 1;
    },
  );
}
