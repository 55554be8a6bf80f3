import { describe, expect, it } from 'vitest';
import { expansionFor, nameBefore, type MineReport, type MinedAcronym } from '../../pipeline/glossary/mine.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';

const EMPTY = 'test/fixtures/glossary/empty';

function acronym(report: MineReport, name: string): MinedAcronym {
  const found = report.acronyms.find((a) => a.acronym === name);
  if (!found) throw new Error(`${name} not mined`);
  return found;
}

describe('glossary mine', () => {
  it('finds the 名称（ACR） renderings of the corpus without a termbase and flags acronyms rendered two ways', async () => {
    const { code, stdout } = await runCli(['glossary', 'mine', '--glossary', EMPTY, '--format', 'json'], ROOT);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as MineReport;
    const mag = acronym(report, 'MAG');
    expect(mag.expansions).toEqual(['Multistakeholder Advisory Group']);
    expect(mag.renderings.map((r) => r.form).sort()).toEqual(['多利益相关方', '多利益相关方咨询小组', '多方利益相关方咨询委员会'].sort());
    expect(mag.twoWays).toBe(true);
    expect(mag.known).toBeNull();
    expect(acronym(report, 'IPU').renderings.map((r) => r.form).sort()).toEqual(['各国间议会联盟', '议会间联盟']);
    expect(acronym(report, 'IPU').twoWays).toBe(true);
    expect(acronym(report, 'NRIs').renderings.map((r) => r.form)).toEqual(expect.arrayContaining(['国家和地区IGF倡议', '国家、地区和青年IGF倡议', '国家、区域、次区域和青年IGF倡议']));
    // Consistent acronyms are found and not flagged; context before a name is cut (通报全球数字契约 → 全球数字契约).
    const gdc = acronym(report, 'GDC');
    expect(gdc.renderings).toEqual([
      {
        lang: 'zh',
        form: '全球数字契约',
        count: 4, // two written before （GDC）, two in aligned sentences whose English names the Compact
        status: null,
        places: [
          'content/2024-02-27-first-open-consultations-mag/zh.md:32:24',
          'content/2024-02-27-first-open-consultations-mag/zh.md:92:16',
          'content/2025-02-05-first-open-consultations-mag/zh.md:22:63',
          'content/2025-02-05-first-open-consultations-mag/zh.md:173:16',
        ],
      },
    ]);
    expect(gdc.twoWays).toBe(false);
    expect(acronym(report, 'CSTD').renderings.map((r) => r.form)).toEqual(['科学和技术促进发展委员会']);
    expect(acronym(report, 'UNDESA').renderings.map((r) => r.form)).toEqual(['联合国经济和社会事务部']);
    // The PNMA has no （PNMA） in one translation: the aligned sentence's name ending like a known rendering (…政策网络) is found.
    expect(acronym(report, 'PNMA').renderings.map((r) => [r.form, r.places])).toEqual([
      ['有意义的接入政策网络', ['content/2024-02-27-first-open-consultations-mag/zh.md:154:3']],
      ['有意义访问政策网络', ['content/2025-02-05-first-open-consultations-mag/zh.md:98:13']],
    ]);
    expect(report.acronyms.filter((a) => a.twoWays).map((a) => a.acronym).sort()).toEqual(['IPU', 'MAG', 'NRIs', 'PNMA']);
  });

  it('marks mined renderings against the termbase when there is one', async () => {
    const report = JSON.parse((await runCli(['glossary', 'mine', '--format', 'json'], ROOT)).stdout) as MineReport;
    const mag = acronym(report, 'MAG');
    expect(mag.known).toBe('mag');
    expect(Object.fromEntries(mag.renderings.map((r) => [r.form, r.status]))).toEqual({
      多利益相关方: 'unknown',
      多利益相关方咨询小组: 'preferred',
      多方利益相关方咨询委员会: 'forbidden',
    });
    const text = (await runCli(['glossary', 'mine', '--glossary', EMPTY], ROOT)).stdout;
    expect(text).toMatch(/^TWO-WAYS\tMAG = Multistakeholder Advisory Group$/m);
    expect(text).toMatch(/\d+ acronym\(s\); 4 rendered more than one way\n$/);
  });

  it('reads the name before an acronym back to the words that introduce it', () => {
    const text = '同时还邀请了联合国数字和新兴技术办公室 (ODET) 通报';
    expect(nameBefore(text, text.indexOf('('), 1)).toBe('联合国数字和新兴技术办公室');
    const mag = '筹备周期第一次公开磋商和多利益相关方咨询小组（MAG）';
    expect(nameBefore(mag, mag.indexOf('（'), 0)).toBe('多利益相关方咨询小组');
    const nris = '- 国家、地区和青年IGF倡议（NRIs）';
    expect(nameBefore(nris, nris.indexOf('（'), 1, 1)).toBe('国家、地区和青年IGF倡议');
    const igf = '2024年联合国互联网治理论坛（IGF）';
    expect(nameBefore(igf, igf.indexOf('（'), 0)).toBe('联合国互联网治理论坛');
  });

  it('takes the English words whose initials spell the acronym', () => {
    expect(expansionFor('Open Consultations and Multistakeholder Advisory Group', 'MAG')).toBe('Multistakeholder Advisory Group');
    expect(expansionFor('IGF Secretariat, the Inter-Parliamentary Union', 'IPU')).toBe('Inter-Parliamentary Union');
    expect(expansionFor('National, Regional and Youth IGF Initiatives', 'NRIs')).toBe('National, Regional and Youth IGF Initiatives');
    expect(expansionFor('South Eastern European sub-regional IGF', 'SEEDIG')).toBeUndefined();
  });
});
