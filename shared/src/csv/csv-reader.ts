/**
 * An RFC 4180 CSV reader that takes its text in pieces: quoted fields with embedded commas,
 * doubled quotes and line breaks, CRLF or LF (or a lone CR) line ends, a UTF-8 byte-order mark
 * at the start, an optional line break after the last record. Each record carries the 1-based
 * file line it starts on, so an error report can name the line a spreadsheet user sees.
 *
 * Input that RFC 4180 does not allow is read anyway, the way a person meant it, and the record
 * is marked with a `problem`: a quote inside an unquoted field, text after a closing quote, a
 * quoted field that never closes. Blank lines are skipped.
 */

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
  /** Set when the record breaks RFC 4180 (the fields are the lenient reading). */
  problem?: string;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Line breaks inside a text: LF, CRLF and a lone CR each count once. */
function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n += 1;
  }
  return n;
}

interface Scan {
  records: CsvRecord[];
  /** Index of the first character not consumed (the start of an unfinished record). */
  rest: number;
  nextLine: number;
}

/**
 * Reads every complete record of `text`. Unless `final`, a record that may continue in the next
 * piece (no line end yet, an open quote, a CR that may be half of a CRLF) is left unconsumed.
 */
function scan(text: string, firstLine: number, final: boolean): Scan {
  const records: CsvRecord[] = [];
  const n = text.length;
  let pos = 0;
  let line = firstLine;
  const carry = (startPos: number, startLine: number): Scan => ({ records, rest: startPos, nextLine: startLine });
  while (pos < n) {
    const startPos = pos;
    const startLine = line;
    const fields: string[] = [];
    let problem: string | undefined;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        let i = pos + 1;
        let segStart = i;
        value = '';
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            if (!final) return carry(startPos, startLine);
            value += text.slice(segStart);
            problem ??= 'a quoted field is never closed';
            pos = n;
            break;
          }
          if (q + 1 === n && !final) return carry(startPos, startLine);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(segStart, q + 1);
            i = q + 2;
            segStart = i;
            continue;
          }
          value += text.slice(segStart, q);
          pos = q + 1;
          break;
        }
        line += lineBreaks(value);
        if (pos < n) {
          const c = text.charCodeAt(pos);
          if (c !== COMMA && c !== CR && c !== LF) {
            problem ??= 'text follows a closing quote';
            let end = pos;
            while (end < n && ![COMMA, CR, LF].includes(text.charCodeAt(end))) end += 1;
            value += text.slice(pos, end);
            pos = end;
          }
        }
      } else {
        let end = pos;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE) problem ??= 'a quote appears inside a field that does not start with one';
          end += 1;
        }
        value = text.slice(pos, end);
        pos = end;
      }
      fields.push(value);
      if (pos >= n) {
        if (!final) return carry(startPos, startLine);
        break;
      }
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos += 1;
        if (pos >= n) {
          if (!final) return carry(startPos, startLine);
          fields.push('');
          break;
        }
        continue;
      }
      if (c === CR) {
        if (pos + 1 >= n && !final) return carry(startPos, startLine);
        pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else pos += 1;
      line += 1;
      break;
    }
    const blank = fields.length === 1 && fields[0] === '' && problem === undefined;
    if (!blank) records.push(problem === undefined ? { line: startLine, fields } : { line: startLine, fields, problem });
  }
  return { records, rest: pos, nextLine: line };
}

/** Reads a CSV document given in pieces: `push` each piece, then `end`. */
export class CsvReader {
  private buffer = '';
  private line = 1;
  private started = false;
  private ended = false;

  /** The records completed by this piece (a record split across pieces comes with a later one). */
  push(piece: string): CsvRecord[] {
    if (this.ended) throw new Error('CsvReader.push after end');
    let text = piece;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const whole = this.buffer + text;
    const result = scan(whole, this.line, false);
    this.buffer = whole.slice(result.rest);
    this.line = result.nextLine;
    return result.records;
  }

  /** The last record, if the document did not end with a line break. */
  end(): CsvRecord[] {
    if (this.ended) return [];
    this.ended = true;
    const result = scan(this.buffer, this.line, true);
    this.buffer = '';
    return result.records;
  }
}

/** Reads a whole CSV document at once. */
export function readCsv(text: string): CsvRecord[] {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
}
