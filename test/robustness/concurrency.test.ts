/** Two builds of the same tree at once both succeed, and the output is one whole site, never a mix. */
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, MARKER, writeSite } from '../../pipeline/publish/build.js';
import { ROOT } from '../helpers/content.js';
import { scratchDir } from '../helpers/scratch.js';

/** Every file of a folder, relative path → bytes (as latin1), hidden files included. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

describe('concurrent builds', () => {
  it('two builds of the same tree at once both succeed and leave one complete site', { timeout: 180_000 }, async () => {
    const cwd = scratchDir('bitext-concurrent-');
    for (const name of ['content', 'glossary', 'locales']) cpSync(path.join(ROOT, name), path.join(cwd, name), { recursive: true });
    await build({ cwd, out: 'reference', cache: false });
    const results = await Promise.allSettled([build({ cwd, out: 'dist', cache: false }), build({ cwd, out: 'dist', cache: false })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(tree(path.join(cwd, 'dist'))).toEqual(tree(path.join(cwd, 'reference')));
    expect(readdirSync(cwd).filter((name) => name.startsWith('.dist.'))).toEqual([]); // no temporary, old or lock folders left
  });

  it('swaps the output folder under a lock: eight writers at once all succeed', { timeout: 60_000 }, async () => {
    const cwd = scratchDir('bitext-swap-');
    const files = new Map<string, string>([[MARKER, ''], ...Array.from({ length: 200 }, (_, i) => [`page-${i}.html`, `<p>${i}</p>`.repeat(50)] as [string, string])]);
    const out = path.join(cwd, 'dist');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => writeSite(files, out)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(tree(out)).toEqual(new Map([...files].map(([name, content]) => [name, content])));
    expect(readdirSync(cwd)).toEqual(['dist']);
  });
});
