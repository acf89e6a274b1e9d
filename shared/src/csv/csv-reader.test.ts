import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from '../reports/csv.js';
import { CsvReader, readCsv } from './csv-reader.js';

const fieldsOf = (text: string): string[][] => readCsv(text).map((r) => r.fields);

describe('readCsv', () => {
  it.each([
    ['plain fields with CRLF', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['LF line ends and no final line break', 'a,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['a lone CR as a line end', 'a\rb', [['a'], ['b']]],
    ['quoted fields with commas, doubled quotes and line breaks', '"x, y","say ""hi""","two\r\nlines"\r\n', [['x, y', 'say "hi"', 'two\r\nlines']]],
    ['empty fields, quoted and not', ',"",\r\n', [['', '', '']]],
    ['a byte-order mark before the header', '\uFEFFsku,name\r\n', [['sku', 'name']]],
    ['blank lines, which are skipped', 'a\r\n\r\nb\r\n\r\n', [['a'], ['b']]],
    ['a trailing comma as a last empty field', 'a,', [['a', '']]],
  ])('reads %s', (_label, text, rows) => {
    expect(fieldsOf(text)).toEqual(rows);
  });

  it('numbers each record by the file line it starts on, counting line breaks inside quotes', () => {
    const records = readCsv('h1,h2\r\n"multi\nline",x\r\nnext,y\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it.each([
    ['a quote inside an unquoted field', 'ab"c,d\n', 'a quote appears inside a field that does not start with one'],
    ['text after a closing quote', '"ab"c,d\n', 'text follows a closing quote'],
    ['a quoted field that never closes', 'a,"open\nmore', 'a quoted field is never closed'],
  ])('marks %s as a problem and reads it leniently', (_label, text, problem) => {
    const [record] = readCsv(text);
    expect(record?.problem).toBe(problem);
  });

  it('gives the same records whichever way the text is cut into pieces', () => {
    const text = '\uFEFFsku,name\r\n"A,1","x ""q""\r\ny"\r\nB,z\nC,"w"\r\n';
    const whole = readCsv(text);
    for (let cut = 0; cut <= text.length; cut += 1) {
      const reader = new CsvReader();
      const got = [...reader.push(text.slice(0, cut)), ...reader.push(text.slice(cut)), ...reader.end()];
      expect(got, `cut at ${cut}`).toEqual(whole);
    }
  });
});

describe('round trip with the CSV writer', () => {
  // Text with the characters that need quoting; no leading formula signs (the writer guards those).
  const field = fc.stringMatching(/^[a-zA-Z0-9 ,"\r\n₹]{0,12}$/).filter((s) => !/^[=+\-@\t\r]/.test(s));
  const table = fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));

  it('reads back every generated table the writer wrote, in pieces of any size', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 40 }), (rows, size) => {
        // A row of one empty field is a blank line, which a reader skips by design.
        const kept = rows.filter((r) => !(r.length === 1 && r[0] === ''));
        const text = kept.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
        const reader = new CsvReader();
        const got = [];
        for (let i = 0; i < text.length; i += size) got.push(...reader.push(text.slice(i, i + size)));
        got.push(...reader.end());
        expect(got.map((r) => r.fields)).toEqual(kept);
        expect(got.every((r) => r.problem === undefined)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
