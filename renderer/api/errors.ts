import type { ApiErrorBody } from '../../core/api';

/** An `{ ok: false }` envelope as a thrown error: `code` to branch on, `message` (Chinese) to show. */
export class ApiError extends Error {
  readonly code: ApiErrorBody['code'];
  readonly fields: Record<string, string> | undefined;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields;
  }
}

/** The Chinese message of anything thrown while talking to the backend. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败：程序出现意外错误，请重试或重新启动程序。';
}

/** The backend could not be reached at all (browser mode: the host was stopped). */
export const unreachable = (): ApiError =>
  new ApiError({ code: 'INTERNAL', message: '无法连接到程序后台，请确认清廉台账仍在运行，然后刷新页面。' });
