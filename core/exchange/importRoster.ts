/**
 * A 承诺书 campaign's roster (名单) from a spreadsheet: each row puts a person on the chosen
 * campaign's list and, when it has a 签订日期, records the signature (as 登记签订 does, with
 * the same rules: not after today, not before the campaign began, a co-signer where the
 * pledge type needs one). A person already on the list is the same row; a new 签订日期 or
 * co-signer updates the entry.
 */
import { AppError } from '../errors';
import type { HandlerContext } from '../host/context';
import { SIGN_METHODS, rosterSignoffInput } from '../pledges/contract';
import { addToRoster, signoff as signoffEntry } from '../pledges/records';
import { PERSON_FIELDS, againstHeld, changedLabels, issuesText, personFinder, type FieldDef, type RecordImporter } from './importRecords';

const RECORD_FIELDS: FieldDef[] = [
  {
    key: 'signedDate',
    label: '签订日期',
    required: false,
    hint: '已签订的填写；不填则只列入名单',
    headers: ['签订日期', '签订时间', '签字日期'],
  },
  { key: 'signMethod', label: '签订方式', required: false, hint: SIGN_METHODS.join('、'), headers: ['签订方式'] },
  {
    key: 'cosignerName',
    label: '共同签名人姓名',
    required: false,
    hint: '家属或配偶',
    headers: ['共同签名人姓名', '共同签名人', '家属签名', '配偶姓名'],
  },
  { key: 'cosignerRelation', label: '与本人关系', required: false, hint: '如 配偶、子女', headers: ['与本人关系', '关系'] },
];
export const ROSTER_FIELDS: FieldDef[] = [...PERSON_FIELDS, ...RECORD_FIELDS];

interface Entry {
  id: string;
  rev: number;
  signed: number;
  signedDate: string | null;
  signMethod: string | null;
  cosignerName: string | null;
  cosignerRelation: string | null;
  copies: string;
}

export const rosterImporter: RecordImporter = {
  fields: ROSTER_FIELDS,
  dateKeys: ['signedDate'],
  prepare(ctx, target) {
    const campaignId = target.campaignId;
    if (!campaignId) throw new AppError('VALIDATION', '请先选择要导入名单的承诺批次。', { campaignId: '请选择承诺批次' });
    const campaign = ctx.db.prepare('SELECT id FROM pledge_campaigns WHERE id = ? AND deleted_at IS NULL').get(campaignId);
    if (!campaign) throw new AppError('NOT_FOUND', '所选承诺批次不存在或已删除，请重新选择。');
    const find = personFinder(ctx.db);
    const entryOf = ctx.db.prepare(
      `SELECT id, rev, signed, signed_date AS signedDate, sign_method AS signMethod, cosigner_name AS cosignerName,
              cosigner_relation AS cosignerRelation, copies FROM pledge_roster WHERE campaign_id = ? AND person_id = ?`,
    );
    const signoff = (c: HandlerContext, personId: string, fields: Record<string, unknown>) => {
      const e = entryOf.get(campaignId, personId) as Entry;
      const input = rosterSignoffInput.parse({ ...fields, rosterId: e.id, rev: e.rev, signed: true });
      signoffEntry(input, c);
    };
    return (v) => {
      if (!v.name) return { error: '请填写姓名' };
      const person = find(v);
      if ('error' in person) return person;
      const fields = {
        signedDate: v.signedDate,
        signMethod: v.signMethod,
        cosignerName: v.cosignerName,
        cosignerRelation: v.cosignerRelation,
      };
      if (!v.signedDate && (v.signMethod || v.cosignerName || v.cosignerRelation))
        return { error: '填写了签订方式或共同签名人，但没有签订日期' };
      const check = rosterSignoffInput.safeParse({ ...fields, rosterId: person.id, rev: 1, signed: !!v.signedDate });
      if (!check.success) return { error: issuesText(check.error.issues) };
      const key = person.id;
      const held = entryOf.get(campaignId, person.id) as Entry | undefined;
      if (!held) {
        return {
          key,
          status: 'new',
          apply: (c) => {
            addToRoster({ campaignId, personIds: [person.id], unitIds: [] }, c);
            if (v.signedDate) signoff(c, person.id, { ...fields, signMethod: v.signMethod ?? '集中', copies: ['本人', '纪委'] });
          },
        };
      }
      if (!v.signedDate) return { key, status: 'unchanged', apply: () => undefined };
      const merged = {
        signedDate: v.signedDate,
        signMethod: v.signMethod ?? held.signMethod ?? '集中',
        cosignerName: v.cosignerName ?? held.cosignerName,
        cosignerRelation: v.cosignerRelation ?? held.cosignerRelation,
      };
      const changes = held.signed ? changedLabels(RECORD_FIELDS, merged, { ...held }) : ['签订'];
      const copies = held.signed ? (JSON.parse(held.copies) as string[]) : ['本人', '纪委'];
      return againstHeld(key, changes, (c) => signoff(c, person.id, { ...merged, copies }));
    };
  },
};
