import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cache, docFromData, docToData, hashOf, isDocData } from '../../pipeline/cache.js';
import { loadCorpus } from '../../pipeline/load.js';
import { createParser } from '../../pipeline/pool.js';
import { build } from '../../pipeline/publish/build.js';
import { ROOT } from '../helpers/content.js';
import { copyOfContent, digest } from './helpers.js';

/** Every entry file of the document cache of `cwd`. */
async function entries(cwd: string, kind = 'docs'): Promise<string[]> {
  const dir = path.join(cwd, '.bitext-cache', kind);
  const found = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return found.filter((e) => e.isFile() && e.name.endsWith('.bin')).map((e) => path.join(e.parentPath, e.name)).sort();
}

describe('transferable documents', () => {
  it('round-trip every document of the corpus: text, tree, blocks, segments and messages with their places', async () => {
    const { docs } = await loadCorpus(['content'], { cwd: ROOT });
    expect(docs.length).toBeGreaterThanOrEqual(6);
    for (const doc of docs) {
      const again = docFromData(structuredClone(docToData(doc)));
      expect(again.file.path).toBe(doc.file.path);
      expect(again.tree).toEqual(doc.tree);
      expect(again.segments).toEqual(doc.segments);
      expect(again.blocks).toEqual(doc.blocks);
      expect(again.frontMatter).toEqual(doc.frontMatter);
      const shape = (d: typeof doc) => d.file.messages.map((m) => [m.reason, m.ruleId, m.line, m.column, m.fatal, m.note, m.cause instanceof Error ? m.cause.message : undefined]);
      expect(shape(again)).toEqual(shape(doc));
    }
  });
});

describe('content-hash cache', () => {
  it('keys differ by every input and by its bytes', () => {
    const bytes = new TextEncoder().encode('# a');
    expect(hashOf('doc', 'a.md', bytes)).not.toBe(hashOf('doc', 'b.md', bytes));
    expect(hashOf('doc', 'a.md', bytes)).not.toBe(hashOf('doc', 'a.md', new TextEncoder().encode('# b')));
    // Parts are length-prefixed: moving a boundary changes the key.
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
  });

  it('ignores a damaged, truncated or foreign entry', async () => {
    const cwd = await copyOfContent();
    const cache = new Cache(cwd, 'docs', isDocData);
    const { docs } = await loadCorpus(['content'], { cwd });
    const data = docToData(docs[0]!);
    await cache.set('ab12', data);
    expect((await cache.get('ab12'))?.path).toBe(data.path);
    const file = path.join(cache.dir, 'ab', 'ab12.bin');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length >> 1));
    expect(await cache.get('ab12')).toBeUndefined();
    await writeFile(file, 'not a cache entry');
    expect(await cache.get('ab12')).toBeUndefined();
    await cache.set('ab12', { ...data, messages: 'x' } as never);
    expect(await cache.get('ab12')).toBeUndefined();
    await cache.set('cd34', data);
    await writeFile(path.join(cache.dir, 'ab', 'ab12.bin'), await readFile(path.join(cache.dir, 'cd', 'cd34.bin')));
    expect(await cache.get('ab12')).toBeUndefined(); // an entry stored under another key
  });

  it('builds byte-identical sites from a cold cache, a warm cache, a corrupt cache and with --no-cache', async () => {
    const cwd = await copyOfContent();
    await build({ cwd, out: 'clean', cache: false });
    expect(await entries(cwd)).toEqual([]);
    await build({ cwd, out: 'cold' });
    const written = await entries(cwd);
    expect(written).toHaveLength(6);
    await build({ cwd, out: 'warm' });
    for (const [index, file] of written.entries()) await writeFile(file, index % 2 ? '' : 'garbage');
    await build({ cwd, out: 'corrupt' });
    const clean = await digest(path.join(cwd, 'clean'));
    expect(Object.keys(clean).length).toBeGreaterThan(80);
    for (const out of ['cold', 'warm', 'corrupt']) expect(await digest(path.join(cwd, out))).toEqual(clean);
  });

  it('misses exactly for a changed file: a changed en.md adds one entry, the others are read back', async () => {
    const cwd = await copyOfContent();
    const parser = createParser({ cwd, jobs: 1 });
    await loadCorpus(['content'], { cwd, parser });
    const before = await entries(cwd);
    const { meetings } = await loadCorpus(['content'], { cwd });
    const en = path.join(cwd, meetings[0]!.source!.file.path);
    await writeFile(en, `${await readFile(en, 'utf8')}\nOne more sentence.\n`);
    const { docs } = await loadCorpus(['content'], { cwd, parser });
    const after = await entries(cwd);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((f) => !before.includes(f))).toHaveLength(1);
    expect(docs.find((d) => d.file.path === meetings[0]!.source!.file.path)!.value).toContain('One more sentence.');
    await parser.close();
  });

  it('re-renders only the meeting whose English changed, a changed locale re-renders all, and the site equals a clean build', async () => {
    const cwd = await copyOfContent();
    await build({ cwd, out: 'dist' });
    const first = await entries(cwd, 'sites');
    expect(first).toHaveLength(3);
    await build({ cwd, out: 'dist' });
    expect(await entries(cwd, 'sites')).toEqual(first);
    const { meetings } = await loadCorpus(['content'], { cwd });
    const en = path.join(cwd, meetings[1]!.source!.file.path);
    await writeFile(en, `${await readFile(en, 'utf8')}\nOne more sentence.\n`);
    await build({ cwd, out: 'dist' });
    const second = await entries(cwd, 'sites');
    expect(second.filter((f) => !first.includes(f))).toHaveLength(1);
    await build({ cwd, out: 'clean', cache: false });
    expect(await digest(path.join(cwd, 'dist'))).toEqual(await digest(path.join(cwd, 'clean')));
    const { defaultLocales } = await import('../../pipeline/locales.js');
    const base = defaultLocales();
    const changed = { ...base, resources: { ...base.resources, fr: { ...base.resources.fr, site: { title: 'Autre titre' } } } };
    await build({ cwd, out: 'dist', locales: changed });
    expect((await entries(cwd, 'sites')).filter((f) => !second.includes(f))).toHaveLength(3);
  });
});
