/**
 * Page strings and disclaimers: `locales/<lng>/<namespace>.json`, read into
 * one i18next instance with fallback to English. The check here makes sure
 * every locale has every key of the English one (plural keys in the forms
 * its language needs), located at the parent object in the locale file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';
import { VFile } from 'vfile';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { pointAt } from './front-matter.js';
import { report } from './rules.js';
import { SOURCE_LANG } from './languages.js';
import type { Check } from './checks.js';

/** A tree of strings as i18next reads it: nested objects, strings at the leaves. */
export interface Resource {
  [key: string]: string | Resource;
}

export interface Locales {
  /** Folder the locales were read from. */
  dir: string;
  /** Directory file paths are shown relative to. */
  cwd: string;
  /** lng → namespace → strings, as parsed. */
  resources: Record<string, Record<string, Resource>>;
  /** One vfile per locale file (`<lng>/<ns>.json`), carrying its findings. */
  files: VFile[];
  i18n: i18n;
}

/** The `locales/` folder shipped with bitext, found from this module in `pipeline/` or compiled in `lib/pipeline/`. */
export function bundledLocalesDir(): string {
  for (const relative of ['../locales', '../../locales']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path.join(dir, SOURCE_LANG))) return dir;
  }
  throw new Error('The bundled locales folder (locales/en) was not found next to bitext');
}

/** Read every `<lng>/<namespace>.json` under `dir`; a file that is not valid JSON gets a located `locale-invalid-json`. */
export function loadLocales(dir: string, cwd = process.cwd()): Locales {
  const resources: Record<string, Record<string, Resource>> = {};
  const files: VFile[] = [];
  for (const lng of listDir(dir, true)) {
    for (const name of listDir(path.join(dir, lng), false).filter((n) => n.endsWith('.json'))) {
      const full = path.join(dir, lng, name);
      const value = readFileSync(full, 'utf8');
      const file = new VFile({ path: path.relative(cwd, full), value });
      files.push(file);
      const parsed = parseJson(file, value);
      if (parsed) (resources[lng] ??= {})[name.slice(0, -'.json'.length)] = parsed;
    }
  }
  return { dir, cwd, resources, files, i18n: createI18n(resources) };
}

/** Locales made from resources already in memory (a worker thread gets them from the main thread). */
export function localesFromResources(resources: Locales['resources'], dir = '', cwd = ''): Locales {
  return { dir, cwd, resources, files: [], i18n: createI18n(resources) };
}

let bundled: Locales | undefined;

/** The bundled locales, read once. */
export function defaultLocales(): Locales {
  bundled ??= loadLocales(bundledLocalesDir());
  return bundled;
}

/** A `t` bound to `lng` (falling back to English), over every namespace. */
export function translator(locales: Locales, lng: string): TFunction {
  return locales.i18n.getFixedT(lng);
}

function createI18n(resources: Record<string, Record<string, Resource>>): i18n {
  const instance = i18next.createInstance();
  const namespaces = [...new Set(Object.values(resources).flatMap((byNs) => Object.keys(byNs)))].sort();
  // initAsync: false makes init synchronous, as the resources are already in memory.
  void instance.init({
    resources,
    lng: SOURCE_LANG,
    fallbackLng: SOURCE_LANG,
    ns: namespaces,
    defaultNS: 'site',
    initAsync: false,
    // Pages are built as syntax trees and escaped by the serialiser; escaping here would double it.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance.services.formatter?.add('datetime', dateTimeFormatter());
  return instance;
}

/**
 * i18next's own `datetime` formatter: the same output, but its cache of Intl.DateTimeFormat is keyed
 * by the options *with the value formatted*, so every date built a new Intl.DateTimeFormat (about
 * 35 µs, against 1 µs to format). This one keys it by language and format only.
 */
function dateTimeFormatter(): (value: unknown, lng: string | undefined, options: Record<string, unknown> | undefined) => string {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (value, lng, options = {}) => {
    const { interpolationkey, ...format } = options;
    if (typeof interpolationkey === 'string') delete format[interpolationkey];
    const locale = lng?.replace(/_/g, '-');
    const key = `${locale ?? ''}\0${JSON.stringify(format)}`;
    let formatter = formats.get(key);
    if (!formatter) formats.set(key, (formatter = new Intl.DateTimeFormat(locale, format as Intl.DateTimeFormatOptions)));
    return formatter.format(value as Date | number);
  };
}

function listDir(dir: string, directories: boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => (directories ? entry.isDirectory() : entry.isFile()) && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/** JSON.parse with the error located: Node reports `position N` or `line L column C`. */
function parseJson(file: VFile, value: string): Resource | undefined {
  try {
    const data: unknown = JSON.parse(value);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Resource;
    report(file, 'locale-invalid-json', { params: { detail: 'expected an object of keys at the top level' }, place: { line: 1, column: 1 } });
  } catch (error) {
    const detail = (error as Error).message;
    const position = /position (\d+)/.exec(detail);
    const lineColumn = /line (\d+) column (\d+)/.exec(detail);
    const place = position ? pointAt(value, Number(position[1])) : lineColumn ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } : { line: 1, column: 1 };
    report(file, 'locale-invalid-json', { params: { detail: detail.replace(/\s*\(line \d+ column \d+\)/, '') }, place });
  }
  return undefined;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Key paths of a resource tree; plural keys (`x_one`, `x_other`) collapse to `x` with a marker. */
function keyPaths(tree: Resource, prefix: string[] = []): Map<string, { path: string[]; plural: boolean }> {
  const keys = new Map<string, { path: string[]; plural: boolean }>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') {
      const base = key.replace(PLURAL, '');
      const plural = base !== key;
      keys.set([...prefix, base].join('.'), { path: [...prefix, base], plural });
    } else for (const [k, v] of keyPaths(value, [...prefix, key])) keys.set(k, v);
  }
  return keys;
}

function lookup(tree: Resource, keyPath: readonly string[]): Resource | string | undefined {
  let node: Resource | string | undefined = tree;
  for (const key of keyPath) node = typeof node === 'object' ? node[key] : undefined;
  return node;
}

/** Keys of the English resource missing from `tree` (a plural needs every category of the language's plural rules). */
export function missingKeys(english: Resource, tree: Resource, lng: string): string[] {
  const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  const missing: string[] = [];
  for (const [name, { path: keyPath, plural }] of keyPaths(english)) {
    const parent = lookup(tree, keyPath.slice(0, -1));
    const leaf = keyPath[keyPath.length - 1]!;
    if (!plural) {
      if (typeof (typeof parent === 'object' ? parent[leaf] : undefined) !== 'string') missing.push(name);
      continue;
    }
    for (const category of categories) {
      if (typeof (typeof parent === 'object' ? parent[`${leaf}_${category}`] : undefined) !== 'string') missing.push(`${name}_${category}`);
    }
  }
  return missing;
}

/** Offset of the deepest existing object on `keyPath` in the JSON text (JSON is YAML, and `yaml` keeps ranges). */
function parentOffset(value: string, keyPath: readonly string[]): number | undefined {
  let node: YamlNode | null | undefined = parseDocument(value).contents as YamlNode | null;
  let offset: number | undefined = node?.range?.[0];
  for (const key of keyPath.slice(0, -1)) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (!pair || !isScalar(pair.key)) break;
    offset = pair.key.range?.[0] ?? offset;
    node = pair.value as YamlNode | null;
  }
  return offset;
}

/** Report every key of the English locale missing from another locale, at the parent object in its file. */
export function checkLocales(locales: Locales): void {
  const english = locales.resources[SOURCE_LANG] ?? {};
  for (const file of locales.files) {
    const [lng, name] = (file.path ?? '').split(path.sep).slice(-2);
    if (!lng || !name || lng === SOURCE_LANG) continue;
    const ns = name.slice(0, -'.json'.length);
    const tree = locales.resources[lng]?.[ns];
    if (!tree) continue; // invalid JSON, already reported
    const value = String(file.value);
    for (const key of missingKeys(english[ns] ?? {}, tree, lng)) {
      const offset = parentOffset(value, key.split('.'));
      report(file, 'locale-missing-key', {
        params: { key, ns, lng },
        place: offset === undefined ? { line: 1, column: 1 } : pointAt(value, offset),
      });
    }
  }
  for (const [lng, byNs] of Object.entries(locales.resources)) {
    if (lng === SOURCE_LANG) continue;
    for (const ns of Object.keys(english)) {
      if (byNs[ns]) continue;
      const file = new VFile({ path: path.join(path.relative(locales.cwd, locales.dir), lng, `${ns}.json`) });
      report(file, 'locale-missing-key', { params: { key: '(every key)', ns, lng }, place: { line: 1, column: 1 } });
      locales.files.push(file);
    }
  }
}

/** `bitext check` over the locales folder (`--locales`, default `locales/` of the working directory when it exists). */
export const localesCheck: Check = {
  id: 'locales',
  description: 'every locale has every key of the English one, and is valid JSON',
  run(_corpus, options) {
    const dir = options.localesDir ?? path.join(options.cwd, 'locales');
    if (!existsSync(dir)) return;
    const locales = loadLocales(dir, options.cwd);
    checkLocales(locales);
    options.files?.push(...locales.files.filter((file) => file.messages.length > 0));
  },
};
