#!/usr/bin/env node
// The openpulse executable. It turns on Node's compile cache (V8 code for every module loaded
// after it, TypeScript's stripped source included, kept in the system's temporary directory)
// before it loads anything else, then hands the command line to the dispatcher: a query's
// fixed cost is mostly loading code, and a cached start skips compiling it again.

import module from 'node:module';

module.enableCompileCache?.();
const { runProcess } = await import('./dispatch.ts');
runProcess();
