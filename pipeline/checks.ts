/**
 * The checks `bitext check` runs, in order. Parse problems are already on the
 * vfiles; each check here adds its findings as vfile messages. A stage that
 * brings a check registers it in `checks`.
 */
import { visit } from 'unist-util-visit';
import type { Corpus } from './load.js';
import { report } from './rules.js';
import { glossaryCheck } from './glossary/check.js';
import { qaCheck } from './qa.js';
import { fuzzyCheck, trackCheck } from './track-check.js';
import { localesCheck } from './locales.js';
import { disclaimerCheck } from './disclaimer.js';
import type { VFile } from 'vfile';

export interface CheckOptions {
  /** Working directory (the repository). */
  cwd: string;
  /** Termbase folder; an empty folder means no terms. */
  glossaryDir?: string;
  /** Rule ids (or groups such as `stale`) whose warnings count as errors. */
  failOn: ReadonlySet<string>;
  /** Locales folder (`locales/<lng>/<ns>.json`); default `locales` of `cwd`. */
  localesDir?: string;
  /** Files outside the corpus that checks found problems in (e.g. locale files); the reporter lists them too. */
  files?: VFile[];
}

export interface Check {
  id: string;
  /** One line for `--help` and the README. */
  description: string;
  run(corpus: Corpus, options: CheckOptions): void | Promise<void>;
}

const rawHtml: Check = {
  id: 'raw-html',
  description: 'raw HTML in Markdown (never published)',
  run(corpus) {
    for (const doc of corpus.docs) {
      if (!doc.tree) continue;
      visit(doc.tree, 'html', (node) => {
        const snippet = node.value.length > 40 ? `${node.value.slice(0, 37)}…` : node.value;
        report(doc.file, 'raw-html', { params: { html: snippet.replace(/\s+/g, ' ') }, ...(node.position ? { place: node.position.start } : {}) });
      });
    }
  },
};

/** Every check, in the order they run. */
export const checks: Check[] = [rawHtml, qaCheck, glossaryCheck, trackCheck, fuzzyCheck, localesCheck, disclaimerCheck];

/** Run every registered check over the corpus. */
export async function runChecks(corpus: Corpus, options: CheckOptions): Promise<void> {
  for (const check of checks) await check.run(corpus, options);
}
