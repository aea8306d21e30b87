/** A strict parser for our CSV (every cell quoted, "" for a quote, CRLF between rows). */
export function parseCsv(src: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < src.length) {
    const row: string[] = [];
    for (;;) {
      if (src[i] !== '"') throw new Error(`cell at ${i} is not quoted`);
      let cell = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error('unterminated cell');
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += src[i++];
      }
      row.push(cell);
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (src.startsWith('\r\n', i)) {
        i += 2;
        break;
      }
      if (i >= src.length) break;
      throw new Error(`unexpected ${JSON.stringify(src[i])} at ${i}`);
    }
    rows.push(row);
  }
  return rows;
}
