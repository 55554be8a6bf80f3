import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align, alignMeeting, lengthModel } from '../pipeline/align.js';
import { loadDoc, loadMeeting } from '../pipeline/load.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import type { Alignment, Doc } from '../pipeline/types.js';
import { CONTENT, meetingSlugs, ROOT } from './helpers/content.js';

const GOLD = path.join(ROOT, 'test/fixtures/align/gold');
const PAIRS = path.join(ROOT, 'test/fixtures/align/pairs');

interface GoldLink {
  source: string[];
  target: string[];
}
interface Gold {
  slug: string;
  lang: string;
  blocks: GoldLink[];
  links: GoldLink[];
}

interface Figures {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
}

const key = (link: GoldLink): string => `${link.source.join('+')}|${link.target.join('+')}`;

/** Strict precision/recall/F1: a predicted link counts only if it is exactly a gold link. */
function score(predicted: readonly GoldLink[], gold: readonly GoldLink[]): Figures {
  const wanted = new Set(gold.map(key));
  const correct = predicted.filter((l) => wanted.has(key(l))).length;
  const precision = predicted.length === 0 ? 0 : correct / predicted.length;
  const recall = gold.length === 0 ? 0 : correct / gold.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold: gold.length, predicted: predicted.length };
}

function asIds(a: Alignment): { blocks: GoldLink[]; links: GoldLink[] } {
  return {
    blocks: a.blocks.map((b) => ({ source: b.source.map((i) => a.source.blocks[i]!.id), target: b.target.map((i) => a.target.blocks[i]!.id) })),
    links: a.links.map((l) => ({ source: l.source.map((i) => a.source.segments[i]!.id), target: l.target.map((i) => a.target.segments[i]!.id) })),
  };
}

/** Every source and target segment in exactly one link, links in document order. */
function expectCovering(a: Alignment): void {
  const sources = a.links.flatMap((l) => l.source);
  const targets = a.links.flatMap((l) => l.target);
  expect(sources).toEqual(a.source.segments.map((_, i) => i));
  expect(targets).toEqual(a.target.segments.map((_, i) => i));
  for (const link of a.links) {
    expect(link.source.length + link.target.length).toBeGreaterThan(0);
    expect(link.source.length).toBeLessThanOrEqual(2);
    expect(link.target.length).toBeLessThanOrEqual(2);
    expect(link.score).toBeGreaterThanOrEqual(0);
    expect(link.score).toBeLessThanOrEqual(1);
  }
  expect(a.blocks.flatMap((b) => b.source)).toEqual(a.source.blocks.map((_, i) => i));
  expect(a.blocks.flatMap((b) => b.target)).toEqual(a.target.blocks.map((_, i) => i));
}

/** Gold files of the bundled meetings and of the hand-made pairs, with the documents they refer to. */
async function goldCases(): Promise<{ name: string; gold: Gold; source: Doc; target: Doc }[]> {
  const cases = [];
  for (const file of readdirSync(GOLD).sort()) {
    const gold = JSON.parse(readFileSync(path.join(GOLD, file), 'utf8')) as Gold;
    const dir = path.join(CONTENT, gold.slug);
    const meeting = await loadMeeting(dir, [path.join(dir, `${gold.lang}.md`)], ROOT);
    cases.push({ name: `${gold.slug} (${gold.lang})`, gold, source: meeting.source!, target: meeting.translations[0]! });
  }
  for (const name of readdirSync(PAIRS).sort()) {
    const dir = path.join(PAIRS, name);
    const gold = JSON.parse(readFileSync(path.join(dir, 'gold.json'), 'utf8')) as Gold;
    cases.push({ name: `pair ${name}`, gold, source: await loadDoc(path.join(dir, 'en.md'), name, ROOT), target: await loadDoc(path.join(dir, 'zh.md'), name, ROOT) });
  }
  return cases;
}

const doc = (value: string, lang: string): Doc => segment(parse(new TextEncoder().encode(value), { path: `x/${lang}.md`, slug: '2024-01-01-x', lang }));
const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);

describe('alignment quality against hand-checked gold alignments', async () => {
  const cases = await goldCases();

  it('has a gold file for every bundled meeting, and each gold covers every segment exactly once', () => {
    const slugs = cases.filter((c) => !c.name.startsWith('pair')).map((c) => c.gold.slug);
    expect(slugs.sort()).toEqual(meetingSlugs());
    for (const { gold, source, target } of cases) {
      expect(gold.links.flatMap((l) => l.source)).toEqual(source.segments.map((s) => s.id));
      expect(gold.links.flatMap((l) => l.target)).toEqual(target.segments.map((s) => s.id));
      expect(gold.blocks.flatMap((l) => l.source)).toEqual(source.blocks.map((b) => b.id));
      expect(gold.blocks.flatMap((l) => l.target)).toEqual(target.blocks.map((b) => b.id));
    }
  });

  it('reaches sentence F1 ≥ 0.97 and block F1 = 1 on every case and overall (strict)', () => {
    const rows: string[] = ['case                                              sentences P     R    F1 | blocks P     R    F1'];
    const all = { predicted: [] as GoldLink[], gold: [] as GoldLink[], bp: [] as GoldLink[], bg: [] as GoldLink[] };
    for (const { name, gold, source, target } of cases) {
      const predicted = asIds(align(source, target));
      const s = score(predicted.links, gold.links);
      const b = score(predicted.blocks, gold.blocks);
      rows.push(`${name.padEnd(50)} ${String(s.gold).padStart(4)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} | ${String(b.gold).padStart(3)} ${pct(b.precision)} ${pct(b.recall)} ${pct(b.f1)}`);
      // Links are keyed per case so that equal ids in two documents never meet.
      all.predicted.push(...predicted.links.map((l) => ({ source: [name, ...l.source], target: l.target })));
      all.gold.push(...gold.links.map((l) => ({ source: [name, ...l.source], target: l.target })));
      all.bp.push(...predicted.blocks.map((l) => ({ source: [name, ...l.source], target: l.target })));
      all.bg.push(...gold.blocks.map((l) => ({ source: [name, ...l.source], target: l.target })));
      expect(s.f1, name).toBeGreaterThanOrEqual(0.97);
      expect(b.f1, name).toBe(1);
    }
    const s = score(all.predicted, all.gold);
    const b = score(all.bp, all.bg);
    rows.push(`${'all'.padEnd(50)} ${String(s.gold).padStart(4)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} | ${String(b.gold).padStart(3)} ${pct(b.precision)} ${pct(b.recall)} ${pct(b.f1)}`);
    console.log(rows.join('\n'));
    expect(s.f1).toBeGreaterThanOrEqual(0.97);
    expect(b.f1).toBe(1);
  });
});

/** A part of a translation to delete: its id (segment or block) and its range in the file. */
interface Cut {
  id: string;
  start: number;
  end: number;
}

/**
 * Delete each cut of each bundled translation in turn, align, and score the
 * sentence or block links against the gold with the deleted item taken out
 * (English left with no translation becomes 1–0 links).
 */
async function deletions(cutsOf: (target: Doc) => Cut[], level: 'links' | 'blocks'): Promise<{ runs: number; exact: number; recall: number }> {
  let wanted = 0;
  let found = 0;
  let exact = 0;
  let runs = 0;
  for (const file of readdirSync(GOLD).sort()) {
    const gold = JSON.parse(readFileSync(path.join(GOLD, file), 'utf8')) as Gold;
    const dir = path.join(CONTENT, gold.slug);
    const meeting = await loadMeeting(dir, [path.join(dir, `${gold.lang}.md`)], ROOT);
    const target = meeting.translations[0]!;
    for (const cut of cutsOf(target)) {
      const edited = doc(target.value.slice(0, cut.start) + target.value.slice(cut.end), gold.lang);
      const expected = new Set(
        gold[level].flatMap((l) => {
          const t = l.target.filter((id) => id !== cut.id);
          return t.length === 0 ? l.source.map((id) => key({ source: [id], target: [] })) : [key({ source: l.source, target: t })];
        }),
      );
      const got = asIds(align(meeting.source!, edited))[level].map(key);
      const hits = got.filter((k) => expected.has(k)).length;
      wanted += expected.size;
      found += hits;
      runs++;
      if (hits === expected.size && got.length === expected.size) exact++;
    }
  }
  return { runs, exact, recall: found / wanted };
}

describe('alignment robustness on the bundled meetings', () => {
  it('recovers the gold when any one sentence of a multi-sentence paragraph is deleted from the translation (link recall ≥ 0.99)', async () => {
    const { runs, exact, recall } = await deletions((target) => target.segments.filter((s) => target.blocks[s.blockIndex]!.segments.length >= 2), 'links');
    console.log(`single-sentence deletions: ${runs} runs, ${exact} aligned exactly, link recall ${recall.toFixed(4)}`);
    expect(runs).toBeGreaterThan(100);
    expect(recall).toBeGreaterThanOrEqual(0.99);
  });

  it('recovers the gold block links when any one paragraph is deleted from the translation (block recall ≥ 0.995, ≥ 90 % exact)', async () => {
    // A paragraph goes with the blank lines after it, as a translator would delete it.
    const paragraphs = (target: Doc): Cut[] =>
      target.blocks.filter((b) => b.kind === 'paragraph').map((b) => ({ id: b.id, start: b.start, end: b.end + (/^\n*/u.exec(target.value.slice(b.end))?.[0].length ?? 0) }));
    const { runs, exact, recall } = await deletions(paragraphs, 'blocks');
    console.log(`paragraph deletions: ${runs} runs, ${exact} aligned exactly, block link recall ${recall.toFixed(4)}`);
    expect(runs).toBeGreaterThanOrEqual(100);
    expect(exact / runs).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.995);
  });
});

describe('align on the bundled meetings', () => {
  for (const slug of meetingSlugs()) {
    it(`covers every segment of ${slug} once, in order, deterministically`, async () => {
      const dir = path.join(CONTENT, slug);
      const meeting = await loadMeeting(dir, [path.join(dir, 'zh.md')], ROOT);
      const [first] = alignMeeting(meeting);
      expectCovering(first!);
      expect(asIds(alignMeeting(meeting)[0]!)).toEqual(asIds(first!));
    });
  }

  it('measures the zh length ratio of a real meeting near the documented default', async () => {
    const dir = path.join(CONTENT, meetingSlugs()[0]!);
    const meeting = await loadMeeting(dir, [path.join(dir, 'zh.md')], ROOT);
    const { ratio } = lengthModel(meeting.source!, meeting.translations[0]!);
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(0.45);
  });
});

const FM = '---\ntitle: "x"\ndate: "2024-01-01"\nmeeting: "x"\nkind: summary\n---\n\n';

describe('align edge cases', () => {
  it('alignMeeting is empty without a source', () => {
    expect(alignMeeting({ slug: 'x', dir: 'x', source: undefined, translations: [doc(`${FM}一。`, 'zh')] })).toEqual([]);
  });

  it('links every English sentence 1–0 against an empty translation, and every target 0–1 against an empty source', () => {
    const en = doc(`${FM}# Title\n\nOne sentence here. Another one there.\n`, 'en');
    const empty = doc(FM, 'zh');
    const a = align(en, empty);
    expectCovering(a);
    expect(a.links.map((l) => [l.source, l.target])).toEqual([[[0], []], [[1], []], [[2], []]]);
    const b = align(empty, doc(`${FM}第一句。第二句。\n`, 'zh'));
    expect(b.links.map((l) => [l.source, l.target])).toEqual([[[], [0]], [[], [1]]]);
  });

  it('uses numbers as anchors: a dropped sentence with numbers is 1–0, not merged into its neighbour', () => {
    const en = doc(`${FM}On 14 May 2024, 40 participants met. On 30 June, the MAG met again.\n`, 'en');
    const zh = doc(`${FM}6月30日，MAG再次开会。\n`, 'zh');
    const a = align(en, zh);
    expectCovering(a);
    expect(a.links.map((l) => [l.source, l.target])).toEqual([[[0], []], [[1], [0]]]);
  });

  it('takes glossary anchors from options as evidence: a matching term raises the score of a link', () => {
    const en = doc(`${FM}The secretariat wrote a long report about many different things.\n`, 'en');
    const zh = doc(`${FM}秘书处写了报告。\n`, 'zh');
    const without = align(en, zh).links[0]!;
    const withTerms = align(en, zh, { anchors: new Map([['secretariat', ['秘书处']]]) }).links[0]!;
    expect(withTerms.source).toEqual(without.source);
    expect(withTerms.score).toBeGreaterThan(without.score);
  });

  it('never links a translator’s note, as a block or as a sentence', () => {
    const en = doc(`${FM}The MAG met in Geneva. It agreed on the themes.\n`, 'en');
    const zh = doc(`${FM}MAG在日内瓦开会。（译者注：会议为线下会议。）MAG商定了主题。\n\n> 译者注：主题见附件。\n`, 'zh');
    const a = align(en, zh);
    expectCovering(a);
    expect(a.links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[], [1]], [[1], [2]], [[], [3]]]);
    expect(a.blocks.map((b) => [b.source, b.target])).toEqual([[[0], [0]], [[], [1]]]);
  });
});

/** Arbitrary documents: blocks of kind heading, paragraph or list item, each with 1–4 sentences. */
const sentence = (lang: 'en' | 'zh') =>
  lang === 'en'
    ? fc.array(fc.constantFrom('the', 'MAG', 'agreed', 'on', 'themes', '27', 'IGF', 'sessions', 'of', '2024'), { minLength: 1, maxLength: 12 }).map((w) => `${w.join(' ')}.`)
    : fc.array(fc.constantFrom('会议', 'MAG', '同意', '主题', '27', '日', 'IGF', '方案', '2024'), { minLength: 1, maxLength: 12 }).map((w) => `${w.join('')}。`);
const block = (lang: 'en' | 'zh') =>
  fc.tuple(fc.constantFrom('', '## ', '- '), fc.array(sentence(lang), { minLength: 1, maxLength: 4 })).map(([prefix, s]) => `${prefix}${s.join(lang === 'en' ? ' ' : '')}`);
const document = (lang: 'en' | 'zh') => fc.array(block(lang), { maxLength: 8 }).map((blocks) => `${FM}${blocks.join('\n\n')}\n`);

describe('align property', () => {
  it('covers every source and target segment exactly once, in order, for arbitrary documents', () => {
    fc.assert(
      fc.property(document('en'), document('zh'), (en, zh) => {
        expectCovering(align(doc(en, 'en'), doc(zh, 'zh')));
      }),
      { numRuns: 150 },
    );
  });
});
