/**
 * The shell contract: the preload's side channels besides the core's `qinglian:invoke`
 * (whose contract is core/api.ts). Each member of `window.qinglian` that talks to the main
 * process is declared here once, with its IPC channel and the zod schemas of what it sends
 * and gets back. From this:
 *  - the bridge's types (preloadApi.ts: `ShellInput`, `ShellOutput`, `PrintJob`);
 *  - the preload's allow-list (`SHELL_ALLOW_LIST`: which channel, and which members of an
 *    object or which values of a choice the preload passes on; electron/shellChannels.ts
 *    carries it into the sandboxed preload as literals, without zod);
 *  - the main process's validation of every message (printing.ts, dialogRelay.ts).
 */
import { z } from 'zod';
import { printRequest } from '../core/api';

const MAX_SESSION_ID_LENGTH = 200;

/** Every document the shell may print: each area's document kinds, as print.document takes them. */
const printableRequest = printRequest;

/**
 * A print job: which document, print or pdf, and the session. Never HTML, a URL or a path:
 * extra members are refused, not stripped (the page has no business sending them).
 */
export const printJobSchema = z.strictObject(
  {
    action: z.enum(['print', 'pdf'], { error: '请选择“打印”或“保存PDF”' }),
    request: printableRequest,
    sessionId: z
      .string({ error: '登录已失效，请重新登录' })
      .max(MAX_SESSION_ID_LENGTH, { error: '登录已失效，请重新登录' })
      .nullable()
      .default(null),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? '打印请求含有不认识的内容' : '打印请求不正确') },
);

/**
 * About the PDF the shell is saving, on the same channel (the preload sends a print job's
 * members, request and session null): how far it is, or stop it (the job ends CANCELLED).
 */
export const printControlSchema = z.strictObject(
  {
    action: z.enum(['progress', 'cancel']),
    request: z.null().optional(),
    sessionId: z.string().max(MAX_SESSION_ID_LENGTH).nullable().optional(),
  },
  { error: '打印请求不正确' },
);
export type PrintControl = Pick<z.input<typeof printControlSchema>, 'action'>;

/** How far the PDF under way is: pages printed of all, and “正在生成PDF：第N页/共M页”. */
const printProgress = z.object({ done: z.number(), total: z.number(), label: z.string() });
export type PrintProgress = z.output<typeof printProgress>;

/** Which native chooser: a backup folder or a backup file (the main process builds the dialog). */
export const chooseKindSchema = z.enum(['folder', 'backupFile']);

export const shellContract = {
  /**
   * Prints or saves as PDF (electron/printing.ts); savedTo is null after printing or a cancel.
   * Also takes a PrintControl while a PDF is saved: progress is then the PDF under way, or null.
   */
  printDocument: {
    channel: 'qinglian:print',
    input: printJobSchema,
    output: z.object({ savedTo: z.string().nullable(), progress: printProgress.nullable().optional() }),
  },
  /** dialog.showOpenDialog (electron/dialogRelay.ts); null if cancelled. */
  choosePath: {
    channel: 'qinglian:choose-path',
    input: chooseKindSchema,
    output: z.string().nullable(),
  },
} as const;

export type ShellMember = keyof typeof shellContract;
export type ShellInput<M extends ShellMember> = z.input<(typeof shellContract)[M]['input']>;
export type ShellOutput<M extends ShellMember> = z.output<(typeof shellContract)[M]['output']>;

/** What printDocument takes: a print job, or a PrintControl about the one under way. */
export type PrintJob = ShellInput<'printDocument'> | PrintControl;
/** A print job after validation (the session defaults to null). */
export type ValidPrintJob = z.output<typeof printJobSchema>;
export type PrintResult = ShellOutput<'printDocument'>;
export type ChooseKind = z.output<typeof chooseKindSchema>;

/** What the preload passes on for one member: the channel, and the object's members or the choice's values. */
export interface ShellAllowed {
  readonly channel: string;
  /** An object input: only these members are sent (a missing one as null). */
  readonly members?: readonly string[];
  /** A choice: only these values are sent; anything else is not sent at all. */
  readonly values?: readonly string[];
}

function allowedOf(input: z.ZodType): Pick<ShellAllowed, 'members' | 'values'> {
  if (input instanceof z.ZodObject) return { members: Object.keys(input.shape) };
  if (input instanceof z.ZodEnum) return { values: input.options.map(String) };
  throw new Error('a shell channel takes an object or a choice');
}

/** The preload's allow-list for the side channels, derived from the schemas above. */
export const SHELL_ALLOW_LIST: { readonly [M in ShellMember]: ShellAllowed } = Object.fromEntries(
  Object.entries(shellContract).map(([member, def]) => [member, { channel: def.channel, ...allowedOf(def.input) }]),
) as { [M in ShellMember]: ShellAllowed };
