/**
 * The per-person check behind a reply: from the person's sanctions (with their impact
 * ends) and pending matters, as of the reply date and for the request's purpose, propose
 * a conclusion category and its wording. Pure: the handlers feed it what the registers hold.
 */
import { chineseDate, type IsoDate } from '../shared/dates';
import type { PendingMatter } from '../pendingMatters/contract';
import { PENDING_KIND_LABELS } from '../pendingMatters/contract';
import type { Sanction } from '../sanctions/contract';
import { barsOn, describeEnd } from '../sanctions/impactPeriod';
import { CATEGORY_LABELS } from '../sanctions/kinds';
import type { Conclusion, Findings, Purpose } from './contract';

export interface Proposal {
  category: Conclusion;
  wording: string;
  findings: Findings;
}

/** 评先评优 is judged on the commendation bar; every other purpose on the promotion bar. */
export const usesCommendationBar = (purpose: Purpose) => purpose === '评先评优';

/** What "barred" means in words, per purpose. */
function barredPhrase(purpose: Purpose): string {
  switch (purpose) {
    case '评先评优':
      return '不宜评先评优';
    case '职级晋升':
      return '不宜晋升职级';
    case '换届提名':
      return '不宜作为换届人选';
    case '后备':
      return '不宜列为后备干部';
    case '进一步使用':
      return '不宜进一步使用';
    default:
      return '不宜提拔';
  }
}

const clearPhrase = (purpose: Purpose) => (purpose === '评先评优' ? '暂未发现违反廉洁纪律问题' : '未发现影响提拔使用的问题');

export function proposeConclusion(sanctions: readonly Sanction[], pending: readonly PendingMatter[], purpose: Purpose, asOf: IsoDate): Proposal {
  const commendation = usesCommendationBar(purpose);
  const inForce = sanctions.filter((s) => s.status !== '已撤销' && s.effectiveDate <= asOf);
  const findings: Findings = {
    asOf,
    purpose,
    sanctions: inForce.map((s) => {
      const end = commendation ? s.commendationEnd : s.promotionEnd;
      return {
        sanctionId: s.id,
        label: `${CATEGORY_LABELS[s.category]}·${s.type}`,
        effectiveDate: s.effectiveDate,
        end,
        barring: barsOn(end, asOf),
      };
    }),
    pending: pending
      .filter((p) => p.status === '在办' && p.receivedDate <= asOf)
      .map((p) => ({ id: p.id, kind: p.kind, receivedDate: p.receivedDate, summary: p.summary, source: p.source })),
  };

  const barring = findings.sanctions.filter((f) => f.barring);
  if (barring.length) {
    // The stricter (latest-ending) bar is the one cited.
    const worst = [...barring].sort((a, b) => endKey(b.end) - endKey(a.end))[0]!;
    const which = inForce.find((s) => s.id === worst.sanctionId)!;
    const more = barring.length > 1 ? `等${barring.length}项处分（处理）` : '';
    return {
      category: 'barred',
      wording: `该同志于${chineseDate(worst.effectiveDate)}受到${sanctionPhrase(which.category, which.type)}${more}，处于影响期内（至${describeEnd(worst.end)}），${barredPhrase(purpose)}。`,
      findings,
    };
  }
  if (findings.pending.length) {
    const kinds = [...new Set(findings.pending.map((p) => PENDING_KIND_LABELS[p.kind]))].join('、');
    return { category: 'pending', wording: `有反映问题正在核查（${kinds}），建议暂缓。`, findings };
  }
  const past = inForce.map((s) => `${chineseDate(s.effectiveDate)}受到${sanctionPhrase(s.category, s.type)}，影响期已满`);
  return {
    category: 'clear',
    wording: past.length ? `${clearPhrase(purpose)}。该同志曾于${past.join('；')}。` : `${clearPhrase(purpose)}。`,
    findings,
  };
}

/** How a reply names a sanction: 党内警告处分, 政务记过处分, 调整职务处理, 诫勉. */
export function sanctionPhrase(category: Sanction['category'], type: string): string {
  switch (category) {
    case 'party':
      return type === '警告' || type === '严重警告' ? `党内${type}处分` : `${type}处分`;
    case 'government':
      return `政务${type}处分`;
    case 'organizational':
      return `${type}处理`;
    case 'admonition':
      return '诫勉';
  }
}

function endKey(end: Findings['sanctions'][number]['end']): number {
  if (end === 'permanent') return Number.MAX_SAFE_INTEGER;
  if (end === null) return 0;
  return Number(end.replaceAll('-', ''));
}
