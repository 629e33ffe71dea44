/**
 * The name list a requester (组织部 …) sends with a 征求意见函, imported from .xlsx or CSV
 * through the shared import flow (exchange/importHandlers.ts: reader, column mapping,
 * preview rolled back, row report). Each row names a person by 姓名 and, to tell namesakes
 * apart, 单位, 出生年月 or 身份证号, matched by the one rule in matching.ts:
 * - matched: 'unchanged', or 'update' when the file's 单位/职务 differ from the register;
 *   per row the clerk takes them into the person record (update) or not (skip); either
 *   way the request names that person;
 * - nobody of that name (or namesakes that are plainly other people): 'new', a person
 *   created when the request is saved;
 * - namesakes the row does not tell apart, a bad name, a 身份证号 of someone else: invalid.
 * Nothing is written by the preview. Saving the request (requests.ts) checks the rows again
 * and writes persons, updates and the request in one transaction, through the Writer.
 *
 * A unit is taken only when it is in the register (its path, or a name no other unit has):
 * a requester's free text never creates units.
 */
import { AppError } from '../errors';
import { resolveUnit, unitIndex } from '../exchange/importPeople';
import { PERSON_FIELDS as PERSON_FIELD_KEYS, personFields, personInput, peopleUpdateInput } from '../people/contract';
import { createPerson, getPerson, updatePerson } from '../people/records';
import { NAMESAKE_FIELDS, issuesText, type FieldDef, type RecordImporter } from '../exchange/importRecords';
import { MAX_REQUEST_PERSONS } from './contract';
import { matchPerson, registerOf, unitFits, usableIdNumber } from './matching';

export const REQUEST_LIST_FIELDS: FieldDef[] = [
  { key: 'name', label: '姓名', required: true, hint: null, headers: ['姓名', '名字', '人员姓名'] },
  {
    key: 'unit',
    label: '单位',
    required: false,
    hint: '来函所列单位；有同名人员时用来区分',
    headers: ['单位', '工作单位', '所在单位', '单位名称', '单位职务', '现工作单位及职务', '工作单位及职务'],
  },
  { key: 'position', label: '职务', required: false, hint: '来函所列职务', headers: ['职务', '现任职务', '职务职级', '拟任职务'] },
  ...NAMESAKE_FIELDS,
];

export const requestListImporter: RecordImporter = {
  fields: REQUEST_LIST_FIELDS,
  dateKeys: [],
  prepare(ctx) {
    const register = registerOf(ctx.db);
    const units = unitIndex(ctx.db);
    let rowsSeen = 0;
    return (v) => {
      if (!v.name) return { error: '请填写姓名' };
      if (++rowsSeen > MAX_REQUEST_PERSONS) return { error: `一份来函最多${MAX_REQUEST_PERSONS}人，本行及以后各行未计入` };
      const name = personFields.name.safeParse(v.name);
      if (!name.success) return { error: `姓名“${v.name}”不正确：${issuesText(name.error.issues)}` };
      if ((v.unit?.length ?? 0) > 100) return { error: '单位不能超过100个字' };
      if ((v.position?.length ?? 0) > 60) return { error: '职务不能超过60个字' };
      const month = personFields.birthMonth.safeParse(v.birthMonth);
      if (!month.success) return { error: issuesText(month.error.issues) };
      const idNumber = usableIdNumber(v.idNumber);
      const id = personFields.idNumber.safeParse(idNumber);
      if (!id.success) return { error: issuesText(id.error.issues) };

      register.load([v.name], idNumber ? [idNumber] : []);
      const m = matchPerson(register, { name: v.name, unitText: v.unit ?? null, birthMonth: month.data, idNumber });
      if (m.status === 'invalid') return { error: m.message ?? '无法确定人员' };
      if (m.status === 'ambiguous')
        return { error: `${m.message?.replace(/，请选择$/, '')}；可在文件中填写单位、出生年月或身份证号以区分，或导入后逐个添加` };

      const unit = v.unit ? resolveUnit(units, v.unit) : null;
      const knownUnit = unit && 'id' in unit ? unit.id : null;
      if (m.status === 'unknown') {
        return {
          key: `new:${v.name}|${v.unit ?? ''}|${month.data ?? ''}|${idNumber ?? ''}`,
          status: 'new',
          note: [
            m.message === '人员库中没有此人，请新增人员或核对姓名' ? '人员库中没有此人，将新增' : m.message,
            v.unit && !knownUnit ? `单位“${v.unit}”不在单位库中，新增人员暂不填单位` : null,
          ]
            .filter(Boolean)
            .join('；'),
          apply: (c) => {
            const input = personInput.safeParse({
              name: v.name,
              birthMonth: month.data,
              idNumber,
              position: v.position,
              unitId: knownUnit,
            });
            if (!input.success) throw new AppError('VALIDATION', issuesText(input.error.issues));
            return createPerson(c.db, c.writer, input.data);
          },
        };
      }

      const person = m.candidates.find((c) => c.id === m.personId)!;
      const changes: string[] = [];
      let newUnitId = person.unitId;
      let note: string | undefined;
      if (v.unit && !unitFits(person, v.unit)) {
        if (knownUnit && knownUnit !== person.unitId) {
          changes.push(`单位（${v.unit}）`);
          newUnitId = knownUnit;
        } else if (!knownUnit) note = `单位“${v.unit}”不在单位库中，不更新单位`;
      }
      if (v.position && v.position !== person.position) changes.push(`职务（${v.position}）`);
      const matchedNote = [m.message, note].filter(Boolean).join('；') || undefined;
      if (!changes.length)
        return { key: person.id, status: 'unchanged', person, recordId: person.id, note: matchedNote, apply: () => person.id };
      return {
        key: person.id,
        status: 'update',
        person,
        recordId: person.id,
        changes: note ? [...changes, note] : changes,
        apply: (c) => {
          const now = getPerson(c.db, person.id);
          if (!now) throw new AppError('CONFLICT', `人员库中的“${person.name}”已被删除，请重新导入名单。`);
          const held = Object.fromEntries(PERSON_FIELD_KEYS.map((k) => [k, now[k]]));
          const input = peopleUpdateInput.safeParse({
            ...held,
            id: now.id,
            rev: now.rev,
            unitId: newUnitId,
            position: v.position ?? now.position,
          });
          if (!input.success) throw new AppError('VALIDATION', issuesText(input.error.issues));
          updatePerson(c.db, c.writer, input.data);
          return person.id;
        },
      };
    };
  },
};
