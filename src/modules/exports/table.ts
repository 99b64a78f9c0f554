import ExcelJS from 'exceljs';

/** How a column's values are written. */
export type ColumnKind = 'text' | 'integer' | 'money';

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters in the spreadsheet. */
  width: number;
}

/**
 * What every export is before it is written: title lines, Vietnamese column
 * headers, rows of values (dates already dd/MM/yyyy text, amounts whole
 * đồng), and an optional total line.
 */
export interface Table {
  /** The sheet's name (at most 31 characters) and the base of the file name. */
  name: string;
  title: string[];
  columns: TableColumn[];
  rows: (string | number | null)[][];
  total?: (string | number | null)[];
}

/** The table as an XLSX workbook: title lines merged across, a bold header, amounts as #,##0 numbers. */
export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua-api';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  const width = table.columns.length;
  for (const line of table.title) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.font = { bold: true, size: 13 };
    row.alignment = { horizontal: 'center' };
  }
  if (table.title.length) sheet.addRow([]);
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  table.columns.forEach((column, i) => {
    const cell = sheet.getColumn(i + 1);
    cell.width = column.width;
    if (column.kind === 'money') cell.numFmt = '#,##0';
  });
  for (const values of table.rows) sheet.addRow(values);
  if (table.total) sheet.addRow(table.total).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The table as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel
 * reads Vietnamese correctly), commas, CRLF, every text field quoted; the
 * title lines are left out so that every line is a record.
 */
export function toCsv(table: Table): string {
  const line = (values: (string | number | null)[]) =>
    values
      .map((value) =>
        value === null
          ? ''
          : typeof value === 'number'
            ? String(value)
            : `"${value.replace(/"/g, '""')}"`,
      )
      .join(',');
  const lines = [line(table.columns.map((c) => c.header)), ...table.rows.map(line)];
  if (table.total) lines.push(line(table.total));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
