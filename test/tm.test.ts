import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../pipeline/load.js';
import { buildMemory, Memory } from '../pipeline/tm.js';
import { draftTranslation } from '../pipeline/track-new.js';
import { CONTENT } from './helpers/content.js';
import { PLACEHOLDER, TempRepo } from './fixtures/track/repo.js';

const SLUGS = ['2024-05-14-second-mag-meeting', '2024-06-18-third-mag-meeting', '2024-09-10-fourth-mag-meeting'];

/** The memory fixture corpus in a repository: three English meetings, two translated from their first commit. */
function memoryRepo(): TempRepo {
  const repo = new TempRepo();
  for (const slug of SLUGS) repo.copy(`memory/${slug}/en.md`, `content/${slug}/en.md`);
  const commit = repo.commit('Add the English');
  for (const slug of SLUGS.slice(0, 2)) repo.copy(`memory/${slug}/zh.md`, `content/${slug}/zh.md`, { [PLACEHOLDER]: commit });
  repo.commit('Add the translations');
  return repo;
}

const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) rmSync(repo.dir, { recursive: true, force: true });
});

describe('Memory', () => {
  const memory = new Memory('zh');
  memory.add({ source: 'The MAG agreed to publish the summary.', target: 'MAG同意发布摘要。', slug: 'a' });
  memory.add({ source: 'The MAG  agreed to publish the summary.', target: '另一个译文。', slug: 'b' });
  memory.add({ source: 'The next MAG meeting will be held online on 9 July 2024.', target: '下一次MAG会议将于2024年7月9日在线举行。', slug: 'a' });

  it('finds exact matches whitespace-insensitively, the first added winning', () => {
    expect(memory.size).toBe(2);
    expect(memory.exact('The MAG agreed to publish\nthe summary.')?.target).toBe('MAG同意发布摘要。');
    expect(memory.lookup('The MAG agreed to publish the summary.')).toMatchObject({ similarity: 1 });
  });

  it('finds fuzzy matches at or above the threshold only', () => {
    const match = memory.lookup('The next MAG meeting will be held online on 12 October 2024.');
    expect(match?.entry.slug).toBe('a');
    expect(match!.similarity).toBeGreaterThanOrEqual(0.75);
    expect(match!.similarity).toBeLessThan(1);
    expect(memory.lookup('The next MAG meeting will be held online on 12 October 2024.', 0.95)).toBeUndefined();
    expect(memory.lookup('Visa guidance will be published soon.')).toBeUndefined();
  });
});

describe('buildMemory', () => {
  it('holds the aligned pairs of the corpus and leaves out the excluded meeting', async () => {
    const repo = memoryRepo();
    repos.push(repo);
    const { meetings } = await loadCorpus(['content'], { cwd: repo.dir });
    const memory = await buildMemory(meetings, 'zh', { cwd: repo.dir, exclude: [SLUGS[1]!] });
    expect(memory.exact('The MAG reviewed the workshop proposals received through the open call.')?.target).toBe('MAG审查了通过公开征集收到的研讨会提案。');
    expect(memory.exact('Opening ceremony')).toBeUndefined(); // only in the excluded meeting
    expect(memory.exact('IGF 2024 Second MAG Meeting: Summary')?.target).toBe('2024年IGF第二次MAG会议：摘要');
  });

  it('prefers a published translation to a draft', async () => {
    const repo = memoryRepo();
    repos.push(repo);
    const draft = repo.read(`content/${SLUGS[1]}/zh.md`).replace('MAG主席宣布会议开幕并欢迎与会者。', 'MAG主席宣布开会。');
    repo.write(`content/${SLUGS[1]}/zh.md`, draft);
    repo.commit('Reword the draft');
    const { meetings } = await loadCorpus(['content'], { cwd: repo.dir });
    const memory = await buildMemory(meetings, 'zh', { cwd: repo.dir });
    expect(memory.exact('The MAG Chair opened the meeting and welcomed the participants.')?.slug).toBe(SLUGS[0]);
  });

  it('leaves out pairs whose English changed since the translation (stale)', async () => {
    const repo = memoryRepo();
    repos.push(repo);
    const en = repo.read(`content/${SLUGS[0]}/en.md`).replace('received through the open call', 'received through the second open call');
    repo.write(`content/${SLUGS[0]}/en.md`, en);
    repo.commit('Edit the English');
    const { meetings } = await loadCorpus(['content'], { cwd: repo.dir });
    const memory = await buildMemory(meetings, 'zh', { cwd: repo.dir });
    expect(memory.exact('The MAG reviewed the workshop proposals received through the second open call.')).toBeUndefined();
    expect(memory.exact('The MAG reviewed the workshop proposals received through the open call.')).toBeUndefined();
    expect(memory.exact('Next steps')?.target).toBe('后续步骤');
  });

  it('never stores an English text as its own translation (real corpus)', async () => {
    const { meetings } = await loadCorpus([CONTENT], { cwd: path.dirname(CONTENT) });
    const memory = await buildMemory(meetings, 'zh', { cwd: path.dirname(CONTENT) });
    expect(memory.size).toBeGreaterThan(250);
    for (const entry of memory.entries()) expect(entry.target.replace(/\s+/g, ' ').trim()).not.toBe(entry.source.replace(/\s+/g, ' ').trim());
    expect(memory.exact('Summary of action items and next steps')?.target).toBe('行动项目和后续步骤摘要');
  });
});

describe('draftTranslation', () => {
  it('pre-fills the recurring sentences of the corpus, exact and fuzzy, and keeps the rest English in the English structure', async () => {
    const repo = memoryRepo();
    repos.push(repo);
    const { meetings } = await loadCorpus(['content'], { cwd: repo.dir });
    const meeting = meetings.find((m) => m.slug === SLUGS[2])!;
    const memory = await buildMemory(meetings, 'zh', { cwd: repo.dir, exclude: [SLUGS[2]!] });
    const draft = await draftTranslation(meeting, 'zh', memory, { cwd: repo.dir });
    expect(draft.exact.map((p) => p.english)).toEqual([
      'Opening',
      'The MAG Chair opened the meeting and welcomed the participants.',
      'The agenda was adopted without changes.',
      'The MAG agreed to publish the summary of the meeting on the IGF website.',
      'Members were invited to send written comments to the Secretariat within two weeks.',
      'Session',
      'Organizer',
      'Opening ceremony',
      'Host country',
      'Host country',
      'Next steps',
    ]);
    expect(draft.fuzzy.map((p) => [p.english, p.from])).toEqual([['The next MAG meeting will be held online on 12 October 2024.', SLUGS[0]]]);
    expect(draft.untranslated.map((u) => u.text)).toEqual([
      'Fourth MAG meeting',
      'Preparations',
      'The host country presented the final arrangements for the venue in Riyadh.',
      'High-level leaders track',
    ]);
    const body = draft.content.slice(draft.content.indexOf('\n---\n') + 5);
    expect(body).toBe(
      [
        '',
        '# Fourth MAG meeting',
        '',
        '## 开幕',
        '',
        'MAG主席宣布会议开幕并欢迎与会者。议程未经修改获得通过。',
        '',
        '## Preparations',
        '',
        'The host country presented the final arrangements for the venue in Riyadh.',
        '',
        '- MAG同意在IGF网站上发布会议摘要。',
        '- 请成员在两周内向秘书处提交书面意见。',
        '',
        '| 会议 | 组织方 |',
        '| --- | --- |',
        '| 开幕式 | 东道国 |',
        '| High-level leaders track | 东道国 |',
        '',
        '## 后续步骤',
        '',
        '下一次MAG会议将于2024年7月9日在线举行。',
        '',
      ].join('\n'),
    );
    expect(draft.content).toContain(`fuzzy:\n  - "${draft.fuzzy[0]!.ids[0]}"\n`);
    expect(draft.sourceCommit).toBe(repo.git('log', '-1', '--format=%H', '--', `content/${SLUGS[2]}/en.md`));
  });
});
