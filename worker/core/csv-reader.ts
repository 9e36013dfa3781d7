// Reading CSV (RFC 4180): quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF or LF, a
// leading byte-order mark. Strict where a lenient reader would guess: a stray quote is an error naming its line.

export interface CsvRecord {
  /** the line (1-based) the record starts on, as a spreadsheet or editor numbers it */
  line: number;
  fields: string[];
}

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Records in order. Blank lines are skipped, a final line break ends the last record, and a record may have any
 * number of fields (the caller checks them against its header). `maxRecords` stops early with an error.
 */
export function readCsv(input: string, options: { maxRecords?: number } = {}): CsvRead {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const max = options.maxRecords ?? Infinity;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  /** Past a line break at i (CRLF, LF or a lone CR), counting the line. */
  const skipBreak = () => {
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
  };
  const isBreak = (c: number) => c === CR || c === LF;

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    // One record: fields separated by commas, up to a line break outside quotes or the end of the text.
    for (;;) {
      let field = "";
      if (text.charCodeAt(i) === QUOTE) {
        const opened = line;
        i++;
        for (;;) {
          if (i >= n) return { ok: false, line: opened, message: "a quoted field is never closed (a \" is missing)" };
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (isBreak(c)) {
            const from = i;
            skipBreak();
            field += text.slice(from, i);
            continue;
          }
          field += text[i++];
        }
        const after = text.charCodeAt(i);
        if (i < n && after !== COMMA && !isBreak(after)) {
          return { ok: false, line, message: "text after a closing quote (quote the whole field and double any \" inside it)" };
        }
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || isBreak(c)) break;
          if (c === QUOTE) return { ok: false, line, message: "a \" inside an unquoted field (quote the whole field and double the \")" };
          i++;
        }
        field = text.slice(from, i);
      }
      fields.push(field);
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      if (i < n) skipBreak();
      break;
    }
    if (fields.length === 1 && fields[0] === "") continue;
    if (records.length >= max) return { ok: false, line: start, message: `more than ${max} rows` };
    records.push({ line: start, fields });
  }
  return { ok: true, records };
}
