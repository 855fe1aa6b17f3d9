/** A malformed CSV (a stray or unclosed quote); the message names the line. */
export class CsvSyntaxError extends Error {}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * A CSV reader for the import templates, written for speed rather than generality (csv-parse took
 * 10–20 µs a row, more than validating and writing it): records end at CRLF, LF or CR outside quotes;
 * a field is either unquoted (trimmed; a quote inside it is an error, as in csv-parse) or quoted with
 * "" for a quote, spaces around the quotes allowed; lines holding only whitespace are skipped.
 * `next(max)` returns up to `max` more records, so a caller can give the event loop a turn between
 * batches; an empty array means the text is done.
 */
export class CsvReader {
  private pos = 0;
  private line = 1;
  /** Whether the last record's last field was quoted: a line holding only "" is a record, not a blank line. */
  private lastQuoted = false;
  private readonly delimiter: number;

  constructor(
    private readonly text: string,
    delimiter: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  next(max: number): string[][] {
    const records: string[][] = [];
    while (records.length < max && this.pos < this.text.length) {
      const record = this.record();
      if (record.length > 1 || record[0] !== '' || this.lastQuoted) records.push(record);
    }
    return records;
  }

  /** One record from `pos`, leaving `pos` after its line end. */
  private record(): string[] {
    const { text, delimiter } = this;
    const end = text.length;
    const fields: string[] = [];
    let p = this.pos;
    this.lastQuoted = false;
    for (;;) {
      while (p < end && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
      let c = p < end ? text.charCodeAt(p) : -1;
      if (c === QUOTE) {
        const startLine = this.line;
        let value = '';
        let from = p + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) throw new CsvSyntaxError(`a quoted value opened on line ${startLine} is never closed`);
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
          } else {
            p = close + 1;
            break;
          }
        }
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) this.line++;
        fields.push(value);
        this.lastQuoted = true;
        while (p < end && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
        c = p < end ? text.charCodeAt(p) : -1;
        if (c !== delimiter && c !== CR && c !== LF && c !== -1) {
          throw new CsvSyntaxError(`line ${this.line}: "${text[p]}" after a closing quote; a quoted value must be followed by the delimiter or the end of the line`);
        }
      } else {
        const start = p;
        while (c !== delimiter && c !== CR && c !== LF && c !== -1) {
          if (c === QUOTE) throw new CsvSyntaxError(`line ${this.line}: a quote inside an unquoted value; quote the whole value and double the quotes in it`);
          c = ++p < end ? text.charCodeAt(p) : -1;
        }
        fields.push(text.slice(start, p).trim());
      }
      if (c === delimiter) {
        p++;
        continue;
      }
      if (c === CR) p++;
      if (p < end && text.charCodeAt(p) === LF && (c === LF || c === CR)) p++;
      this.line++;
      this.pos = p;
      return fields;
    }
  }
}
