/**
 * Default 承诺书正文 per type, to start a campaign from (the clerk edits freely). Custom
 * types get the general text. Co-signed types name who co-signs (family / spouse).
 */
import { COSIGNED_TYPES } from '../../../core/pledges/contract';

const TEMPLATES: Record<string, string> = {
  不操办升学宴谢师宴: [
    '为深入贯彻落实中央八项规定及其实施细则精神，坚决防止借子女升学之机违规收受礼金、大操大办，本人郑重承诺：',
    '一、不以任何名义操办或变相操办升学宴、谢师宴，不借机收受他人礼金、礼品、消费卡。',
    '二、不参加管理服务对象或其他与行使职权有关人员举办的升学宴、谢师宴。',
    '三、不利用职权或职务影响为子女升学、择校谋取不正当利益。',
    '四、教育、督促家属和身边工作人员自觉遵守上述规定。',
    '如有违反，本人愿意接受组织处理。',
  ].join('\n'),
  廉洁过节: [
    '节日期间，本人将严格遵守中央八项规定及其实施细则精神，自觉做到：',
    '一、不违规收送节礼、礼金、消费卡和购物卡，不违规发放津贴补贴或福利。',
    '二、不违规公款吃喝，不接受可能影响公正执行公务的宴请，不违规组织、参加旅游和娱乐活动。',
    '三、不公车私用，不违规操办婚丧喜庆事宜。',
    '四、管好家属和身边工作人员，过一个风清气正、廉洁文明的节日。',
    '家属承诺：本人将做好廉内助，督促其廉洁过节，不收受任何可能影响公正执行公务的礼品礼金。',
  ].join('\n'),
  任前廉政承诺: [
    '本人在任职期间，将坚决遵守党章党规党纪和国家法律法规，郑重承诺：',
    '一、坚定理想信念，严守政治纪律和政治规矩，认真履行全面从严治党责任。',
    '二、严格执行中央八项规定及其实施细则精神，不违规收受礼品礼金，不接受可能影响公正执行公务的宴请。',
    '三、不利用职权和职务影响为本人、亲属及特定关系人谋取利益，按规定如实报告个人有关事项。',
    '四、严格要求配偶、子女及身边工作人员，自觉接受组织和群众监督。',
    '配偶（家庭）助廉承诺：本人将当好廉内助，常吹廉洁风，不利用其职务影响谋取私利。',
  ].join('\n'),
  领导干部廉政承诺: [
    '为认真落实全面从严治党主体责任，本人郑重承诺：',
    '一、严守政治纪律和政治规矩，带头执行中央八项规定及其实施细则精神。',
    '二、严格落实“一岗双责”，抓好分管领域党风廉政建设。',
    '三、严格遵守廉洁自律各项规定，不以权谋私，不违规干预插手工程建设、政府采购等事项。',
    '四、管好配偶、子女和身边工作人员，自觉接受监督。',
    '如有违反，本人愿意承担相应责任。',
  ].join('\n'),
};

const GENERAL = [
  '本人郑重承诺：',
  '一、严格遵守党纪国法和廉洁自律各项规定。',
  '二、自觉接受组织和群众监督。',
  '如有违反，本人愿意接受组织处理。',
].join('\n');

export function defaultTemplate(pledgeType: string): string {
  return TEMPLATES[pledgeType] ?? GENERAL;
}

/** Whether the type is co-signed by default, and by whom (家属 / 配偶). */
export function defaultCosigner(pledgeType: string): { needed: boolean; label: string | null } {
  const label = COSIGNED_TYPES[pledgeType];
  return label ? { needed: true, label } : { needed: false, label: null };
}

/** "2025年不操办升学宴谢师宴承诺" */
export const defaultTitle = (pledgeType: string, year: number | null | undefined) =>
  pledgeType ? `${year ? `${year}年` : ''}${pledgeType}承诺` : '';
