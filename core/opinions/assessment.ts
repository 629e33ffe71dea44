/**
 * The per-person check behind a reply: from the person's sanctions (with every bar they
 * set) and pending matters, as they stood on the reply date and for the request's purpose,
 * propose a conclusion and its wording. Pure: the handlers feed it what the registers hold.
 *
 * The wording is true for the purpose asked: a bar that ended says so, a bar still running
 * for another purpose is named (never "已满"), a barred proposal with an open case says
 * both, and a permanent bar does not read "至长期".
 */
import { chineseDate, compareDates, type IsoDate } from '../shared/dates';
import type { PendingMatter } from '../pendingMatters/contract';
import { PENDING_KIND_LABELS } from '../pendingMatters/contract';
import { openOn } from '../pendingMatters/stateOn';
import { COMMENDATION_READING_RULE, DEFAULT_IMPACT_SETTINGS, type CommendationReading } from '../sanctions/commendationReadings';
import type { Sanction } from '../sanctions/contract';
import { barsOn, measureInForceOn, type ComputedBar, type ImpactEnd } from '../sanctions/impactPeriod';
import { CATEGORY_LABELS } from '../sanctions/kinds';
import type { Conclusion, Findings, Purpose } from './contract';

export interface Proposal {
  category: Conclusion;
  wording: string;
  findings: Findings;
}

/** 评先评优 is judged on the commendation end (per the office's reading); every other purpose on the career bars. */
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

/** What the purpose is called in a sentence ("其对评先评优的影响已于…结束"). */
function purposeWords(purpose: Purpose): string {
  switch (purpose) {
    case '评先评优':
      return '评先评优';
    case '职级晋升':
      return '职级晋升';
    default:
      return '提拔使用';
  }
}

const clearPhrase = (purpose: Purpose) => (purpose === '评先评优' ? '暂未发现违反廉洁纪律问题' : '未发现影响提拔使用的问题');

const endPhrase = (end: ImpactEnd) => (end && end !== 'permanent' ? `至${chineseDate(end)}` : '');

/** The bars of a record that still run on `asOf`. */
const runningBars = (s: Sanction, asOf: IsoDate) => s.computed.bars.filter((b) => barsOn(b.end, asOf));

export function proposeConclusion(
  sanctions: readonly Sanction[],
  pending: readonly PendingMatter[],
  purpose: Purpose,
  asOf: IsoDate,
  reading: CommendationReading = DEFAULT_IMPACT_SETTINGS.commendationReading,
): Proposal {
  const commendation = usesCommendationBar(purpose);
  const relevantEnd = (s: Sanction) => (commendation ? s.commendationEnd : s.promotionEnd);
  const onRecord = sanctions.filter((s) => s.status !== '已撤销' && compareDates(s.effectiveDate, asOf) <= 0);
  const measures = onRecord.filter((s) => s.computed.measure);
  const periods = onRecord.filter((s) => !s.computed.measure);
  const openMeasures = measures.filter((s) => measureInForceOn(s.effectiveDate, s.computed.measure!, asOf));

  const findings: Findings = {
    asOf,
    purpose,
    commendationReading: reading,
    sanctions: periods.map((s) => {
      const end = relevantEnd(s);
      const barring = barsOn(end, asOf);
      return {
        sanctionId: s.id,
        label: `${CATEGORY_LABELS[s.category]}·${s.type}`,
        effectiveDate: s.effectiveDate,
        end,
        barring,
        ruleVersion: s.computed.ruleVersion,
        // Bars still running on the reply date that this purpose does not turn on (or that outlast it).
        otherBars: barring ? [] : runningBars(s, asOf).map((b) => ({ text: b.text, end: b.end })),
      };
    }),
    measures: openMeasures.map((s) => ({
      sanctionId: s.id,
      label: `${CATEGORY_LABELS[s.category]}·${s.type}`,
      effectiveDate: s.effectiveDate,
    })),
    pending: pending
      .filter((p) => openOn(p, asOf))
      .map((p) => ({ id: p.id, kind: p.kind, receivedDate: p.receivedDate, summary: p.summary, source: p.source })),
  };

  const pendingKinds = [...new Set(findings.pending.map((p) => PENDING_KIND_LABELS[p.kind]))].join('、');
  const measureWords = openMeasures.map((s) => `该同志自${chineseDate(s.effectiveDate)}起停职检查`).join('；');
  const alsoPending = [pendingKinds ? `另有反映问题正在核查（${pendingKinds}）。` : '', measureWords ? `另，${measureWords}。` : ''].join(
    '',
  );

  const barring = periods.filter((s) => barsOn(relevantEnd(s), asOf));
  if (barring.length) {
    // The stricter (latest-ending) bar is the one the sentence turns on; the others are named after it.
    const [worst, ...others] = [...barring].sort((a, b) => endKey(relevantEnd(b)) - endKey(relevantEnd(a)));
    const first = barredSentence(worst!, purpose, asOf, reading);
    const rest = others.map(
      (s) => `${chineseDate(s.effectiveDate)}受到${sanctionPhrase(s.category, s.type)}，影响期${describe(relevantEnd(s))}`,
    );
    return {
      category: 'barred',
      wording: `${first}${barredPhrase(purpose)}。${rest.length ? `此外，该同志还于${rest.join('；于')}。` : ''}${alsoPending}`,
      findings,
    };
  }

  if (findings.pending.length || openMeasures.length) {
    const reasons = [pendingKinds ? `有反映问题正在核查（${pendingKinds}）` : '', measureWords].filter(Boolean).join('；');
    return { category: 'pending', wording: `${reasons}，建议暂缓。`, findings };
  }

  const past = periods.map((s) => pastSentence(s, purpose, asOf));
  return {
    category: 'clear',
    wording: past.length ? `${clearPhrase(purpose)}。该同志曾于${past.join('；')}。` : `${clearPhrase(purpose)}。`,
    findings,
  };
}

const describe = (end: ImpactEnd) => (end === 'permanent' ? '长期' : end ? `至${chineseDate(end)}` : '已满');

/** "该同志于…受到…，处于影响期内（…，至…），" — the reason the purpose is barred. */
function barredSentence(s: Sanction, purpose: Purpose, asOf: IsoDate, reading: CommendationReading): string {
  const head = `该同志于${chineseDate(s.effectiveDate)}受到${sanctionPhrase(s.category, s.type)}，`;
  if (purpose === '评先评优') {
    const adjusted = s.override.commendationEnd !== null;
    if (reading === 'annualGrading' && !adjusted) {
      const grading = runningBars(s, asOf).filter((b) => b.purpose === 'annualGrade');
      return `${head}${barList(grading)}，${COMMENDATION_READING_RULE[reading]}，`;
    }
    return `${head}处于影响期内（${adjusted ? '经调整' : ''}${endPhrase(s.commendationEnd) || '长期'}），${COMMENDATION_READING_RULE[reading]}，`;
  }
  if (s.override.promotionEnd !== null) return `${head}处于影响期内（经调整${endPhrase(s.promotionEnd) || '长期'}），`;
  const career = runningBars(s, asOf).filter((b) => b.purpose === 'career');
  if (career.length === 1 && career[0]!.end === 'permanent') return `${head}${career[0]!.restriction}，`;
  return `${head}处于影响期内（${barList(career)}），`;
}

/** "不安排领导职务，至2025年12月31日；不得担任高于原任职务层次的职务，至2026年12月31日". */
function barList(bars: readonly ComputedBar[]): string {
  return bars.map((b) => (b.end === 'permanent' ? b.restriction : `${b.restriction}，${endPhrase(b.end)}`)).join('；');
}

/** A sanction that no longer bars this purpose: "已满" only when no bar of it runs at all. */
function pastSentence(s: Sanction, purpose: Purpose, asOf: IsoDate): string {
  const head = `${chineseDate(s.effectiveDate)}受到${sanctionPhrase(s.category, s.type)}`;
  const running = runningBars(s, asOf);
  if (!running.length) return `${head}，影响期已满`;
  const end = usesCommendationBar(purpose) ? s.commendationEnd : s.promotionEnd;
  const stillRuns = running.map((b) => `${b.restriction}的影响期${endPhrase(b.end) || '为长期'}`).join('，');
  return end === null
    ? `${head}，该处分（处理）不影响${purposeWords(purpose)}（其${stillRuns}）`
    : `${head}，其对${purposeWords(purpose)}的影响已于${chineseDate(end as IsoDate)}结束（其${stillRuns}）`;
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

function endKey(end: ImpactEnd): number {
  if (end === 'permanent') return Number.MAX_SAFE_INTEGER;
  if (end === null) return 0;
  return Number(end.replaceAll('-', ''));
}
