// Each section returns a titled table; this prints it for the terminal (cli-table3) and as Markdown for the README.
import Table from 'cli-table3';

export interface BenchTable {
  title: string;
  head: string[];
  rows: (string | number)[][];
  notes?: string[];
}

export function printTable(table: BenchTable): void {
  const out = new Table({ head: table.head, style: { head: [], border: [] } });
  for (const row of table.rows) out.push(row.map(String));
  console.log(`\n${table.title}\n${out.toString()}`);
  for (const note of table.notes ?? []) console.log(`  ${note}`);
}

export function toMarkdown(table: BenchTable): string {
  const escape = (cell: string | number) => String(cell).replace(/\|/g, '\\|');
  const lines = [
    `### ${table.title}`,
    '',
    `| ${table.head.map(escape).join(' | ')} |`,
    `| ${table.head.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  if (table.notes?.length) lines.push('', ...table.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
