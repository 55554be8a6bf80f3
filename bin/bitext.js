#!/usr/bin/env node
// The compiled CLI lives in lib/ (written by `npm ci` through the `prepare` script, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../lib/pipeline/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('bitext: the CLI is not compiled yet; run `npm run prepare` (or `npm ci`) first.\n');
  process.exit(2);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv);
