/**
 * One bitext command in a process of its own, for the benchmark: prints
 * `{ ms, maxRssMb, code }` as JSON on stdout, so peak memory is this command's only.
 *
 * Run: node --import tsx test/bench/child.ts <cwd> <bitext arguments…>
 */
import { performance } from 'node:perf_hooks';
// The compiled CLI, as `bitext` runs it (`npm run bench` compiles lib/ first): workers then load JavaScript, not TypeScript through tsx.
const { main } = (await import(new URL('../../lib/pipeline/cli.js', import.meta.url).href)) as typeof import('../../pipeline/cli.js');

const [cwd, ...args] = process.argv.slice(2);
if (!cwd) throw new Error('usage: child.ts <cwd> <bitext arguments…>');
const errors: string[] = [];
const started = performance.now();
const code = await main(['node', 'bitext', ...args], { cwd, stdout: () => {}, stderr: (s) => void errors.push(s) });
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, code, stderr: errors.join('').slice(0, 2000) })}\n`);
