/** `bitext segment <file>`: the blocks and sentences of one document, with ids and places. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadDoc } from '../load.js';
import { formatReport, hasErrors } from '../report.js';
import type { Doc } from '../types.js';
import type { Register } from './io.js';

/** The JSON shape of `bitext segment --format json`. */
export interface SegmentJson {
  path: string;
  lang: string;
  segments: {
    id: string;
    block: string;
    kind: string;
    start: { line: number; column: number; offset: number };
    end: { line: number; column: number; offset: number };
    text: string;
  }[];
}

/** The segments of a document in the documented JSON shape. */
export function segmentJson(doc: Doc): SegmentJson {
  return {
    path: doc.file.path,
    lang: doc.lang,
    segments: doc.segments.map((s) => ({
      id: s.id,
      block: s.blockId,
      kind: doc.blocks[s.blockIndex]?.kind ?? 'paragraph',
      start: s.position.start,
      end: s.position.end,
      text: s.text,
    })),
  };
}

export const register: Register = (program: Command, io) => {
  program
    .command('segment')
    .description('print the sentence segments of a file with ids and line:column ranges')
    .argument('<file>', 'a content file, e.g. content/<slug>/zh.md')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--lang <tag>', 'language of the file (default: from the file name, e.g. zh.md)')
    .action(async (file: string, options: { format: 'text' | 'json'; lang?: string }) => {
      const absolute = path.resolve(io.cwd, file);
      const doc = await loadDoc(absolute, path.basename(path.dirname(absolute)), io.cwd, options.lang);
      if (options.format === 'json') io.stdout(`${JSON.stringify(segmentJson(doc), null, 2)}\n`);
      else {
        for (const s of doc.segments) {
          const { start, end } = s.position;
          io.stdout(`${start.line}:${start.column}-${end.line}:${end.column}\t${s.id}\t${s.text.replace(/\s*\n\s*/g, ' ')}\n`);
        }
      }
      if (doc.file.messages.length > 0) io.stderr(formatReport([doc.file], 'text'));
      io.exitCode = hasErrors([doc.file]) ? 1 : 0;
    });
};
