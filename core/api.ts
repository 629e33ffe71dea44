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
import { peopleCreateInput, peopleDeleteInput, peopleGetInput, peopleListInput, peopleUpdateInput, type Person, type PersonListItem } from './people/contract';
import { recycleBinListInput, recycleBinRestoreInput, type RecycledItem } from './recycleBin/contract';
import { settingsUpdateInput, type OfficeSettings } from './settings/contract';
import { setupInitializeInput, type SetupStatus } from './setup/contract';
import { unitsCreateInput, unitsDeleteInput, unitsUpdateInput, type Unit } from './units/contract';
import {
  authChangePasswordInput,
  authLoginInput,
  usersCreateInput,
  usersResetPasswordInput,
  usersUpdateInput,
  type CurrentUser,
  type LoginResult,
  type Role,
  type UserSummary,
} from './users/contract';
import type { ApiErrorBody } from './errors';

/** Who may call: anyone (before login), any logged-in account, or holders of one of the roles. */
export type Access = 'public' | 'user' | readonly Role[];

export interface Operation<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  writes: boolean;
  access: Access;
  /** Chinese name of the operation, used in audit entries and messages. */
  title: string;
  /** Phantom: carries the result type. Never set at run time. */
  readonly result?: R;
}

const none = z.object({}).strict();

function op<R>() {
  return <I extends z.ZodType>(def: { input: I; writes: boolean; access: Access; title: string }): Operation<I, R> => def;
}

export const api = {
  'app.info': op<AppInfo>()({ input: none, writes: false, access: 'public', title: '程序信息' }),

  'setup.status': op<SetupStatus>()({ input: none, writes: false, access: 'public', title: '查询初始化状态' }),
  'setup.initialize': op<void>()({ input: setupInitializeInput, writes: true, access: 'public', title: '首次设置' }),

  'auth.login': op<LoginResult>()({ input: authLoginInput, writes: true, access: 'public', title: '登录' }),
  'auth.logout': op<void>()({ input: none, writes: false, access: 'public', title: '退出登录' }),
  'auth.me': op<CurrentUser>()({ input: none, writes: false, access: 'user', title: '当前账号' }),
  'auth.changePassword': op<void>()({ input: authChangePasswordInput, writes: true, access: 'user', title: '修改密码' }),

  'users.list': op<UserSummary[]>()({ input: none, writes: false, access: ['admin'], title: '账号列表' }),
  'users.create': op<UserSummary>()({ input: usersCreateInput, writes: true, access: ['admin'], title: '新建账号' }),
  'users.update': op<UserSummary>()({ input: usersUpdateInput, writes: true, access: ['admin'], title: '修改账号' }),
  'users.resetPassword': op<void>()({ input: usersResetPasswordInput, writes: true, access: ['admin'], title: '重置密码' }),

  'settings.get': op<OfficeSettings>()({ input: none, writes: false, access: 'user', title: '读取设置' }),
  'settings.update': op<OfficeSettings>()({ input: settingsUpdateInput, writes: true, access: ['admin'], title: '修改设置' }),

  'units.list': op<Unit[]>()({ input: none, writes: false, access: 'user', title: '单位列表' }),
  'units.create': op<Unit>()({ input: unitsCreateInput, writes: true, access: 'user', title: '新建单位' }),
  'units.update': op<Unit>()({ input: unitsUpdateInput, writes: true, access: 'user', title: '修改单位' }),
  'units.delete': op<void>()({ input: unitsDeleteInput, writes: true, access: 'user', title: '删除单位' }),

  'people.list': op<Paged<PersonListItem>>()({ input: peopleListInput, writes: false, access: 'user', title: '查询人员' }),
  'people.get': op<Person>()({ input: peopleGetInput, writes: false, access: 'user', title: '查看人员' }),
  'people.create': op<Person>()({ input: peopleCreateInput, writes: true, access: 'user', title: '新增人员' }),
  'people.update': op<Person>()({ input: peopleUpdateInput, writes: true, access: 'user', title: '修改人员' }),
  'people.delete': op<void>()({ input: peopleDeleteInput, writes: true, access: 'user', title: '删除人员' }),

  'recycleBin.list': op<Paged<RecycledItem>>()({ input: recycleBinListInput, writes: false, access: 'user', title: '回收站' }),
  'recycleBin.restore': op<void>()({ input: recycleBinRestoreInput, writes: true, access: 'user', title: '从回收站恢复' }),
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export const CHANNELS = Object.keys(api) as Channel[];

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
