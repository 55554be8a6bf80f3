import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../pipeline/load.js';
import { bySection, extractActionItems, openItems, type ActionItem } from '../../pipeline/publish/action-items.js';
import { actionItemsJsonChunks } from '../../pipeline/publish/action-pages.js';
import { itemsJsonOf, type SiteSummary } from '../../pipeline/publish/summary.js';
import { ROOT } from '../helpers/content.js';

const corpus = await loadCorpus(['content', 'test/fixtures/publish/clean'], { cwd: ROOT });
const meeting = (slug: string) => corpus.meetings.find((m) => m.slug === slug)!;
const FIRST = '2024-02-27-first-open-consultations-mag';

describe('extractActionItems on the bundled meetings', () => {
  const en = meeting(FIRST).source!;
  const items = extractActionItems(en).map((e) => e.item);

  it('takes the items of top-level lists, filed under the headings above them', () => {
    expect(items[0]).toMatchObject({
      meeting: FIRST,
      date: '2024-02-27',
      lang: 'en',
      section: ['27 February 2024', 'Joint meeting of the Leadership Panel and the MAG'],
      lead: 'It was recommended to:',
      text: "Condense the IGF's recommendations into short statements to better support their dissemination.",
      subitems: [],
      done: false,
      source: { path: `content/${FIRST}/en.md`, line: 30 },
    });
    expect(items.every((item) => item.section.length > 0 && !item.section.includes('2024 United Nations Internet Governance Forum'))).toBe(true);
  });

  it('keeps nested items with their parent instead of listing them on their own', () => {
    const motivations = items.find((item) => item.text === 'Motivations:');
    expect(motivations?.subitems).toEqual(['Working with government representatives and stakeholder communities', 'Contributing to policy discussions']);
    expect(items.some((item) => item.text === 'Contributing to policy discussions')).toBe(false);
  });

  it('finds the same items in the translation, by structure, whatever the language', () => {
    for (const slug of [FIRST, '2025-02-05-first-open-consultations-mag']) {
      const source = extractActionItems(meeting(slug).source!).map((e) => e.item);
      const zh = extractActionItems(meeting(slug).translations.find((t) => t.lang === 'zh')!).map((e) => e.item);
      expect(zh.length).toBe(source.length);
      expect(zh.map((item) => item.section.length)).toEqual(source.map((item) => item.section.length));
      expect(zh.map((item) => item.subitems.length)).toEqual(source.map((item) => item.subitems.length));
    }
    const zh = extractActionItems(meeting(FIRST).translations.find((t) => t.lang === 'zh')!).map((e) => e.item);
    expect(zh[0]?.section[0]).toBe('2024年2月27日');
    expect(zh[0]?.lead).toMatch(/[：:]$/);
  });

  it('gives every item a distinct id', () => {
    for (const m of corpus.meetings) {
      for (const doc of [m.source!, ...m.translations]) {
        const ids = extractActionItems(doc).map((e) => e.item.id);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('finds none in a document that is not of kind action-items (the brochure)', () => {
    const brochure = meeting('2024-12-15-nris-brochure');
    expect(brochure.source!.tree!.children.some((n) => n.type === 'list')).toBe(true);
    expect(extractActionItems(brochure.source!)).toEqual([]);
  });

  it('groups consecutive items of the same section and lead', () => {
    const groups = bySection(extractActionItems(en));
    expect(groups[0]!.length).toBe(4);
    expect(groups.flat().length).toBe(items.length);
    expect(groups.every((g) => g.every((e) => e.item.section.join('/') === g[0]!.item.section.join('/')))).toBe(true);
  });
});

describe('open items', () => {
  it('are every item but the checked GFM tasks', () => {
    const clean = corpus.meetings.find((m) => m.dir === path.join('test/fixtures/publish/clean', '2024-05-01-clean'))!;
    const all = extractActionItems(clean.source!);
    expect(all.map((e) => [e.item.text, e.item.done])).toEqual([
      ['Send the draft to the Secretariat.', false],
      ['Publish the agenda.', true],
    ]);
    expect(openItems(all).map((e) => e.item.text)).toEqual(['Send the draft to the Secretariat.']);
    expect(all[0]!.item.lead).toBe('The MAG agreed to:');
    expect(all[0]!.item.section).toEqual(['Next steps']);
  });
});

describe('action-items.json written in chunks', () => {
  const item = (id: string, text: string): ActionItem & { page: string } => ({
    id, meeting: '2024-01-01-m', title: 'T "quoted"', date: '2024-01-01', lang: 'en', section: ['A', 'B'], lead: null,
    text, subitems: ['sub\nline'], done: false, source: { path: 'content/2024-01-01-m/en.md', line: 3 }, page: 'en/2024-01-01-m.actions.html',
  });
  // Fragment files, by name, as a build's workers would have written them.
  const files = new Map<string, string>();
  const site = (slug: string, date: string, items: (ActionItem & { page: string })[]): SiteSummary => {
    const name = items.length > 0 ? `${slug}.json` : '';
    if (name) files.set(name, itemsJsonOf(items));
    return {
      slug, date, title: 'T', meeting: 'M', pages: [], itemsFragment: name,
      editions: [{ lang: 'en', kind: 'source', docLang: 'en', title: 'T', meeting: 'M', actions: items.length > 0, open: items.length, openFragment: '' }],
    };
  };
  const text = async (sites: SiteSummary[]) => {
    let out = '';
    for await (const chunk of actionItemsJsonChunks(sites, async (name) => files.get(name)!)) out += chunk;
    return out;
  };

  it('are the bytes of JSON.stringify with two-space indentation, newest meeting first, with and without items', async () => {
    // U+2028 and U+2029 stay raw in JSON.stringify's output and end a line for /^/m: no indent may go after them.
    const older = [item('a', 'First'), item('b', 'Second\twith a tab 行动 “一”'), item('c', 'Line\u2028separator\u2029and\r\nbreaks')];
    const newer = [item('z1', 'Newest')];
    const sites = [site('2024-01-01-m', '2024-01-01', older), site('2024-06-01-x', '2024-06-01', []), site('2025-01-01-n', '2025-01-01', newer)];
    expect(await text(sites)).toBe(`${JSON.stringify({ version: 1, items: [...newer, ...older] }, null, 2)}\n`);
    expect(await text([site('2024-06-01-x', '2024-06-01', [])])).toBe(`${JSON.stringify({ version: 1, items: [] }, null, 2)}\n`);
    expect(await text([])).toBe(`${JSON.stringify({ version: 1, items: [] }, null, 2)}\n`);
  });
});
