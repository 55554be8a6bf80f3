import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflections, romancePlural, spacings } from '../../pipeline/glossary/forms.js';
import { leftmostLongest, Matcher, type Pattern } from '../../pipeline/glossary/matcher.js';

const pattern = (text: string, caseSensitive = true): Pattern<string> => ({ text, caseSensitive, data: text });
const found = (m: Matcher<string>, text: string): string[] => m.findAll(text).map((h) => `${h.start}:${h.text}`);

describe('Matcher (Aho–Corasick)', () => {
  it('finds every pattern in one pass, overlapping ones included, with offsets into the text', () => {
    const m = new Matcher(['he', 'she', 'his', 'hers'].map((t) => pattern(t)));
    // No word boundaries hold inside "ushers", so only the standalone words match.
    expect(found(m, 'ushers she his hers')).toEqual(['7:she', '11:his', '15:hers']);
    const cjk = new Matcher(['利益相关方', '多利益相关方咨询小组', '咨询小组'].map((t) => pattern(t)));
    expect(found(cjk, '根据多利益相关方咨询小组的建议')).toEqual(['2:多利益相关方咨询小组', '3:利益相关方', '8:咨询小组']);
  });

  it('applies case rules per pattern: MAG is not "mag", stakeholder is "Stakeholder"', () => {
    const m = new Matcher([pattern('MAG'), pattern('stakeholder', false)]);
    expect(found(m, 'The MAG and the mag; Stakeholder views')).toEqual(['4:MAG', '21:Stakeholder']);
  });

  it('needs word boundaries in space-separated scripts and none in CJK', () => {
    const m = new Matcher([pattern('DC'), pattern('IGF'), pattern('stakeholder', false), pattern('ООН')]);
    expect(found(m, 'DCs, DC, ADC, DC-MAG, IGF倡议, 青年IGF, multistakeholder, stakeholder.')).toEqual([
      '5:DC', '14:DC', '22:IGF', '31:IGF', '54:stakeholder',
    ]);
    expect(found(m, 'в ООН, ООНА')).toEqual(['2:ООН']);
  });

  it('keeps UTF-16 offsets across astral characters and case folding', () => {
    const m = new Matcher([pattern('İstanbul', false), pattern('终端', true)]);
    const text = '𠀀𠀀 İSTANBUL 终端';
    const hits = m.findAll(text);
    for (const hit of hits) expect(text.slice(hit.start, hit.end)).toBe(hit.text);
    expect(hits.map((h) => h.text)).toEqual(['İSTANBUL', '终端']);
  });

  it('agrees with a naive search on random texts and patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '利', '益', ' ');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (words, text) => {
        const m = new Matcher(words.map((w) => pattern(w, true)));
        const naive: string[] = [];
        for (let i = 0; i < text.length; i++) {
          for (const w of words) {
            if (!text.startsWith(w, i)) continue;
            const isWord = (c: string | undefined): boolean => c !== undefined && /[aAb]/.test(c);
            if (isWord(w[0]) && isWord(text[i - 1])) continue;
            if (isWord(w[w.length - 1]) && isWord(text[i + w.length])) continue;
            naive.push(`${i}:${w}`);
          }
        }
        expect(found(m, text).sort()).toEqual(naive.sort());
      }),
    );
  });

  it('picks leftmost-longest matches as a reader does', () => {
    const m = new Matcher(['WSIS', 'WSIS+20', '+20'].map((t) => pattern(t)));
    expect(leftmostLongest(m.findAll('the WSIS+20 review and WSIS')).map((h) => h.text)).toEqual(['WSIS+20', 'WSIS']);
  });
});

describe('surface forms', () => {
  it('inflects acronyms and English words', () => {
    expect(inflections('NRIs').sort()).toEqual(['NRI', 'NRIs']);
    expect(inflections('DC').sort()).toEqual(['DC', 'DCs']);
    expect(inflections('lightning talk')).toContain('lightning talks');
    expect(inflections('stakeholders')).toContain('stakeholder');
    expect(inflections('Policy')).toContain('Policies');
    expect(inflections('Day 0')).toEqual(['Day 0']);
  });

  it('spaces Chinese forms where CJK meets Latin letters or digits, both ways', () => {
    expect(spacings('国家和区域IGF倡议').sort()).toEqual(['国家和区域 IGF 倡议', '国家和区域 IGF倡议', '国家和区域IGF 倡议', '国家和区域IGF倡议'].sort());
    expect(spacings('第 0 天')).toContain('第0天');
    expect(spacings('互联网治理论坛')).toEqual(['互联网治理论坛']);
  });
});

describe('termbase forms in other languages', () => {
  it('matches French, Spanish, Russian and Arabic renderings with word boundaries, plurals and any case', async () => {
    const { openTermbase } = await import('../../pipeline/glossary/termbase.js');
    const { TermIndex } = await import('../../pipeline/glossary/forms.js');
    const { ROOT } = await import('../helpers/content.js');
    const index = new TermIndex(await openTermbase(ROOT));
    const ids = (lang: string, text: string): string[] => index.target(lang).findAll(text).map((h) => `${h.pattern.data.entry.id}:${h.pattern.data.kind}:${h.text}`);
    expect(ids('fr', 'Le Forum sur la gouvernance de l’Internet et les coalitions dynamiques ; le pacte numérique mondial.')).toEqual([
      'igf:approved:Forum sur la gouvernance de l’Internet', // a typographic apostrophe is the same letter
      'dc:approved:coalitions dynamiques',
      'gdc:approved:pacte numérique mondial',
    ]);
    expect(ids('fr', "le Forum sur la gouvernance de l'Internet (FGI)")).toEqual(["igf:approved:Forum sur la gouvernance de l'Internet"]);
    expect(ids('es', 'los Foros de Mejores Prácticas y la UIT')).toEqual(['bpf:approved:Foros de Mejores Prácticas']);
    expect(romancePlural('Pacte numérique mondial', 'fr')).toBe('Pactes numériques mondiaux');
    expect(romancePlural('Foro de Mejores Prácticas', 'es')).toBe('Foros de Mejores Prácticas');
    expect(romancePlural('Coalición dinámica', 'es')).toBe('Coaliciones dinámicas');
    expect(ids('ru', 'Межпарламентский союз и Межпарламентский союзник')).toEqual(['ipu:approved:Межпарламентский союз']);
    expect(ids('ar', 'شارك الاتحاد البرلماني الدولي (IPU)')).toEqual(['ipu:approved:الاتحاد البرلماني الدولي', 'ipu:acronym:IPU']);
  });
});
