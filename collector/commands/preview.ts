import { existsSync } from 'node:fs';
import path from 'node:path';
import { OpenPulseError } from '../errors.ts';
import { serveStatic } from '../preview.ts';
import { configFromFlags } from './context.ts';
import type { Command } from './types.ts';

export const previewCommand: Command = {
  name: 'preview',
  summary: 'serve the built site on localhost',
  usage: '[--port N]',
  flags: { port: { type: 'string', valueName: 'N', description: 'port on 127.0.0.1 (default 4321; 0 picks a free one)' } },
  async run({ values }, io) {
    const config = configFromFlags(values, io.env);
    const dir = path.resolve(config.distDir);
    if (!existsSync(path.join(dir, 'index.html'))) {
      throw new OpenPulseError('USAGE', `no built site in ${dir}`, { hint: 'run "npm run build" (or "openpulse build") first' });
    }
    const port = Number.parseInt((values.port as string | undefined) ?? '4321', 10);
    const server = await serveStatic(dir, { port });
    io.stdout.write(`serving ${dir} at ${server.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  },
};
