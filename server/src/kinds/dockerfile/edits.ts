// Minimal text edits for Dockerfile quick fixes: they keep the user's formatting, continuations,
// comments and line endings.
import type { FileEdit } from '../../engine/types';
import type { DInstruction, DockerModel } from './model';

export function replaceEdit(model: DockerModel, start: number, end: number, newText: string): FileEdit {
  return { file: model.file, range: model.range(start, end), newText };
}

export function insertEdit(model: DockerModel, at: number, newText: string): FileEdit {
  return { file: model.file, range: model.range(at, at), newText };
}

/**
 * Deletes a word (or flag) and one run of blanks next to it: the blanks after it when it is
 * followed by more text on the line, else the blanks before it.
 */
export function deleteWordEdit(model: DockerModel, start: number, end: number): FileEdit {
  const t = model.text;
  let j = end;
  while (j < t.length && (t[j] === ' ' || t[j] === '\t')) j++;
  if (j > end && j < t.length && t[j] !== '\n' && t[j] !== '\r') return replaceEdit(model, start, j, '');
  let k = start;
  while (k > 0 && (t[k - 1] === ' ' || t[k - 1] === '\t')) k--;
  if (k < start && k > 0 && t[k - 1] !== '\n' && t[k - 1] !== '\r') return replaceEdit(model, k, end, '');
  return replaceEdit(model, start, end, '');
}

/** Deletes whole lines [from the line of `start` … the line of `end`], line breaks included. */
export function deleteLinesEdit(model: DockerModel, start: number, end: number): FileEdit {
  const idx = model.index;
  const first = idx.positionAt(start).line;
  const last = idx.positionAt(Math.max(start, end - 1)).line;
  const a = idx.lineStarts[first];
  let b = idx.lineBreakEnd(last);
  if (b === model.text.length && a > 0 && idx.lineEnd(last) === b) {
    // Last line without a trailing break: remove the break before it instead.
    return replaceEdit(model, idx.lineEnd(first - 1), b, '');
  }
  if (b < a) b = a;
  return replaceEdit(model, a, b, '');
}

/** Deletes an instruction (all its lines). */
export function deleteInstructionEdit(model: DockerModel, instr: DInstruction): FileEdit {
  return deleteLinesEdit(model, instr.start, instr.end);
}

/** Indentation of the line holding `offset`. */
export function indentAt(model: DockerModel, offset: number): string {
  const line = model.index.positionAt(offset).line;
  return /^[ \t]*/.exec(model.index.lineText(line))![0];
}

/** Inserts a new line (with the file's line ending and the instruction's indentation) before an instruction. */
export function insertLineBeforeEdit(model: DockerModel, instr: DInstruction, lineText: string): FileEdit {
  const idx = model.index;
  const line = idx.positionAt(instr.start).line;
  const at = idx.lineStarts[line];
  return insertEdit(model, at, indentAt(model, instr.start) + lineText + idx.eol);
}

/** Inserts a new line after an instruction (after its last line). */
export function insertLineAfterEdit(model: DockerModel, instr: DInstruction, lineText: string): FileEdit {
  const idx = model.index;
  const last = idx.positionAt(Math.max(instr.start, instr.end - 1)).line;
  const lineEnd = idx.lineEnd(last);
  return insertEdit(model, lineEnd, idx.eol + indentAt(model, instr.start) + lineText);
}
