/**
 * A realistic synthetic corpus for the benchmarks: N meetings × en/zh/fr.
 * Every English/Chinese block pair is taken from the real meetings in
 * content/ (paired by the align stage), so sentence lengths, recurring
 * phrases, glossary terms and block structure are those of real summaries;
 * meetings differ by which blocks they draw and by their dates and numbers.
 * French is drawn from a bank of sentences of the same register. A seeded
 * PRNG makes the corpus identical on every run.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { align } from '../../pipeline/align.js';
import { loadCorpus } from '../../pipeline/load.js';
import type { Block, Doc } from '../../pipeline/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** One English block, its Chinese translation and its Markdown prefix (`## `, `- `, …). */
interface Pair {
  prefix: string;
  kind: Block['kind'];
  en: string;
  zh: string;
  sentences: number;
}

/** A real meeting reduced to the sequence of its translated blocks. */
type Template = Pair[];

/** mulberry32: small, fast and good enough to pick blocks reproducibly. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRENCH = [
  'Le Groupe consultatif multipartite a examiné les propositions présentées par le Secrétariat du FGI.',
  'Les membres du GCM ont souligné l’importance d’une participation inclusive de toutes les parties prenantes.',
  'Le Président a remercié le pays hôte pour son soutien à la préparation de la réunion annuelle.',
  'Les initiatives nationales et régionales (NRI) ont présenté leurs activités de l’année écoulée.',
  'Il a été convenu que le Secrétariat diffusera un appel à contributions d’ici la fin du mois.',
  'Les participants ont discuté des thèmes principaux et des sous-thèmes du programme.',
  'Plusieurs intervenants ont insisté sur la nécessité de renforcer le multilinguisme dans les travaux du Forum.',
  'Le Groupe de direction a transmis ses recommandations sur la structure du programme.',
  'Les groupes de travail rendront compte de leurs progrès lors de la prochaine réunion virtuelle.',
  'Un document de synthèse sera publié sur le site web du FGI dans les six langues officielles.',
  'La réunion s’est tenue en ligne et sur place, avec une interprétation simultanée.',
  'Les coalitions dynamiques ont été invitées à soumettre leurs rapports avant la date limite.',
];

/** Markdown prefix of a block, from its kind and depth. */
function prefixOf(block: Block): string {
  if (block.kind === 'heading') return `${'#'.repeat(block.depth)} `;
  if (block.kind === 'listItem') return `${'  '.repeat(Math.max(0, block.depth - 1))}- `;
  return '';
}

/** The 1:1 block pairs of one real meeting, in document order. */
function templateOf(source: Doc, target: Doc): Template {
  const pairs: Template = [];
  for (const link of align(source, target).blocks) {
    if (link.source.length !== 1 || link.target.length !== 1) continue;
    const en = source.blocks[link.source[0]!]!;
    const zh = target.blocks[link.target[0]!]!;
    if (en.kind === 'tableCell' || en.kind === 'footnote' || en.kind !== zh.kind) continue;
    const text = (doc: Doc, block: Block) => doc.value.slice(block.start, block.end).replace(/\s*\n\s*/g, ' ');
    pairs.push({ prefix: prefixOf(en), kind: en.kind, en: text(source, en), zh: text(target, zh), sentences: Math.max(1, en.segments.length) });
  }
  return pairs;
}

/** Templates from the real meetings of `content/`. */
export async function loadTemplates(cwd = ROOT): Promise<Template[]> {
  const { meetings } = await loadCorpus(['content'], { cwd });
  const templates: Template[] = [];
  for (const meeting of meetings) {
    const zh = meeting.translations.find((doc) => doc.lang === 'zh');
    if (meeting.source && zh) templates.push(templateOf(meeting.source, zh));
  }
  if (templates.length === 0) throw new Error(`No English/Chinese meeting in ${path.join(cwd, 'content')} to sample from`);
  return templates;
}

/** The three files of synthetic meeting `index`. */
function meetingFiles(index: number, templates: Template[], next: () => number): { slug: string; en: string; zh: string; fr: string } {
  const template = templates[Math.floor(next() * templates.length)]!;
  const pool = templates.flat();
  const year = 2010 + (index % 16);
  const month = 1 + (Math.floor(index / 16) % 12);
  const day = 1 + (Math.floor(index / 192) % 28);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const slug = `${date}-meeting-${String(index).padStart(5, '0')}`;
  const shift = (text: string) => text.replace(/\b(\d{2,3})\b/g, (n) => String((Number(n) + index) % 997));
  const en: string[] = [];
  const zh: string[] = [];
  const fr: string[] = [];
  for (const original of template) {
    // Most blocks stay; a third are swapped for a block of the same kind from another meeting.
    const same = pool.filter((p) => p.kind === original.kind);
    const pair = next() < 0.33 && same.length > 0 ? same[Math.floor(next() * same.length)]! : original;
    en.push(pair.prefix + shift(pair.en));
    zh.push(pair.prefix + shift(pair.zh));
    const french = Array.from({ length: pair.kind === 'heading' ? 1 : pair.sentences }, () => FRENCH[Math.floor(next() * FRENCH.length)]!);
    fr.push(pair.prefix + (pair.kind === 'heading' ? french[0]!.replace(/\.$/, '') : french.join(' ')));
  }
  const front = (title: string, extra: string) => `---\ntitle: "${title} ${index}"\ndate: "${date}"\nmeeting: "Synthetic meeting ${index}"\nkind: action-items\n${extra}---\n\n`;
  const translation = `source_commit: "${'0'.repeat(40)}"\ntranslators: ["Synthetic"]\nreviewers: []\nstatus: published\n`;
  const join = (blocks: string[]) => `${blocks.join('\n\n')}\n`;
  return {
    slug,
    en: front('Summary of action items and next steps', '') + join(en),
    zh: front('行动项目和后续步骤摘要', translation) + join(zh),
    fr: front('Résumé des actions et des prochaines étapes', translation) + join(fr),
  };
}

/** Run git in `cwd` with a fixed identity and dates, so commits are the same on every run. */
function git(cwd: string, args: readonly string[]): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org', GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' };
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env, encoding: 'utf8' });
}

/**
 * Write `count` meetings into `<dir>/content/` (a fresh temporary folder unless
 * given); returns the folder. Like a working group's repository, it is a git
 * repository: the English is committed first and the translations name that
 * commit as their `source_commit`.
 */
export async function generateCorpus(count: number, options: { seed?: number; dir?: string } = {}): Promise<string> {
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), `bitext-bench-${count}-`)));
  const templates = await loadTemplates();
  const next = random(options.seed ?? 42);
  const meetings = Array.from({ length: count }, (_, i) => meetingFiles(i, templates, next));
  for (const files of meetings) {
    await mkdir(path.join(dir, 'content', files.slug), { recursive: true });
    await writeFile(path.join(dir, 'content', files.slug, 'en.md'), files.en);
  }
  git(dir, ['init', '-q']);
  git(dir, ['add', 'content']);
  git(dir, ['commit', '-q', '-m', 'English sources']);
  const commit = git(dir, ['rev-parse', 'HEAD']).trim();
  for (const files of meetings) {
    for (const lang of ['zh', 'fr'] as const) await writeFile(path.join(dir, 'content', files.slug, `${lang}.md`), files[lang].replace('0'.repeat(40), commit));
  }
  git(dir, ['add', 'content']);
  git(dir, ['commit', '-q', '-m', 'Translations']);
  return dir;
}
