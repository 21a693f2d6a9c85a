// One error type for everything OpenPulse reports to a user: a stable code,
// a message that says what failed, where and what to do, and the cause.

import { QueryError } from '../queries/errors.ts';

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'CATALOG'
  | 'STORE_UNREACHABLE'
  | 'STORE_VERSION'
  | 'STORE_LOCKED'
  | 'STORE_QUERY'
  | 'MIGRATION'
  | 'SOURCE'
  | 'BAD_DATA'
  | 'QUERY_NOT_FOUND'
  | 'QUERY_PARAM'
  | 'BUILD'
  | 'IMPORT'
  | 'FILE';

export class OpenPulseError extends Error {
  readonly code: ErrorCode;
  /** A hint that tells the user what to do next; printed after the message. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OpenPulseError';
    this.code = code;
    this.hint = options.hint === undefined ? undefined : redact(options.hint);
  }
}

const secrets = new Set<string>();

/** Registers a secret (token, password) so that redact() removes it from every message. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

const TOKEN_PATTERNS: RegExp[] = [
  /\b(gh[pousr]_[A-Za-z0-9_]{16,})\b/g, // GitHub tokens
  /\b(github_pat_[A-Za-z0-9_]{16,})\b/g,
  /\b(hf_[A-Za-z0-9]{16,})\b/g, // Hugging Face tokens
  /\b(sk-or-v1-[A-Za-z0-9]{16,})\b/g, // OpenRouter keys
  /((?:authorization|x-api-key)["']?\s*[:=]\s*["']?)(?:token|bearer|basic)?\s*[^\s"',}]+/gi,
  /(\/\/[^/\s:@]+:)[^@\s/]+@/g, // passwords in URLs
];

/** Removes every registered secret and anything that looks like a credential. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
  out = out.replace(TOKEN_PATTERNS[0]!, '[REDACTED]');
  out = out.replace(TOKEN_PATTERNS[1]!, '[REDACTED]');
  out = out.replace(TOKEN_PATTERNS[2]!, '[REDACTED]');
  out = out.replace(TOKEN_PATTERNS[3]!, '[REDACTED]');
  out = out.replace(TOKEN_PATTERNS[4]!, '$1[REDACTED]');
  out = out.replace(TOKEN_PATTERNS[5]!, '$1[REDACTED]@');
  return out;
}

/**
 * Control characters (ESC, BEL, C1 controls …) shown as \xNN, line breaks and
 * tabs kept: text from upstream, a catalog or a query cannot drive the terminal
 * (colours, titles, hyperlinks, cursor moves) it is printed on.
 */
export function showControls(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** What the system said, for errors that name no file of ours: a full disk, a denied write. */
const SYSTEM_ERRORS: Record<string, { what: string; hint: string }> = {
  ENOSPC: { what: 'no space left on the device', hint: 'free space on that disk (or point OPENPULSE_DATA_DIR / --out elsewhere) and run the command again; nothing was half-written' },
  EDQUOT: { what: 'the disk quota is used up', hint: 'free space within your quota and run the command again' },
  EACCES: { what: 'permission denied', hint: 'check who owns that path, or choose another one' },
  EROFS: { what: 'the file system is read-only', hint: 'choose a writable location' },
};

function systemError(error: unknown): string | undefined {
  for (let e = error as (Error & { code?: string; path?: string; cause?: unknown }) | undefined; e; e = e.cause as typeof e) {
    const known = e.code ? SYSTEM_ERRORS[e.code] : /No space left on device/i.test(e.message ?? '') ? SYSTEM_ERRORS.ENOSPC : undefined;
    if (known) {
      const where = e.path ?? /(?:file|path|directory) ['"`]?([^'"`\s,]+)/i.exec(e.message ?? '')?.[1];
      return `${known.what}${where ? ` while writing ${where}` : ''}\n  → ${known.hint}`;
    }
    if (typeof e !== 'object') break;
  }
  return undefined;
}

/** The message a user sees for any thrown value: never a stack trace, never a secret, never a control sequence. */
export function describeError(error: unknown): string {
  // queries/ throws its own QueryError (it imports nothing of collector/): a message and a hint like ours.
  if (error instanceof QueryError) return showControls(redact(error.hint ? `${error.message}\n  → ${error.hint}` : error.message));
  if (error instanceof OpenPulseError) {
    const system = error.hint ? undefined : systemError(error.cause);
    return showControls(error.hint ? `${error.message}\n  → ${error.hint}` : system ? `${error.message}: ${system}` : error.message);
  }
  if (error instanceof Error) {
    const system = systemError(error);
    if (system) return showControls(redact(`${error.message.split('\n')[0]}: ${system}`));
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return showControls(redact(`${error.message}${cause}`));
  }
  return showControls(redact(String(error)));
}
