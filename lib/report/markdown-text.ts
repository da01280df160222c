/** Markdown building blocks of the report: tables, code spans, escaped text, numbers and money. */

/** `—`: an empty cell. */
export const NONE = '—';

/** `3 jobs`, `1 job`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A Markdown table; cells are escaped for the pipe and line breaks. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)];
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** An inline code span that holds any text (backticks included). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain text that Markdown would otherwise format (`*`, `<`, `[`, an `_` that starts or ends a word, ...). */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*[\]<>]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (match) => match.replace('_', '\\_'));
}

/** A number with thousands separators and at most `digits` decimals (the same on every machine). */
export function amount(value: number, digits = 2): string {
  const [whole, fraction] = (Math.round(value * 10 ** digits) / 10 ** digits).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction?.replace(/0+$/, '');
  return trimmed ? `${grouped}.${trimmed}` : grouped;
}

/** A price: `$1,234.50` in USD, `1,234.50 EUR` otherwise. */
export function money(value: number | undefined, currency: string): string {
  if (value === undefined) return NONE;
  const [whole, fraction] = value.toFixed(2).split('.');
  const text = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
  return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
}

