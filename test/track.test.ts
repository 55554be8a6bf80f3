import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadCorpus } from '../pipeline/load.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import { diffSegments, similarity } from '../pipeline/source-diff.js';
import { track, trackDetails } from '../pipeline/track.js';
import { blobHash } from '../pipeline/track-git.js';
import type { Doc, Meeting } from '../pipeline/types.js';
import { CONTENT } from './helpers/content.js';
import { acceptanceRepo, PLACEHOLDER, TempRepo } from './fixtures/track/repo.js';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';

const made: TempRepo[] = [];
afterEach(() => {
  for (const repo of made.splice(0)) rmSync(repo.dir, { recursive: true, force: true });
});
const keep = <T extends { repo: TempRepo }>(x: T): T => {
  made.push(x.repo);
  return x;
};

function english(body: string): Doc {
  const text = `---\ntitle: "T"\ndate: "2024-01-01"\nmeeting: "M"\nkind: summary\n---\n\n${body}`;
  return segment(parse(Buffer.from(text), { path: 'en.md', slug: '2024-01-01-t', lang: 'en' }));
}

async function meetingOf(dir: string, slug: string): Promise<{ meeting: Meeting; zh: Doc }> {
  const { meetings } = await loadCorpus([`content/${slug}`], { cwd: dir });
  const meeting = meetings[0]!;
  return { meeting, zh: meeting.translations.find((d) => d.lang === 'zh')! };
}

describe('diffSegments', () => {
  it('tells a moved paragraph from a changed, an added and a removed sentence', () => {
    const before = english('Alpha one is here. Beta two is there.\n\nGamma paragraph stays put.\n\nDelta moves away later.\n\nEpsilon is removed entirely now.\n');
    const after = english('Delta moves away later.\n\nAlpha one is here. Beta two is over there.\n\nGamma paragraph stays put.\n\nZeta was added.\n');
    const kinds = diffSegments(before.segments, after.segments).map((c) => [c.kind, 'after' in c ? c.after.text : c.before.text]);
    expect(kinds).toEqual([
      ['moved', 'Delta moves away later.'],
      ['same', 'Alpha one is here.'],
      ['changed', 'Beta two is over there.'],
      ['same', 'Gamma paragraph stays put.'],
      ['removed', 'Epsilon is removed entirely now.'],
      ['added', 'Zeta was added.'],
    ]);
  });

  it('gives the same segments passed twice what the diff gives a copy of them (every bundled document)', async () => {
    const { docs } = await loadCorpus(['content'], { cwd: path.dirname(CONTENT) });
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const twice = diffSegments(doc.segments, doc.segments);
      expect(twice, doc.file.path).toEqual(diffSegments(doc.segments, [...doc.segments]));
      expect(twice.map((c) => c.kind)).toEqual(doc.segments.map(() => 'same'));
    }
  });

  it('ignores re-wrapping: whitespace-only edits are not changes', () => {
    const before = english('One sentence that is long enough. Another one follows.\n');
    const after = english('One sentence that is\nlong enough.   Another one follows.\n');
    expect(diffSegments(before.segments, after.segments).every((c) => c.kind === 'same')).toBe(true);
  });

  it('does not pair unrelated sentences as a change', () => {
    const before = english('The MAG reviewed the workshop proposals.\n');
    const after = english('Visa guidance will be published in April.\n');
    expect(diffSegments(before.segments, after.segments).map((c) => c.kind).sort()).toEqual(['added', 'removed']);
  });

  it('accounts for every old and every new segment exactly once (property)', () => {
    const sentence = fc.constantFrom('Alpha is first.', 'Beta is second.', 'Gamma is third.', 'Delta is fourth.', 'Alpha is first again.', 'Beta is the second.');
    const body = fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }).map((ps) => `${ps.map((p) => p.join(' ')).join('\n\n')}\n`);
    fc.assert(
      fc.property(body, body, (a, b) => {
        const before = english(a).segments;
        const after = english(b).segments;
        const changes = diffSegments(before, after);
        const olds = changes.flatMap((c) => ('before' in c ? [c.before.index] : [])).sort((x, y) => x - y);
        const news = changes.flatMap((c) => ('after' in c ? [c.after.index] : [])).sort((x, y) => x - y);
        expect(olds).toEqual(before.map((s) => s.index));
        expect(news).toEqual(after.map((s) => s.index));
        for (const c of changes) if (c.kind === 'same' || c.kind === 'moved') expect(c.before.text).toBe(c.after.text);
      }),
      { numRuns: 200 },
    );
  });

  it('measures similarity by words for English and by characters for Chinese', () => {
    expect(similarity('the cat sat', 'the cat sat')).toBe(1);
    expect(similarity('the results of the call', 'the final results of the call')).toBeGreaterThan(0.8);
    expect(similarity('abcdefgh ijkl', 'zzzzzzzz yyyy')).toBe(0);
    expect(similarity('会议于2月27日举行。', '会议于2月28日举行。')).toBeGreaterThan(0.85);
  });
});

describe('track', () => {
  it('reports the two changed sentences as stale and the added one as missing; the moved paragraph is not stale', async () => {
    const { repo, slug, first } = keep(acceptanceRepo());
    const { meeting, zh } = await meetingOf(repo.dir, slug);
    const staleness = await track(meeting, zh, { cwd: repo.dir });
    expect(staleness.mode).toBe('git');
    expect(staleness.sourceCommit).toBe(first);
    expect(staleness.stale.map((s) => s.target.map((t) => t.text).join(''))).toEqual([
      '增加不同于研讨会的会议选择过程的透明度。',
      'IGF秘书处介绍了2024年IGF公开征集专题意见的结果，可以在此处查看PowerPoint演示文稿。',
    ]);
    expect(staleness.stale.map((s) => [s.before, s.after])).toEqual([
      ['Increase the transparency of the selection process for sessions other than workshops.', 'Increase the transparency of the selection process for all sessions, including workshops.'],
      [
        'The IGF Secretariat presented the results of the IGF 2024 open call for thematic inputs.',
        'The IGF Secretariat presented the final results of the IGF 2024 open call for thematic inputs and issue areas.',
      ],
    ]);
    expect(staleness.stale.every((s) => s.sourceAfter && meeting.source!.segments[s.sourceAfter.index] === s.sourceAfter)).toBe(true);
    expect(staleness.missing.map((s) => s.text)).toEqual(['The MAG agreed to hold its second meeting online in April 2024.']);
    expect(staleness.removed).toEqual([]);
    expect(staleness.outdated).toBe(true);
    const details = await trackDetails(meeting, zh, { cwd: repo.dir });
    expect(details.changes.filter((c) => c.kind === 'moved').map((c) => c.before.text)).toHaveLength(2);
  });

  it('is current right after the translation was made', async () => {
    const repo = new TempRepo();
    made.push(repo);
    repo.copy('acceptance/en.md', 'content/2024-02-27-evaluation/en.md');
    const first = repo.commit('en');
    repo.copy('acceptance/zh.md', 'content/2024-02-27-evaluation/zh.md', { [PLACEHOLDER]: first });
    repo.commit('zh');
    const { meeting, zh } = await meetingOf(repo.dir, '2024-02-27-evaluation');
    const staleness = await track(meeting, zh, { cwd: repo.dir });
    expect(staleness).toMatchObject({ mode: 'git', stale: [], missing: [], removed: [], outdated: false });
  });

  it('marks the translation of a deleted English sentence as stale with no English after', async () => {
    const { repo, slug } = keep(acceptanceRepo());
    const en = repo.read(`content/${slug}/en.md`).replace('- Align the programme with the main internet governance-related processes.\n', '');
    repo.write(`content/${slug}/en.md`, en);
    repo.commit('Delete an item');
    const { meeting, zh } = await meetingOf(repo.dir, slug);
    const staleness = await track(meeting, zh, { cwd: repo.dir });
    expect(staleness.removed.map((s) => s.text)).toEqual(['Align the programme with the main internet governance-related processes.']);
    const deleted = staleness.stale.find((s) => s.sourceAfter === undefined);
    expect(deleted?.target.map((t) => t.text)).toEqual(['使该方案与主要的互联网治理相关进程保持一致。']);
    expect(deleted?.after).toBe('');
  });

  it('finds the translation of an edited sentence of the real corpus', async () => {
    const slug = '2024-02-27-first-open-consultations-mag';
    const repo = new TempRepo();
    made.push(repo);
    cpSync(path.join(CONTENT, slug, 'en.md'), repo.path(`content/${slug}/en.md`));
    const first = repo.commit('en');
    cpSync(path.join(CONTENT, slug, 'zh.md'), repo.path(`content/${slug}/zh.md`));
    repo.write(`content/${slug}/zh.md`, repo.read(`content/${slug}/zh.md`).replace(/source_commit: "[0-9a-f]+"/, `source_commit: "${first}"`));
    repo.commit('zh');
    const en = repo.read(`content/${slug}/en.md`);
    const old = '40 participants attended the meeting onsite and up to 210 participants joined remotely.';
    expect(en).toContain(old);
    repo.write(`content/${slug}/en.md`, en.replace(old, '45 participants attended the meeting onsite and up to 210 participants joined remotely.'));
    repo.commit('Correct the onsite count');
    const { meeting, zh } = await meetingOf(repo.dir, slug);
    const staleness = await track(meeting, zh, { cwd: repo.dir });
    expect(staleness.stale).toHaveLength(1);
    expect(staleness.stale[0]!.target.map((t) => t.text).join('')).toBe('40名与会者现场参加了会议，多达210名与会者远程参加了会议。');
    expect(staleness.missing).toEqual([]);
  });

  it('says why when there is no source_commit', async () => {
    const { repo, slug } = keep(acceptanceRepo());
    repo.write(`content/${slug}/zh.md`, repo.read(`content/${slug}/zh.md`).replace(/source_commit: .*\n/, ''));
    const { meeting, zh } = await meetingOf(repo.dir, slug);
    const details = await trackDetails(meeting, zh, { cwd: repo.dir });
    expect(details.staleness).toMatchObject({ mode: 'none', sourceCommit: undefined, stale: [], missing: [] });
    expect(details.problem?.rule).toBe('no-source-commit');
  });

  it('falls back to the content hash without history, and says why', async () => {
    const plain = new TempRepo(false); // a downloaded archive: files, no .git
    made.push(plain);
    const slug = '2024-02-27-evaluation';
    plain.copy('acceptance/en.md', `content/${slug}/en.md`);
    const hash = blobHash(plain.read(`content/${slug}/en.md`));
    const zh = (extra: string): string => plain.read(`content/${slug}/zh.md`).replace('reviewers: []\n', `reviewers: []\n${extra}`);
    plain.copy('acceptance/zh.md', `content/${slug}/zh.md`, { [PLACEHOLDER]: 'abcdef1234567890abcdef1234567890abcdef12' });
    let { meeting, zh: doc } = await meetingOf(plain.dir, slug);
    let details = await trackDetails(meeting, doc, { cwd: plain.dir });
    expect(details.staleness.mode).toBe('none');
    expect(details.problem).toEqual({ rule: 'no-source-history', reason: 'not a git repository' });

    plain.write(`content/${slug}/zh.md`, zh(`source_hash: "${hash}"\n`));
    ({ meeting, zh: doc } = await meetingOf(plain.dir, slug));
    details = await trackDetails(meeting, doc, { cwd: plain.dir });
    expect(details.staleness).toMatchObject({ mode: 'hash', outdated: false, stale: [] });

    plain.copy('acceptance/en-v2.md', `content/${slug}/en.md`);
    ({ meeting, zh: doc } = await meetingOf(plain.dir, slug));
    details = await trackDetails(meeting, doc, { cwd: plain.dir });
    expect(details.staleness).toMatchObject({ mode: 'hash', outdated: true, stale: [] });
  });

  it('treats a commit the history does not have (a shallow clone) as no history', async () => {
    const { repo, slug } = keep(acceptanceRepo());
    repo.write(`content/${slug}/zh.md`, repo.read(`content/${slug}/zh.md`).replace(/source_commit: "[0-9a-f]+"/, `source_commit: "${'1'.repeat(40)}"`));
    const { meeting, zh } = await meetingOf(repo.dir, slug);
    const details = await trackDetails(meeting, zh, { cwd: repo.dir });
    expect(details.staleness.mode).toBe('none');
    expect(details.problem?.rule).toBe('no-source-history');
    expect(details.problem?.reason).toMatch(/not in the history/);
  });

  it('finds the English by source_hash when source_commit is gone (a rebased history)', async () => {
    const { repo, slug, first } = keep(acceptanceRepo());
    const blob = repo.git('rev-parse', `${first}:content/${slug}/en.md`);
    const zh = `content/${slug}/zh.md`;
    repo.write(zh, repo.read(zh).replace(/source_commit: "[0-9a-f]+"/, `source_commit: "${'1'.repeat(40)}"\nsource_hash: "${blob}"`));
    const { meeting, zh: doc } = await meetingOf(repo.dir, slug);
    const details = await trackDetails(meeting, doc, { cwd: repo.dir });
    expect(details.problem).toBeUndefined();
    expect(details.staleness.mode).toBe('git');
    expect(details.staleness.stale).toHaveLength(2);
    expect(details.staleness.missing).toHaveLength(1);
  });

  it('keeps every bundled translation trackable by git', async () => {
    const { meetings } = await loadCorpus([CONTENT], { cwd: path.dirname(CONTENT) });
    for (const meeting of meetings) {
      for (const doc of meeting.translations) {
        const details = await trackDetails(meeting, doc, { cwd: path.dirname(CONTENT) });
        expect(details.staleness.mode, doc.file.path).toBe('git');
        // Whatever the English history, every stale passage points at real segments of both files.
        for (const s of details.staleness.stale) for (const t of s.target) expect(doc.segments[t.index]).toBe(t);
        for (const s of details.staleness.missing) expect(meeting.source!.segments[s.index]).toBe(s);
      }
    }
  });
});
