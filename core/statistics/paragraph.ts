/**
 * 报告段落: the period's numbers in a short paragraph worded like the annual report
 * (../shared/seed: “全年为受到不实举报者澄清正名*人次……”), for the clerk to copy.
 * Pure: the renderer builds it from the report it already shows.
 */
import { parseDate } from '../shared/dates';
import type { StatisticsReport } from './contract';

/** “2025年” for a calendar year, “2025年1月1日至6月30日” otherwise. */
export function periodText(from: string, to: string): string {
  const a = parseDate(from);
  const b = parseDate(to);
  if (a.y === b.y && a.m === 1 && a.d === 1 && b.m === 12 && b.d === 31) return `${a.y}年`;
  const start = `${a.y}年${a.m}月${a.d}日`;
  const end = a.y === b.y ? `${b.m}月${b.d}日` : `${b.y}年${b.m}月${b.d}日`;
  return `${start}至${end}`;
}

export function reportParagraph(report: StatisticsReport): string {
  const n = (key: keyof StatisticsReport['metrics']) => report.metrics[key].value;
  const period = periodText(report.from, report.to);
  const whole = /^\d+年$/.test(period) ? '全年' : '期间';
  return [
    `${period}，共查办问题线索${n('matters.leads')}件，立案${n('matters.cases')}件，党纪政务处分${n('sanctions.partyGovernmentPeople')}人，“第一种形态”处理${n('sanctions.firstFormPeople')}人。`,
    `制发《廉洁提醒函》${n('reminders.addressees')}份，组织党员干部签订承诺书${n('pledges.signed')}份，制发“两函一书”${n('reminders.twoLettersOneBook')}份。`,
    `审慎规范出具廉政意见回复${n('replies.persons')}人次。`,
    `${whole}为受到不实举报者澄清正名${n('clearances.count')}人次，对受处分人员暖心回访${n('revisits.count')}人次。`,
  ].join('');
}
