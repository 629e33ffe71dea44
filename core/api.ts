/**
 * THE contract: every operation the UI can ask of the backend, listed once.
 *
 * Each entry names its channel, the zod schema its input must pass (checked by the
 * host on every call, whatever the transport), its result type, whether it writes,
 * and who may call it. Electron's preload allow-list, the web host's routes and the
 * renderer's typed client are all derived from this object.
 *
 * This file and what it imports must stay free of Node and DOM APIs: the renderer
 * imports it for types and for form validation.
 */
import { z } from 'zod';
import type { AppInfo } from './app/contract';
import type { Paged } from './shared/fields';
import {
  peopleCreateInput,
  peopleDeleteInput,
  peopleGetInput,
  peopleListInput,
  peopleUpdateInput,
  type Person,
  type PersonListItem,
} from './people/contract';
import { recycleBinListInput, recycleBinRestoreInput, type RecycledItem } from './recycleBin/contract';
import { settingsUpdateInput, type OfficeSettings } from './settings/contract';
import { setupInitializeInput, type SetupStatus } from './setup/contract';
import { unitsCreateInput, unitsDeleteInput, unitsUpdateInput, type Unit } from './units/contract';
import {
  authChangePasswordInput,
  authLoginInput,
  authUnlockInput,
  usersCreateInput,
  usersResetPasswordInput,
  usersUpdateInput,
  type CurrentUser,
  type LoginResult,
  type Role,
  type UserSummary,
} from './users/contract';
import type { ApiErrorBody } from './errors';
import type { WorkBoard } from './workBoard/contract';
import { securityPolicySchema, type SecurityPolicy } from './auth/policy';
import { auditListInput, type AuditEntryView, type AuditFacets, type AuditVerifyResult } from './audit/contract';
import {
  backupAutoKeyInput,
  backupCreateInput,
  backupJobInput,
  backupListInput,
  backupRestoreInput,
  backupSettingsInput,
  backupVerifyInput,
  type BackupJobView,
  type BackupListing,
  type BackupPlaces,
  type BackupSettings,
  type BackupStatus,
  type RecoveryStatus,
} from './backup/contract';
import {
  importPersonsFileInput,
  matchLinesInput,
  opinionSettingsSchema,
  repliesCheckInput,
  repliesCheckManyInput,
  repliesCreateInput,
  repliesGetInput,
  repliesIssueInput,
  repliesListInput,
  repliesReassessInput,
  repliesReviewInput,
  repliesSupersedeInput,
  repliesTransitionInput,
  repliesUpdateItemInput,
  repliesVoidInput,
  requestsCreateInput,
  requestsDeleteInput,
  requestsGetInput,
  requestsListInput,
  requestsUpdateInput,
  type MatchedLine,
  type OpinionSettings,
  type LastCheckers,
  type ReplyDetail,
  type RepliesPage,
  type RequestDetail,
  type RequestSummary,
} from './opinions/contract';
import {
  pendingCreateInput,
  pendingDeleteInput,
  pendingListInput,
  pendingUpdateInput,
  type PendingMatter,
} from './pendingMatters/contract';
import type { Dossier } from './people/dossier';
import {
  campaignIdInput,
  campaignsCreateInput,
  campaignsListInput,
  campaignsUpdateInput,
  rosterAddInput,
  rosterBreachInput,
  rosterBulkSignoffInput,
  rosterIdInput,
  rosterListInput,
  rosterRemoveInput,
  rosterScanInput,
  rosterSignoffInput,
  type CampaignDetail,
  type CampaignsPage,
  type RosterEntry,
  type RosterPage,
  type ScanFile,
} from './pledges/contract';
import {
  pointsCreateInput,
  pointsDeleteInput,
  pointsUpdateInput,
  remindersCopyInput,
  remindersCreateInput,
  remindersIdInput,
  remindersLastForOccasionInput,
  remindersListInput,
  remindersReceiptInput,
  remindersSetAddresseesInput,
  remindersTransitionInput,
  remindersUpdateInput,
  remindersVoidInput,
  type ReminderDetail,
  type ReminderPoint,
  type RemindersPage,
} from './reminders/contract';
import { impactSettingsSchema, type ImpactSettings } from './sanctions/commendationReadings';
import type { ImpactRuleSet } from './sanctions/impactRules';
import {
  sanctionsCreateInput,
  sanctionsDeleteInput,
  sanctionsListInput,
  sanctionsOverrideInput,
  sanctionsUpdateInput,
  type Sanction,
} from './sanctions/contract';
import {
  pdfJobInput,
  type PdfJobView,
  letterSettingsSchema,
  type FontReport,
  type LetterDocument,
  type LetterSettings,
  type PdfFile,
} from './print/contract';
import { opinionDocumentRequests } from './opinions/contract';
import { reminderDocumentRequests } from './reminders/contract';
import { pledgeDocumentRequests } from './pledges/contract';
import {
  clearancesCreateInput,
  clearancesDeleteInput,
  clearancesListInput,
  clearancesUpdateInput,
  type Clearance,
} from './clearances/contract';
import {
  revisitsCreateInput,
  revisitsDeleteInput,
  revisitsDueInput,
  revisitsListInput,
  revisitsUpdateInput,
  type Revisit,
  type RevisitDue,
} from './revisits/contract';
import { statisticsInput, statisticsRecordsInput, type StatisticsReport, type StatRecord } from './statistics/contract';
import { exportInput, type ExportFile } from './exchange/contract';
import {
  importCommitInput,
  importPreviewInput,
  importTemplateInput,
  type ImportPreview,
  type ImportResult,
} from './exchange/importContract';
import { statisticsSettingsSchema, type StatisticsSettings } from './statistics/settingsContract';
import { recusalsGetInput, recusalsSetInput, type PersonRecusal } from './recusal/contract';

/** Who may call: anyone (before login), any logged-in account, or holders of one of the roles. */
export type Access = 'public' | 'user' | readonly Role[];

/** Kinds of audited use of a reading channel (the audit entry's action). */
export type AuditedUse = 'view' | 'print' | 'export';

export interface Operation<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  writes: boolean;
  access: Access;
  /** Chinese name of the operation, used in audit entries and messages. */
  title: string;
  /**
   * Reading channels that show or hand out personal data: the host writes an audit entry
   * (查看 a dossier, 排版打印 a letter, 导出 a PDF) for each successful call.
   */
  logs?: AuditedUse;
  /** Phantom: carries the result type. Never set at run time. */
  readonly result?: R;
}

const none = z.object({}).strict();

function op<R>() {
  return <I extends z.ZodType>(def: { input: I; writes: boolean; access: Access; title: string; logs?: AuditedUse }): Operation<I, R> =>
    def;
}

/**
 * Every printable document: one request schema per document kind, declared by its area
 * (opinions, reminders, pledges) and laid out by that area's kind (core/print/documentKinds.ts),
 * all through the one rendering channel print.document / print.pdf / print.pdfStart.
 */
export const printRequest = z.discriminatedUnion(
  'kind',
  [...opinionDocumentRequests, ...reminderDocumentRequests, ...pledgeDocumentRequests],
  { error: '不认识的打印内容' },
);
export type PrintRequest = z.input<typeof printRequest>;
export type ValidPrintRequest = z.output<typeof printRequest>;
const printInput = z.object({ request: printRequest });

export const api = {
  'app.info': op<AppInfo>()({ input: none, writes: false, access: 'public', title: '程序信息' }),

  'setup.status': op<SetupStatus>()({ input: none, writes: false, access: 'public', title: '查询初始化状态' }),
  'setup.initialize': op<void>()({ input: setupInitializeInput, writes: true, access: 'public', title: '首次设置' }),

  // Not 'writes': the password check is async (off the main thread); its audit entries are appended on their own.
  'auth.login': op<LoginResult>()({ input: authLoginInput, writes: false, access: 'public', title: '登录' }),
  'auth.logout': op<void>()({ input: none, writes: false, access: 'public', title: '退出登录' }),
  'auth.me': op<CurrentUser>()({ input: none, writes: false, access: 'user', title: '当前账号' }),
  'auth.lock': op<void>()({ input: none, writes: false, access: 'user', title: '锁屏' }),
  'auth.unlock': op<void>()({ input: authUnlockInput, writes: false, access: 'user', title: '解锁' }),
  'auth.changePassword': op<void>()({ input: authChangePasswordInput, writes: true, access: 'user', title: '修改密码' }),

  'securityPolicy.get': op<SecurityPolicy>()({ input: none, writes: false, access: 'user', title: '读取账号安全设置' }),
  'securityPolicy.update': op<SecurityPolicy>()({
    input: securityPolicySchema,
    writes: true,
    access: ['admin'],
    title: '修改账号安全设置',
  }),

  'users.list': op<UserSummary[]>()({ input: none, writes: false, access: ['admin'], title: '账号列表' }),
  'users.create': op<UserSummary>()({ input: usersCreateInput, writes: true, access: ['admin'], title: '新建账号' }),
  'users.update': op<UserSummary>()({ input: usersUpdateInput, writes: true, access: ['admin'], title: '修改账号' }),
  'users.resetPassword': op<void>()({ input: usersResetPasswordInput, writes: true, access: ['admin'], title: '重置密码' }),

  'audit.list': op<Paged<AuditEntryView>>()({ input: auditListInput, writes: false, access: ['admin'], title: '操作记录' }),
  'audit.facets': op<AuditFacets>()({ input: none, writes: false, access: ['admin'], title: '操作记录筛选项' }),
  'audit.verify': op<AuditVerifyResult>()({ input: none, writes: false, access: ['admin'], title: '校验操作记录' }),

  'settings.get': op<OfficeSettings>()({ input: none, writes: false, access: 'user', title: '读取设置' }),
  'settings.update': op<OfficeSettings>()({ input: settingsUpdateInput, writes: true, access: ['admin'], title: '修改设置' }),

  'units.list': op<Unit[]>()({ input: none, writes: false, access: 'user', title: '单位列表' }),
  'units.create': op<Unit>()({ input: unitsCreateInput, writes: true, access: 'user', title: '新建单位' }),
  'units.update': op<Unit>()({ input: unitsUpdateInput, writes: true, access: 'user', title: '修改单位' }),
  'units.delete': op<void>()({ input: unitsDeleteInput, writes: true, access: 'user', title: '删除单位' }),

  'people.list': op<Paged<PersonListItem>>()({ input: peopleListInput, writes: false, access: 'user', title: '查询人员' }),
  'people.get': op<Person>()({ input: peopleGetInput, writes: false, access: 'user', title: '查看人员', logs: 'view' }),
  'people.create': op<Person>()({ input: peopleCreateInput, writes: true, access: 'user', title: '新增人员' }),
  'people.update': op<Person>()({ input: peopleUpdateInput, writes: true, access: 'user', title: '修改人员' }),
  'people.delete': op<void>()({ input: peopleDeleteInput, writes: true, access: 'user', title: '删除人员' }),
  'people.dossier': op<Dossier>()({ input: peopleGetInput, writes: false, access: 'user', title: '人员档案', logs: 'view' }),

  // 回避: which accounts must not see a person (core/recusal); the host hides the person from them on every channel.
  'recusals.get': op<PersonRecusal[]>()({ input: recusalsGetInput, writes: false, access: ['admin'], title: '查看回避账号' }),
  'recusals.set': op<PersonRecusal[]>()({ input: recusalsSetInput, writes: true, access: ['admin'], title: '设置回避账号' }),

  'sanctions.list': op<Sanction[]>()({ input: sanctionsListInput, writes: false, access: 'user', title: '处分记录' }),
  'sanctions.create': op<Sanction>()({ input: sanctionsCreateInput, writes: true, access: ['handler', 'admin'], title: '登记处分' }),
  'sanctions.update': op<Sanction>()({ input: sanctionsUpdateInput, writes: true, access: ['handler', 'admin'], title: '修改处分' }),
  'sanctions.delete': op<void>()({ input: sanctionsDeleteInput, writes: true, access: ['handler', 'admin'], title: '删除处分' }),
  'sanctions.override': op<Sanction>()({
    input: sanctionsOverrideInput,
    writes: true,
    access: ['handler', 'reviewer', 'admin'],
    title: '调整影响期',
  }),
  'impactRules.list': op<{ sets: ImpactRuleSet[]; retired: { version: string; title: string; retiredBy: string }[] }>()({
    input: none,
    writes: false,
    access: 'user',
    title: '影响期规则',
  }),
  'impactSettings.get': op<ImpactSettings>()({ input: none, writes: false, access: 'user', title: '读取影响期设置' }),
  'impactSettings.update': op<ImpactSettings>()({ input: impactSettingsSchema, writes: true, access: ['admin'], title: '修改影响期设置' }),

  'pendingMatters.list': op<PendingMatter[]>()({ input: pendingListInput, writes: false, access: 'user', title: '在查事项' }),
  'pendingMatters.create': op<PendingMatter>()({
    input: pendingCreateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '登记在查事项',
  }),
  'pendingMatters.update': op<PendingMatter>()({
    input: pendingUpdateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '修改在查事项',
  }),
  'pendingMatters.delete': op<void>()({ input: pendingDeleteInput, writes: true, access: ['handler', 'admin'], title: '删除在查事项' }),

  'clearances.list': op<Clearance[]>()({ input: clearancesListInput, writes: false, access: 'user', title: '澄清正名记录' }),
  'clearances.create': op<Clearance>()({ input: clearancesCreateInput, writes: true, access: ['handler', 'admin'], title: '登记澄清正名' }),
  'clearances.update': op<Clearance>()({ input: clearancesUpdateInput, writes: true, access: ['handler', 'admin'], title: '修改澄清正名' }),
  'clearances.delete': op<void>()({ input: clearancesDeleteInput, writes: true, access: ['handler', 'admin'], title: '删除澄清正名' }),

  'revisits.list': op<Revisit[]>()({ input: revisitsListInput, writes: false, access: 'user', title: '暖心回访记录' }),
  'revisits.create': op<Revisit>()({ input: revisitsCreateInput, writes: true, access: ['handler', 'admin'], title: '登记暖心回访' }),
  'revisits.update': op<Revisit>()({ input: revisitsUpdateInput, writes: true, access: ['handler', 'admin'], title: '修改暖心回访' }),
  'revisits.delete': op<void>()({ input: revisitsDeleteInput, writes: true, access: ['handler', 'admin'], title: '删除暖心回访' }),
  'revisits.due': op<RevisitDue[]>()({ input: revisitsDueInput, writes: false, access: 'user', title: '待回访人员' }),

  'statistics.report': op<StatisticsReport>()({ input: statisticsInput, writes: false, access: 'user', title: '统计' }),
  'statistics.records': op<Paged<StatRecord>>()({ input: statisticsRecordsInput, writes: false, access: 'user', title: '统计明细' }),
  'statisticsSettings.get': op<StatisticsSettings>()({ input: none, writes: false, access: 'user', title: '读取统计口径设置' }),
  'statisticsSettings.update': op<StatisticsSettings>()({
    input: statisticsSettingsSchema,
    writes: true,
    access: ['admin'],
    title: '修改统计口径设置',
  }),

  'exports.list': op<ExportFile>()({ input: exportInput, writes: false, access: 'user', title: '导出列表', logs: 'export' }),
  'imports.preview': op<ImportPreview>()({ input: importPreviewInput, writes: false, access: ['handler', 'admin'], title: '导入预览' }),
  'imports.commit': op<ImportResult>()({ input: importCommitInput, writes: true, access: ['handler', 'admin'], title: '确认导入' }),
  'imports.template': op<ExportFile>()({ input: importTemplateInput, writes: false, access: 'user', title: '下载导入模板' }),

  'opinionRequests.matchLines': op<MatchedLine[]>()({ input: matchLinesInput, writes: false, access: 'user', title: '核对人员名单' }),
  'opinionRequests.importFile': op<MatchedLine[]>()({
    input: importPersonsFileInput,
    writes: false,
    access: 'user',
    title: '导入人员名单',
  }),
  'opinionRequests.create': op<RequestDetail>()({
    input: requestsCreateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '登记征求意见函',
  }),
  'opinionRequests.update': op<RequestDetail>()({
    input: requestsUpdateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '修改征求意见函',
  }),
  'opinionRequests.delete': op<void>()({ input: requestsDeleteInput, writes: true, access: ['handler', 'admin'], title: '删除征求意见函' }),
  'opinionRequests.get': op<RequestDetail>()({ input: requestsGetInput, writes: false, access: 'user', title: '查看征求意见函' }),
  'opinionRequests.list': op<Paged<RequestSummary>>()({ input: requestsListInput, writes: false, access: 'user', title: '征求意见函列表' }),

  'opinionReplies.create': op<ReplyDetail>()({ input: repliesCreateInput, writes: true, access: ['handler'], title: '拟办回复' }),
  'opinionReplies.get': op<ReplyDetail>()({ input: repliesGetInput, writes: false, access: 'user', title: '查看回复' }),
  'opinionReplies.list': op<RepliesPage>()({ input: repliesListInput, writes: false, access: 'user', title: '回复列表' }),
  'opinionReplies.updateItem': op<ReplyDetail>()({
    input: repliesUpdateItemInput,
    writes: true,
    access: ['handler'],
    title: '修改回复意见',
  }),
  'opinionReplies.recordCheck': op<ReplyDetail>()({
    input: repliesCheckInput,
    writes: true,
    access: ['handler', 'reviewer'],
    title: '登记科室核查',
  }),
  'opinionReplies.recordChecks': op<ReplyDetail>()({
    input: repliesCheckManyInput,
    writes: true,
    access: ['handler', 'reviewer'],
    title: '一并登记科室核查',
  }),
  'opinionReplies.lastCheckers': op<LastCheckers>()({ input: none, writes: false, access: 'user', title: '各科室上次核查人' }),
  'opinionReplies.review': op<ReplyDetail>()({ input: repliesReviewInput, writes: true, access: ['reviewer'], title: '审核回复' }),
  'opinionReplies.returnToDraft': op<ReplyDetail>()({
    input: repliesTransitionInput,
    writes: true,
    access: ['reviewer', 'signer'],
    title: '退回承办',
  }),
  'opinionReplies.issue': op<ReplyDetail>()({ input: repliesIssueInput, writes: true, access: ['signer'], title: '签发回复' }),
  'opinionReplies.void': op<ReplyDetail>()({ input: repliesVoidInput, writes: true, access: ['signer', 'admin'], title: '作废回复' }),
  'opinionReplies.supersede': op<ReplyDetail>()({ input: repliesSupersedeInput, writes: true, access: ['handler'], title: '更正回复' }),
  'opinionReplies.reassess': op<ReplyDetail>()({ input: repliesReassessInput, writes: true, access: ['handler'], title: '重新核查' }),

  'opinionSettings.get': op<OpinionSettings>()({ input: none, writes: false, access: 'user', title: '读取意见回复设置' }),
  'opinionSettings.update': op<OpinionSettings>()({
    input: opinionSettingsSchema,
    writes: true,
    access: ['admin'],
    title: '修改意见回复设置',
  }),

  'letterSettings.get': op<LetterSettings>()({ input: none, writes: false, access: 'user', title: '读取公文打印设置' }),
  'letterSettings.update': op<LetterSettings>()({
    input: letterSettingsSchema,
    writes: true,
    access: ['admin'],
    title: '修改公文打印设置',
  }),
  'print.fonts': op<FontReport>()({ input: none, writes: false, access: 'user', title: '公文字体' }),
  // Every document kind; each call also checks the role rule of the channel the kind reads (core/print/documentKinds.ts).
  'print.document': op<LetterDocument>()({ input: printInput, writes: false, access: 'user', title: '公文排版', logs: 'print' }),
  'print.pdf': op<PdfFile>()({ input: printInput, writes: false, access: 'user', title: '生成PDF', logs: 'export' }),
  'print.pdfStart': op<PdfJobView>()({ input: printInput, writes: false, access: 'user', title: '生成PDF', logs: 'export' }),
  'print.pdfJob': op<PdfJobView>()({ input: pdfJobInput, writes: false, access: 'user', title: 'PDF生成进度' }),
  'print.pdfCancel': op<PdfJobView>()({ input: pdfJobInput, writes: false, access: 'user', title: '取消生成PDF' }),

  'reminderLetters.list': op<RemindersPage>()({ input: remindersListInput, writes: false, access: 'user', title: '提醒函列表' }),
  'reminderLetters.get': op<ReminderDetail>()({ input: remindersIdInput, writes: false, access: 'user', title: '查看提醒函' }),
  'reminderLetters.create': op<ReminderDetail>()({
    input: remindersCreateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '新建提醒函',
  }),
  'reminderLetters.update': op<ReminderDetail>()({
    input: remindersUpdateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '修改提醒函',
  }),
  'reminderLetters.setAddressees': op<ReminderDetail>()({
    input: remindersSetAddresseesInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '修改主送对象',
  }),
  'reminderLetters.delete': op<void>()({ input: remindersIdInput, writes: true, access: ['handler', 'admin'], title: '删除提醒函' }),
  'reminderLetters.issue': op<ReminderDetail>()({ input: remindersTransitionInput, writes: true, access: ['signer'], title: '印发提醒函' }),
  'reminderLetters.void': op<ReminderDetail>()({
    input: remindersVoidInput,
    writes: true,
    access: ['signer', 'admin'],
    title: '作废提醒函',
  }),
  'reminderLetters.copy': op<ReminderDetail>()({
    input: remindersCopyInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '沿用往年提醒函',
  }),
  'reminderLetters.lastForOccasion': op<ReminderDetail | null>()({
    input: remindersLastForOccasionInput,
    writes: false,
    access: 'user',
    title: '查找往年同节点提醒函',
  }),
  'reminderLetters.recordReceipt': op<ReminderDetail>()({
    input: remindersReceiptInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '登记签收',
  }),
  'reminderPoints.list': op<ReminderPoint[]>()({ input: none, writes: false, access: 'user', title: '严禁事项清单' }),
  'reminderPoints.create': op<ReminderPoint>()({
    input: pointsCreateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '新增严禁事项',
  }),
  'reminderPoints.update': op<ReminderPoint>()({
    input: pointsUpdateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '修改严禁事项',
  }),
  'reminderPoints.delete': op<void>()({ input: pointsDeleteInput, writes: true, access: ['handler', 'admin'], title: '删除严禁事项' }),

  'pledgeCampaigns.list': op<CampaignsPage>()({ input: campaignsListInput, writes: false, access: 'user', title: '承诺批次列表' }),
  'pledgeCampaigns.get': op<CampaignDetail>()({ input: campaignIdInput, writes: false, access: 'user', title: '查看承诺批次' }),
  'pledgeCampaigns.create': op<CampaignDetail>()({
    input: campaignsCreateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '新建承诺批次',
  }),
  'pledgeCampaigns.update': op<CampaignDetail>()({
    input: campaignsUpdateInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '修改承诺批次',
  }),
  'pledgeCampaigns.delete': op<void>()({ input: campaignIdInput, writes: true, access: ['handler', 'admin'], title: '删除承诺批次' }),
  'pledgeRoster.list': op<RosterPage>()({ input: rosterListInput, writes: false, access: 'user', title: '承诺名单' }),
  'pledgeRoster.add': op<{ added: number; alreadyIn: string[] }>()({
    input: rosterAddInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '加入承诺名单',
  }),
  'pledgeRoster.remove': op<void>()({ input: rosterRemoveInput, writes: true, access: ['handler', 'admin'], title: '移出承诺名单' }),
  'pledgeRoster.signoff': op<RosterEntry>()({ input: rosterSignoffInput, writes: true, access: ['handler', 'admin'], title: '登记签订' }),
  'pledgeRoster.bulkSignoff': op<CampaignDetail>()({
    input: rosterBulkSignoffInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '批量登记签订',
  }),
  'pledgeRoster.uploadScan': op<RosterEntry>()({ input: rosterScanInput, writes: true, access: ['handler', 'admin'], title: '上传扫描件' }),
  'pledgeRoster.getScan': op<ScanFile>()({ input: rosterIdInput, writes: false, access: 'user', title: '查看扫描件', logs: 'view' }),
  'pledgeRoster.removeScan': op<void>()({ input: rosterIdInput, writes: true, access: ['handler', 'admin'], title: '删除扫描件' }),
  'pledgeRoster.breachCheck': op<RosterEntry>()({
    input: rosterBreachInput,
    writes: true,
    access: ['handler', 'admin'],
    title: '履诺核查',
  }),

  'workBoard.get': op<WorkBoard>()({ input: none, writes: false, access: 'user', title: '工作台' }),

  'recycleBin.list': op<Paged<RecycledItem>>()({ input: recycleBinListInput, writes: false, access: 'user', title: '回收站' }),
  'recycleBin.restore': op<void>()({ input: recycleBinRestoreInput, writes: true, access: 'user', title: '从回收站恢复' }),

  'backup.status': op<BackupStatus>()({ input: none, writes: false, access: 'user', title: '备份状态' }),
  // Exporting the whole database is a right the administrator grants (导出备份); administrators have it.
  'backup.startCreate': op<BackupJobView>()({ input: backupCreateInput, writes: false, access: ['admin', 'exporter'], title: '创建备份' }),
  'backup.startVerify': op<BackupJobView>()({ input: backupVerifyInput, writes: false, access: 'user', title: '检查备份' }),
  'backup.startRestore': op<BackupJobView>()({ input: backupRestoreInput, writes: false, access: ['admin'], title: '从备份恢复' }),
  // public: the job id (128 random bits) is the capability; a restore ends every session and its result must still be readable.
  'backup.job': op<BackupJobView>()({ input: backupJobInput, writes: false, access: 'public', title: '备份任务进度' }),
  'backup.cancel': op<BackupJobView>()({ input: backupJobInput, writes: false, access: 'user', title: '取消备份任务' }),
  // Others than administrators browse only removable drives and the folders the administrator allowed (core/backup/folders.ts).
  'backup.list': op<BackupListing>()({ input: backupListInput, writes: false, access: 'user', title: '浏览备份文件夹' }),
  'backup.places': op<BackupPlaces>()({ input: none, writes: false, access: 'user', title: '备份位置' }),
  'backup.settingsGet': op<BackupSettings>()({ input: none, writes: false, access: ['admin'], title: '读取自动备份设置' }),
  'backup.settingsUpdate': op<BackupSettings>()({ input: backupSettingsInput, writes: true, access: ['admin'], title: '修改自动备份设置' }),
  'backup.setAutoKey': op<void>()({ input: backupAutoKeyInput, writes: false, access: ['admin'], title: '设置自动备份密钥' }),
  'backup.runAuto': op<BackupJobView>()({ input: none, writes: false, access: ['admin'], title: '立即自动备份' }),
  // Public: they answer before login because a damaged live file holds the accounts; the restore is refused unless the file is damaged.
  'backup.recoveryStatus': op<RecoveryStatus>()({ input: none, writes: false, access: 'public', title: '数据文件损坏状态' }),
  'backup.startRecoveryRestore': op<BackupJobView>()({
    input: backupRestoreInput,
    writes: false,
    access: 'public',
    title: '数据文件损坏时从备份恢复',
  }),
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export const CHANNELS = Object.keys(api) as Channel[];

/**
 * Browser mode's HTTP transport (web/server.ts, renderer/api/transport.ts): the per-start
 * token and the login session travel in these headers. A custom header also forces a CORS
 * preflight, which the server never grants.
 */
export const TOKEN_HEADER = 'x-qinglian-token';
export const SESSION_HEADER = 'x-qinglian-session';
/** Where a channel is called: `POST /api/<channel>`. */
export const API_PATH_PREFIX = '/api/';

/** Where a reply's state shows besides the reply itself (its request, both lists, the dossier, the work board). */
const REPLY_SHOWN: readonly Channel[] = [
  'opinionRequests.get',
  'opinionRequests.list',
  'opinionReplies.list',
  'people.dossier',
  'workBoard.get',
];

/**
 * Which queries a successful write makes stale: after the call the renderer refetches every
 * query of these channels (renderer/api/hooks.ts useApiMutation). One list per writing channel,
 * declared here with the contract, not at each call site.
 */
export const INVALIDATES: { readonly [C in Channel]?: readonly Channel[] } = {
  'backup.settingsUpdate': ['backup.settingsGet', 'backup.status'],
  'clearances.create': ['people.dossier', 'recycleBin.list', 'statistics.report'],
  'clearances.delete': ['people.dossier', 'recycleBin.list', 'statistics.report'],
  'clearances.update': ['people.dossier', 'recycleBin.list', 'statistics.report'],
  'impactSettings.update': ['impactSettings.get', 'sanctions.list'],
  'letterSettings.update': ['letterSettings.get', 'print.fonts'],
  'opinionReplies.create': REPLY_SHOWN,
  'opinionReplies.issue': REPLY_SHOWN,
  'opinionReplies.reassess': REPLY_SHOWN,
  // the checkers last signed per section prefill the next reply's checks
  'opinionReplies.recordCheck': [...REPLY_SHOWN, 'opinionReplies.lastCheckers'],
  'opinionReplies.recordChecks': [...REPLY_SHOWN, 'opinionReplies.lastCheckers'],
  'opinionReplies.returnToDraft': REPLY_SHOWN,
  'opinionReplies.review': REPLY_SHOWN,
  'opinionReplies.supersede': REPLY_SHOWN,
  'opinionReplies.updateItem': REPLY_SHOWN,
  'opinionReplies.void': REPLY_SHOWN,
  // an imported name list may add people and update their unit or post
  'opinionRequests.create': ['opinionRequests.list', 'people.list', 'people.get', 'people.dossier'],
  'opinionRequests.delete': ['opinionRequests.list'],
  'opinionRequests.update': ['opinionRequests.get', 'opinionRequests.list', 'opinionReplies.get'],
  'opinionSettings.update': ['opinionSettings.get'],
  'pendingMatters.create': ['people.dossier', 'pendingMatters.list'],
  'pendingMatters.delete': ['people.dossier', 'pendingMatters.list'],
  'pendingMatters.update': ['people.dossier', 'pendingMatters.list'],
  'people.create': ['people.list', 'units.list'],
  'people.delete': ['people.list', 'recycleBin.list', 'units.list'],
  'people.update': ['people.list', 'people.get'],
  'pledgeCampaigns.create': ['pledgeCampaigns.list'],
  'pledgeCampaigns.delete': ['pledgeCampaigns.list', 'recycleBin.list'],
  'pledgeCampaigns.update': ['pledgeCampaigns.list', 'pledgeCampaigns.get', 'people.dossier'],
  'pledgeRoster.add': ['pledgeRoster.list', 'pledgeCampaigns.get', 'pledgeCampaigns.list', 'people.dossier'],
  'pledgeRoster.breachCheck': ['pledgeRoster.list'],
  'pledgeRoster.bulkSignoff': ['pledgeRoster.list', 'pledgeCampaigns.get', 'pledgeCampaigns.list', 'people.dossier'],
  'pledgeRoster.remove': ['pledgeRoster.list', 'pledgeCampaigns.get', 'pledgeCampaigns.list', 'people.dossier'],
  'pledgeRoster.removeScan': ['pledgeRoster.list'],
  'pledgeRoster.signoff': ['pledgeRoster.list', 'pledgeCampaigns.get', 'pledgeCampaigns.list', 'people.dossier'],
  'recycleBin.restore': ['recycleBin.list', 'people.list', 'units.list'],
  'recusals.set': ['recusals.get'],
  'reminderLetters.create': ['reminderLetters.list'],
  'reminderLetters.delete': ['reminderLetters.list', 'recycleBin.list'],
  'reminderLetters.issue': ['reminderLetters.get', 'reminderLetters.list'],
  'reminderLetters.recordReceipt': ['reminderLetters.get', 'reminderLetters.list'],
  'reminderLetters.setAddressees': ['reminderLetters.list', 'reminderLetters.get'],
  'reminderLetters.update': ['reminderLetters.list', 'reminderLetters.get'],
  'reminderLetters.void': ['reminderLetters.get', 'reminderLetters.list'],
  'reminderPoints.create': ['reminderPoints.list'],
  'reminderPoints.delete': ['reminderPoints.list'],
  'reminderPoints.update': ['reminderPoints.list'],
  'revisits.create': ['people.dossier', 'recycleBin.list', 'statistics.report', 'revisits.due'],
  'revisits.delete': ['people.dossier', 'recycleBin.list', 'statistics.report', 'revisits.due'],
  'revisits.update': ['people.dossier', 'recycleBin.list', 'statistics.report', 'revisits.due'],
  'sanctions.create': ['people.dossier', 'sanctions.list'],
  'sanctions.delete': ['people.dossier', 'sanctions.list'],
  'sanctions.override': ['people.dossier', 'sanctions.list'],
  'sanctions.update': ['people.dossier', 'sanctions.list'],
  'securityPolicy.update': ['securityPolicy.get'],
  'settings.update': ['settings.get', 'setup.status'],
  'statisticsSettings.update': ['statisticsSettings.get', 'statistics.report', 'revisits.due'],
  'units.create': ['units.list'],
  'units.delete': ['units.list', 'recycleBin.list'],
  'units.update': ['units.list', 'people.list'],
  'users.create': ['users.list'],
  'users.update': ['users.list', 'auth.me'],
};

/** What a caller sends (before defaults and trimming). */
export type Input<C extends Channel> = z.input<Api[C]['input']>;
/** What a handler receives (after validation). */
export type ValidInput<C extends Channel> = z.output<Api[C]['input']>;
export type Result<C extends Channel> = NonNullable<Api[C]['result']> extends never ? void : Exclude<Api[C]['result'], undefined>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(api, value);
}

export type { ApiErrorBody };
