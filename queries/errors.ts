// What the named queries refuse: an unknown name, an unreadable header, a
// missing or unknown parameter. Its own type, so queries/ imports nothing of
// collector/; the command line treats it as one of its own errors (a code, a
// message that says what to do, and a hint).

export type QueryErrorCode = 'QUERY_NOT_FOUND' | 'QUERY_PARAM';

export class QueryError extends Error {
  readonly code: QueryErrorCode;
  /** What to do next; printed after the message. */
  readonly hint: string | undefined;

  constructor(code: QueryErrorCode, message: string, options: { hint?: string } = {}) {
    super(message);
    this.name = 'QueryError';
    this.code = code;
    this.hint = options.hint;
  }
}
