/**
 * The drift report as a page a reviewer reads: one section per drifting term,
 * then a table of the consistent ones. Built as hast and serialised with
 * rehype-stringify, so every text is escaped; the CSS is inline, the page is
 * self-contained.
 */
import type { Element, ElementContent, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { DriftReport, TermDrift } from './drift.js';

/** A hast element (hastscript is not a dependency; these few lines are all the page needs). */
function h(tagName: string, properties: Element['properties'], ...children: (ElementContent | string)[]): Element {
  return { type: 'element', tagName, properties, children: children.map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)) };
}

const CSS = `
body{font:15px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.forbidden{background:#fde8e8}.accepted{background:#fff6dd}.preferred{background:#e8f6ea}
.places{font:12px/1.4 ui-monospace,monospace;color:#444;white-space:pre-line}.lang{color:#666;font-weight:normal}
`;

function renderingRows(term: TermDrift): Element[] {
  return term.renderings.map((r) =>
    h('tr', { className: [r.status] }, h('td', {}, r.form), h('td', {}, r.status), h('td', {}, String(r.count)), h('td', { className: ['places'] }, r.places.join('\n'))),
  );
}

function termSection(term: TermDrift): Element {
  const title = term.expansion ? `${term.term} — ${term.expansion}` : term.term;
  const children: Element[] = [
    h('h2', { id: `${term.id}-${term.lang}` }, title, ' ', h('span', { className: ['lang'] }, `[${term.lang}]`)),
    h('p', {}, 'Preferred: ', h('strong', {}, term.preferred ?? '—'), term.acronym > 0 ? `; acronym ${term.term} kept ${term.acronym}×` : ''),
    h('table', {}, h('tr', {}, h('th', {}, 'rendering'), h('th', {}, 'status'), h('th', {}, 'uses'), h('th', {}, 'places')), ...renderingRows(term)),
  ];
  if (term.deviating.length > 0) {
    children.push(h('p', {}, 'Documents that deviate:'), h('ul', {}, ...term.deviating.map((d) => h('li', {}, h('code', {}, d.path), `: ${d.forms.join(', ')}`))));
  }
  const trend = term.history.filter((p) => Object.keys(p.counts).length > 0);
  if (trend.length > 0) {
    children.push(
      h('table', {}, h('tr', {}, h('th', {}, 'commit'), h('th', {}, 'date'), h('th', {}, 'renderings')),
        ...trend.map((p) => h('tr', {}, h('td', { className: ['places'] }, p.commit.slice(0, 10)), h('td', {}, p.date.slice(0, 10)), h('td', {}, Object.entries(p.counts).map(([f, n]) => `${f} ×${n}`).join(', '))))),
    );
  }
  return h('section', {}, ...children);
}

/** The drift report as a self-contained HTML page. */
export function driftHtml(report: DriftReport): string {
  const drifting = report.terms.filter((t) => t.drift);
  const steady = report.terms.filter((t) => !t.drift);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' },
        h('head', {}, h('meta', { charset: 'utf-8' }), h('title', {}, 'bitext — terminology drift'), h('style', {}, CSS)),
        h('body', {},
          h('h1', {}, 'Terminology drift'),
          h('p', {}, `${drifting.length} of ${report.terms.length} term(s) are rendered in more than one way or with a forbidden variant; history of ${report.commits} commit(s).`),
          ...drifting.map(termSection),
          h('h2', {}, 'Consistent terms'),
          h('table', {}, h('tr', {}, h('th', {}, 'term'), h('th', {}, 'language'), h('th', {}, 'rendering'), h('th', {}, 'uses')),
            ...steady.map((t) => h('tr', {}, h('td', {}, t.term), h('td', {}, t.lang), h('td', {}, t.renderings[0]?.form ?? `${t.term} (acronym)`), h('td', {}, String((t.renderings[0]?.count ?? 0) + t.acronym))))),
        ),
      ),
    ],
  };
  return `${unified().use(rehypeStringify).stringify(tree)}\n`;
}
