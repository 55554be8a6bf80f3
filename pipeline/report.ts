/**
 * Reporters: the one place that turns vfile messages into text, JSON or
 * GitHub Actions annotations. Stages never print.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { relatedPlace, severityOf, type Severity } from './rules.js';

export type Format = 'text' | 'json' | 'github';

export interface JsonMessage {
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  severity: Severity;
  ruleId: string | null;
  message: string;
  hint: string | null;
  /** `file:line:column` of the matching place in the other language, if any. */
  related: string | null;
}

export interface JsonReport {
  files: { path: string; messages: JsonMessage[] }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

/** Messages of a file sorted by place, then rule id. */
function sorted(file: VFile): VFileMessage[] {
  return [...file.messages].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || String(a.ruleId).localeCompare(String(b.ruleId)),
  );
}

function toJson(message: VFileMessage): JsonMessage {
  return {
    line: message.line ?? 1,
    column: message.column ?? 1,
    endLine: message.place && 'end' in message.place ? message.place.end.line : null,
    endColumn: message.place && 'end' in message.place ? message.place.end.column : null,
    severity: severityOf(message),
    ruleId: message.ruleId ?? null,
    message: message.reason,
    hint: message.note ?? null,
    related: relatedPlace(message) ?? null,
  };
}

/** The machine-readable report of `files`. */
export function jsonReport(files: readonly VFile[]): JsonReport {
  const out: JsonReport = { files: [], summary: { files: files.length, errors: 0, warnings: 0, infos: 0 } };
  for (const file of files) {
    const messages = sorted(file).map(toJson);
    for (const m of messages) {
      if (m.severity === 'error') out.summary.errors++;
      else if (m.severity === 'warning') out.summary.warnings++;
      else out.summary.infos++;
    }
    if (messages.length > 0) out.files.push({ path: file.path, messages });
  }
  return out;
}

/** Escape for GitHub workflow commands (data and properties). */
function escapeGithub(value: string, property = false): string {
  let out = value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

/** Render the messages of `files` in `format`. */
export function formatReport(files: readonly VFile[], format: Format): string {
  const report = jsonReport(files);
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const lines: string[] = [];
  for (const file of report.files) {
    for (const m of file.messages) {
      if (format === 'github') {
        const level = m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'notice';
        const props = [`file=${file.path}`, `line=${m.line}`, `col=${m.column}`];
        if (m.endLine !== null) props.push(`endLine=${m.endLine}`);
        if (m.endColumn !== null && m.endLine === m.line) props.push(`endColumn=${m.endColumn}`);
        props.push(`title=${m.ruleId ?? 'bitext'}`);
        const body = m.related ? `${m.message} (see ${m.related})` : m.message;
        lines.push(`::${level} ${props.map((p) => escapeGithub(p, true)).join(',')}::${escapeGithub(body)}`);
      } else {
        const related = m.related ? ` (see ${m.related})` : '';
        lines.push(`${file.path}:${m.line}:${m.column} ${m.severity} ${m.message}${related} ${m.ruleId ?? ''}`.trimEnd());
      }
    }
  }
  if (format === 'text') {
    const { errors, warnings, infos } = report.summary;
    const info = infos > 0 ? `, ${infos} info` : '';
    lines.push(`${report.summary.files} file(s) checked: ${errors} error(s), ${warnings} warning(s)${info}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** Whether any message of `files` has error severity. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((m) => m.fatal === true));
}
