import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cache, docFromData, docToData, hashOf, isDocData } from '../../pipeline/cache.js';
import { loadCorpus } from '../../pipeline/load.js';
import { createParser } from '../../pipeline/pool.js';
import { build } from '../../pipeline/publish/build.js';
import { ROOT } from '../helpers/content.js';
import { copyOfContent, digest } from './helpers.js';

/** Every entry file of the document cache of `cwd`. */
async function entries(cwd: string, kind = 'docs', extension = '.bin'): Promise<string[]> {
  const dir = path.join(cwd, '.bitext-cache', kind);
  const found = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return found.filter((e) => e.isFile() && e.name.endsWith(extension)).map((e) => path.join(e.parentPath, e.name)).sort();
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

  it('builds byte-identical sites from a cold cache, a warm cache, a corrupt manifest and with --no-cache', async () => {
    const cwd = await copyOfContent();
    await build({ cwd, out: 'clean', cache: false });
    expect(existsSync(path.join(cwd, '.bitext-cache'))).toBe(false);
    const cold = await build({ cwd, out: 'cold' });
    expect([cold.rendered, cold.unchanged]).toEqual([3, 0]);
    await build({ cwd, out: 'warm' });
    const warm = await build({ cwd, out: 'warm' });
    expect([warm.rendered, warm.unchanged]).toEqual([0, 3]);
    const manifests = await entries(cwd, 'builds', '.json');
    expect(manifests.filter((f) => !f.endsWith('.summaries.json'))).toHaveLength(2); // one per output folder, each with its summaries
    expect(manifests).toHaveLength(4);
    for (const file of manifests) await writeFile(file, '{"schema":1,"id":');
    const corrupt = await build({ cwd, out: 'warm' });
    expect(corrupt.rendered).toBe(3);
    const clean = await digest(path.join(cwd, 'clean'));
    expect(Object.keys(clean).length).toBeGreaterThan(80);
    for (const out of ['cold', 'warm']) expect(await digest(path.join(cwd, out))).toEqual(clean);
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

  it('re-renders only the meeting whose file changed, a changed locale re-renders all, and the site equals a clean build', async () => {
    const cwd = await copyOfContent();
    expect((await build({ cwd, out: 'dist' })).rendered).toBe(3);
    const again = await build({ cwd, out: 'dist' });
    expect([again.rendered, again.unchanged]).toEqual([0, 3]);
    const { meetings } = await loadCorpus(['content'], { cwd });
    const en = path.join(cwd, meetings[1]!.source!.file.path);
    await writeFile(en, `${await readFile(en, 'utf8')}\nOne more sentence.\n`);
    const changed = await build({ cwd, out: 'dist' });
    expect([changed.rendered, changed.unchanged]).toEqual([1, 2]);
    await build({ cwd, out: 'clean', cache: false });
    expect(await digest(path.join(cwd, 'dist'))).toEqual(await digest(path.join(cwd, 'clean')));
    const { defaultLocales } = await import('../../pipeline/locales.js');
    const base = defaultLocales();
    const other = { ...base, resources: { ...base.resources, fr: { ...base.resources.fr, site: { title: 'Autre titre' } } } };
    expect((await build({ cwd, out: 'dist', locales: other })).rendered).toBe(3);
  });

  it('renders again the unchanged meetings whose summaries were lost, when the listing pages must be rewritten', async () => {
    const cwd = await copyOfContent();
    await build({ cwd, out: 'dist' });
    for (const file of await entries(cwd, 'builds', '.summaries.json')) await rm(file);
    const { meetings } = await loadCorpus(['content'], { cwd });
    const en = path.join(cwd, meetings[0]!.source!.file.path);
    await writeFile(en, (await readFile(en, 'utf8')).replace(/^title: .*$/m, 'title: "A new title"'));
    const after = await build({ cwd, out: 'dist' });
    expect([after.rendered, after.unchanged]).toEqual([3, 0]);
    await build({ cwd, out: 'clean', cache: false });
    expect(await digest(path.join(cwd, 'dist'))).toEqual(await digest(path.join(cwd, 'clean')));
    expect(await readFile(path.join(cwd, 'dist/en/index.html'), 'utf8')).toContain('A new title');
  });

  it('takes an interrupted update for an incomplete output: the next build renders everything', async () => {
    const cwd = await copyOfContent();
    await build({ cwd, out: 'dist' });
    const marker = path.join(cwd, 'dist', '.bitext-site');
    const complete = await readFile(marker, 'utf8');
    expect(complete).toMatch(/^build [0-9a-f]{64}$/m);
    // What a build killed while moving files leaves: the marker cleared first.
    await writeFile(marker, complete.replace(/^build .*$/m, 'build incomplete'));
    await writeFile(path.join(cwd, 'dist/en/index.html'), 'half written');
    const next = await build({ cwd, out: 'dist' });
    expect(next.rendered).toBe(3);
    await build({ cwd, out: 'clean', cache: false });
    expect(await digest(path.join(cwd, 'dist'))).toEqual(await digest(path.join(cwd, 'clean')));
  });

  it('removes the files of a deleted meeting and keeps the output equal to a clean build; an output changed by another build is rebuilt whole', async () => {
    const cwd = await copyOfContent();
    await build({ cwd, out: 'dist' });
    const { meetings } = await loadCorpus(['content'], { cwd });
    const gone = meetings[0]!;
    const fragments = path.join(cwd, '.bitext-cache/fragments');
    const fragmentsBefore = await readdir(fragments);
    await rm(path.join(cwd, gone.dir), { recursive: true });
    const after = await build({ cwd, out: 'dist' });
    expect([after.rendered, after.unchanged, after.meetings]).toEqual([0, 2, 2]);
    expect(Object.keys(await digest(path.join(cwd, 'dist'))).filter((file) => file.includes(gone.slug))).toEqual([]);
    // The deleted meeting's action items are no longer kept in the cache.
    const fragmentsAfter = await readdir(fragments);
    expect(fragmentsAfter.length).toBeLessThan(fragmentsBefore.length);
    expect(fragmentsAfter.every((name) => fragmentsBefore.includes(name))).toBe(true);
    await build({ cwd, out: 'clean', cache: false });
    expect(await digest(path.join(cwd, 'dist'))).toEqual(await digest(path.join(cwd, 'clean')));
    // Another build (here one without the cache, with other locales) replaced the output: the manifest no longer describes it.
    const { defaultLocales } = await import('../../pipeline/locales.js');
    const base = defaultLocales();
    await build({ cwd, out: 'dist', cache: false, locales: { ...base, resources: { ...base.resources, fr: { ...base.resources.fr, site: { title: 'Autre titre' } } } } });
    expect((await build({ cwd, out: 'dist' })).rendered).toBe(2);
    expect(await digest(path.join(cwd, 'dist'))).toEqual(await digest(path.join(cwd, 'clean')));
  });
});
