// What every subcommand gets: its parsed flags and the side effects, passed in
// as one object so tests can hand in fakes.

import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../sources/types.ts';

export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Shown in --help; say the default here. */
  description: string;
  valueName?: string;
}

export interface CommandIO {
  /** Results (tables, CSV, JSON) go to stdout; everything else to the logger (stderr). */
  stdout: { write(chunk: string | Uint8Array): unknown };
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
  env: NodeJS.ProcessEnv;
  /** Builds the configuration from the environment, --config and the common flags. */
  config(): Config;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage lines after "openpulse <name>". */
  usage: string;
  flags: Record<string, FlagSpec>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  details?: string;
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io: CommandIO): Promise<number>;
}

/** Flags every command accepts. */
export const COMMON_FLAGS: Record<string, FlagSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  config: { type: 'string', valueName: 'FILE', description: 'JSON config file (keys as in README "Configuration")' },
  catalog: { type: 'string', valueName: 'FILE', description: 'catalog file (default collector/catalog.yml; env OPENPULSE_CATALOG)' },
  'data-dir': { type: 'string', valueName: 'DIR', description: 'embedded store directory (default ./data; env OPENPULSE_DATA_DIR)' },
  'log-format': { type: 'string', valueName: 'FORMAT', description: 'log lines as text (default) or json (one JSON object per line; env OPENPULSE_LOG_FORMAT)' },
};
