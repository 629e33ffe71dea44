import type { HandlerMap } from '../host/handler';
import { localIsoDate } from '../shared/dates';
import { exportSheet } from './exportLists';
import { toCsv, toXlsx } from './sheet';
import { visibleRows } from '../recusal/hidden';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const exchangeHandlers: HandlerMap<'exports.list'> = {
  'exports.list': async (input, ctx) => {
    const { fileTitle, sheet } = await exportSheet(input, ctx);
    let rows = 0;
    const counted = {
      ...sheet,
      rows: (function* () {
        // Rows about persons this account is recused from (回避) are left out (core/recusal).
        for (const row of visibleRows(sheet.rows)) {
          rows++;
          yield row;
        }
      })(),
    };
    const bytes = input.format === 'xlsx' ? await toXlsx([counted]) : toCsv(counted);
    return {
      fileName: `${fileTitle}_${localIsoDate(ctx.now())}.${input.format}`,
      mime: input.format === 'xlsx' ? XLSX_MIME : 'text/csv;charset=utf-8',
      contentBase64: bytes.toString('base64'),
      rows,
    };
  },
};
