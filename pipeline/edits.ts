/**
 * Fixes are data: a check proposes `{start, end, text}` edits on a file's
 * value; one fixer applies them from the end backwards and skips overlaps
 * (the shape of textlint's source-code-fixer). A translator's file is never
 * re-serialised: everything outside the edited ranges stays byte for byte.
 */

export interface Edit {
  /** Offsets into the original value, half-open. */
  start: number;
  end: number;
  text: string;
  /** Why, for reports (e.g. the rule id). */
  reason?: string;
}

export interface EditResult {
  output: string;
  applied: Edit[];
  /** Edits left out because they overlap an edit applied before them. */
  skipped: Edit[];
}

/** Apply non-overlapping edits to `value`; overlapping ones are skipped and returned. */
export function applyEdits(value: string, edits: readonly Edit[]): EditResult {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: Edit[] = [];
  const skipped: Edit[] = [];
  let lastEnd = -1;
  for (const edit of ordered) {
    if (edit.start < 0 || edit.end > value.length || edit.start > edit.end || edit.start < lastEnd) skipped.push(edit);
    else {
      applied.push(edit);
      lastEnd = edit.end;
    }
  }
  let output = value;
  for (let i = applied.length - 1; i >= 0; i--) {
    const edit = applied[i]!;
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  }
  return { output, applied, skipped };
}
