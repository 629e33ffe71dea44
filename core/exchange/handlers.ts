import type { HandlerMap } from '../host/handler';
import { localIsoDate } from '../shared/dates';
import { exportSheet } from './exportLists';
import { toCsv, toXlsx } from './sheet';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const exchangeHandlers: HandlerMap<'exports.list'> = {
  'exports.list': async (input, ctx) => {
    const { fileTitle, sheet } = await exportSheet(input, ctx);
    const rows = Array.isArray(sheet.rows) ? sheet.rows.length : 0;
    const bytes = input.format === 'xlsx' ? await toXlsx([sheet]) : toCsv(sheet);
    return {
      fileName: `${fileTitle}_${localIsoDate(ctx.now())}.${input.format}`,
      mime: input.format === 'xlsx' ? XLSX_MIME : 'text/csv;charset=utf-8',
      contentBase64: bytes.toString('base64'),
      rows,
    };
  },
};
