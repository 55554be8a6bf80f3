/**
 * Content-hash cache in `.bitext-cache/`: an entry is found by the hash of
 * everything it was computed from (input bytes, options, bitext's version and
 * the cache schema), so a changed input misses and nothing is ever stale.
 * Entries are v8-serialised (mdast, dates and `undefined` survive), written
 * atomically, and checked on read: a damaged entry is ignored and rebuilt.
 * Also home of the transferable form of a `Doc`, shared with the worker pool.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import writeFileAtomic from 'write-file-atomic';
import type { Doc } from './types.js';

/** Bump when the shape or meaning of any cached value changes. */
export const CACHE_SCHEMA = 1;

/** Folder of the cache, relative to the working directory. */
export const CACHE_DIR = '.bitext-cache';

/** bitext's version, part of every key: another release never reads this one's entries. */
export const VERSION = readVersion();

function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (existsSync(url)) return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

/** sha256 of the parts, each length-prefixed so no two part lists collide. */
export function hashOf(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256').update(`bitext ${VERSION} cache ${CACHE_SCHEMA}\0`);
  for (const part of parts) hash.update(`${typeof part === 'string' ? 's' : 'b'}${part.length}:`).update(part);
  return hash.digest('hex');
}

/** A key → value store of one kind (`docs`, `pages`…) under `<cwd>/.bitext-cache/<kind>/`. */
export class Cache<T> {
  readonly dir: string;

  constructor(cwd: string, kind: string, private readonly valid: (value: unknown) => value is T) {
    this.dir = path.join(cwd, CACHE_DIR, kind);
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  /** The value stored under `key`, or undefined when missing, damaged or of another shape. */
  async get(key: string): Promise<T | undefined> {
    try {
      const entry = deserialize(await readFile(this.file(key))) as { key?: unknown; value?: unknown };
      return entry.key === key && this.valid(entry.value) ? entry.value : undefined;
    } catch {
      return undefined; // missing or damaged: recomputed by the caller
    }
  }

  /** Store `value` under `key` atomically; a cache that cannot be written is skipped, never fatal. */
  async set(key: string, value: T): Promise<void> {
    try {
      const file = this.file(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, serialize({ key, value }));
    } catch {
      /* a read-only checkout still builds, only slower */
    }
  }
}

/** A vfile message as plain data, so it can cross a worker boundary or sit in the cache. */
export interface MessageData {
  reason: string;
  ruleId: string | undefined;
  source: string | undefined;
  place: VFileMessage['place'];
  fatal: boolean | null | undefined;
  note: string | undefined;
  url: string | undefined;
  /** The related place, for messages made with `related`. */
  cause: { reason: string; file: string | undefined; place: VFileMessage['place'] } | undefined;
}

/** A `Doc` as plain data: everything but the vfile, whose path, value and messages are kept apart. */
export interface DocData extends Omit<Doc, 'file'> {
  path: string;
  messages: MessageData[];
}

/** The transferable form of `doc`. */
export function docToData(doc: Doc): DocData {
  const { file, ...rest } = doc;
  return { ...rest, path: file.path, messages: file.messages.map(messageToData) };
}

function messageToData(message: VFileMessage): MessageData {
  const cause = message.cause instanceof VFileMessage ? { reason: message.cause.reason, file: message.cause.file, place: message.cause.place } : undefined;
  return { reason: message.reason, ruleId: message.ruleId, source: message.source, place: message.place, fatal: message.fatal, note: message.note, url: message.url, cause };
}

/** A `Doc` again, with a fresh vfile carrying the same messages. */
export function docFromData(data: DocData): Doc {
  const { path: filePath, messages, ...rest } = data;
  const file = new VFile({ path: filePath, value: data.value });
  for (const m of messages) {
    const cause = m.cause ? new VFileMessage(m.cause.reason, { place: m.cause.place, source: 'bitext' }) : undefined;
    if (cause && m.cause?.file !== undefined) cause.file = m.cause.file;
    const message = file.message(m.reason, { ...(m.ruleId ? { ruleId: m.ruleId } : {}), ...(m.source ? { source: m.source } : {}), ...(m.place ? { place: m.place } : {}), ...(cause ? { cause } : {}) });
    message.fatal = m.fatal;
    if (m.note !== undefined) message.note = m.note;
    if (m.url !== undefined) message.url = m.url;
  }
  return { ...rest, file };
}

/** Whether a cached value looks like a `DocData` (the rest is guaranteed by the key). */
export function isDocData(value: unknown): value is DocData {
  const data = value as Partial<DocData> | undefined;
  return typeof data === 'object' && data !== null && typeof data.path === 'string' && typeof data.value === 'string' && Array.isArray(data.messages) && Array.isArray(data.segments) && Array.isArray(data.blocks);
}
