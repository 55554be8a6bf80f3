#!/usr/bin/env node
// The compiled CLI lives in lib/ (written by `npm ci` through the `prepare` script, or `npm run build`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../lib/pipeline/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('bitext: the CLI is not compiled yet; run `npm run prepare` (or `npm ci`) first.\n');
  process.exit(2);
}
const args = process.argv.slice(2);
const { nodeFlagsFor } = await import(new URL('../lib/pipeline/node-flags.js', import.meta.url).href);
const flags = nodeFlagsFor(args, process.execArgv, process.env);
if (flags.length > 0) {
  // Some Node settings only take effect at start (see pipeline/node-flags.ts): run again with them, in
  // NODE_OPTIONS rather than the arguments, which worker threads inherit and refuse such flags in.
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, ...flags].filter(Boolean).join(' ') };
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit', env });
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  const { main } = await import(compiled.href);
  process.exitCode = await main(process.argv);
}
