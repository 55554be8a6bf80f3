/**
 * remark-parse alone over every Markdown file of a benchmark corpus, for the benchmark's floor:
 * in a process of its own, as each build is, so neither inherits the other's heap (the corpus
 * generator's garbage made the same parse take 12 to 18 s in the benchmark's own process).
 * Node's default flags: this is what parsing the files costs a plain program.
 * Prints `{ ms }` as JSON on stdout.
 *
 * Run: node --import tsx test/bench/remark-child.ts <cwd>
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { contentFiles } from './files.js';

const [cwd] = process.argv.slice(2);
if (!cwd) throw new Error('usage: remark-child.ts <cwd>');
const files = await contentFiles(cwd);
const processor = unified().use(remarkParse);
const started = performance.now();
for (const file of files) processor.parse(await readFile(file, 'utf8'));
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started })}\n`);
