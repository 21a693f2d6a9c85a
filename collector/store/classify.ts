// The embedded engine's own statement classifier: chDB's native addon binds
// ClickHouse's parser as `DurableClassifyAsync(connection, sql, database)`,
// which counts the statements in a text and classes them without running
// anything. chDB exposes it to its durable adapter only; the addon is reached
// through that adapter's constructor and the connection through a Session on
// the same data directory (chDB shares one connection per directory).

import { createRequire } from 'node:module';
import { STATEMENT_CLASSES, type StatementAnalysis } from './readonly.ts';

interface ClassifyingAddon {
  DurableClassifyAsync(connection: unknown, sql: string, database: string | null): Promise<{ statementCount: number; queryClass: number }>;
}

export interface Classifier {
  classify(sql: string): Promise<StatementAnalysis>;
  close(): void;
}

const require = createRequire(import.meta.url);

/** A classifier on the embedded store at `dataPath` (the directory the store's connection uses). */
export function openClassifier(dataPath: string, database: string): Classifier {
  const { Session } = require('chdb') as { Session: new (path: string) => { connection: unknown; close(): void } };
  const { ChdbNodeEngine } = require('chdb/durable/node') as { ChdbNodeEngine: new () => object };
  // The adapter keeps the addon in a field it does not type; read it once, here.
  const addon = (new ChdbNodeEngine() as unknown as { native: ClassifyingAddon }).native;
  const session = new Session(dataPath);
  return {
    async classify(sql) {
      const answer = await addon.DurableClassifyAsync(session.connection, sql, database);
      return { statements: answer.statementCount, class: STATEMENT_CLASSES[answer.queryClass] ?? 'unknown' };
    },
    close: () => session.close(),
  };
}
