/**
 * A baseline of accepted findings, as linters keep them for legacy code
 * (ESLint's suppressions file, PHPStan's baseline): errors already present in
 * published translations are recorded once, reported as `info` from then on,
 * and only new errors fail CI. Keys are file + rule + the exact text the
 * finding points at (not the message wording), with a count per key, so a
 * second occurrence of the same problem is new again.
 */
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { z } from 'zod';

export const BASELINE_FILE = 'bitext-baseline.json';

const entrySchema = z.object({ file: z.string(), ruleId: z.string(), text: z.string(), count: z.number().int().positive() });
const baselineSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });

export type BaselineEntry = z.infer<typeof entrySchema>;
export type Baseline = z.infer<typeof baselineSchema>;

/** What a finding points at: the text of its range, or its message when it has no range. */
function findingText(file: VFile, message: VFileMessage): string {
  const place = message.place;
  if (place && 'start' in place && place.start.offset !== undefined && place.end.offset !== undefined && place.end.offset > place.start.offset) {
    return String(file.value).slice(place.start.offset, place.end.offset);
  }
  return message.reason;
}

const keyOf = (file: string, ruleId: string, text: string): string => JSON.stringify([file, ruleId, text]);

/** Read a baseline file; undefined when it does not exist; a clear error when it is malformed. */
export async function readBaseline(path: string): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: invalid JSON: ${(error as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: not a bitext baseline: ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  return parsed.data;
}

/** The baseline that accepts every error in `files` as it is now. */
export function makeBaseline(files: readonly VFile[]): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal !== true || !message.ruleId) continue;
      const text = findingText(file, message);
      const key = keyOf(file.path, message.ruleId, text);
      const entry = counts.get(key) ?? { file: file.path, ruleId: message.ruleId, text, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  const entries = [...counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.text.localeCompare(b.text));
  return { version: 1, entries };
}

/** Write a baseline atomically, in a stable order and format. */
export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Turn errors the baseline accepts into `info` findings; returns how many were accepted. */
export function applyBaseline(files: readonly VFile[], baseline: Baseline): number {
  const left = new Map(baseline.entries.map((e) => [keyOf(e.file, e.ruleId, e.text), e.count]));
  let accepted = 0;
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal !== true || !message.ruleId) continue;
      const key = keyOf(file.path, message.ruleId, findingText(file, message));
      const count = left.get(key) ?? 0;
      if (count === 0) continue;
      left.set(key, count - 1);
      message.fatal = undefined;
      message.reason = `${message.reason} (accepted in the baseline)`;
      accepted++;
    }
  }
  return accepted;
}
