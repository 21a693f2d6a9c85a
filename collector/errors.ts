// One error type for everything OpenPulse reports to a user: a stable code,
// a message that says what failed, where and what to do, and the cause.

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
  | 'IMPORT';

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
  out = out.replace(TOKEN_PATTERNS[3]!, '$1[REDACTED]');
  out = out.replace(TOKEN_PATTERNS[4]!, '$1[REDACTED]@');
  return out;
}

/** The message a user sees for any thrown value: never a stack trace, never a secret. */
export function describeError(error: unknown): string {
  if (error instanceof OpenPulseError) {
    return error.hint ? `${error.message}\n  → ${error.hint}` : error.message;
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return redact(`${error.message}${cause}`);
  }
  return redact(String(error));
}
