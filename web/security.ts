import { timingSafeEqual } from 'node:crypto';

export { SESSION_HEADER, TOKEN_HEADER } from '../core/api';

/** The hosts a browser may use to reach us: loopback by IP or name, on our port. DNS-rebinding pages carry another Host. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  token: string | undefined;
}

/**
 * Decides whether an API request may reach the core. Returns null when it may, or the
 * Chinese reason it may not. Checks: Host is ours (DNS rebinding), Origin — when the
 * browser sends one — is ours (cross-site requests), and the token matches.
 */
export function rejectReason(req: RequestFacts, port: number, token: string): string | null {
  const hosts = allowedHosts(port);
  if (!req.host || !hosts.includes(req.host.toLowerCase())) return '请求的主机名不正确，已拒绝。';
  if (req.origin !== undefined && !hosts.map((h) => `http://${h}`).includes(req.origin.toLowerCase())) {
    return '请求来自其他网页，已拒绝。';
  }
  if (!req.token || !sameSecret(req.token, token)) return '访问令牌不正确，请使用启动时显示的地址重新打开。';
  return null;
}

/** Host check alone, for static files (they hold no data, but a rebinding page must not read them either). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return !!host && allowedHosts(port).includes(host.toLowerCase());
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The UI's one policy, the same as the Electron window's. */
export { CONTENT_SECURITY_POLICY } from '../core/config/contentSecurityPolicy';
