/**
 * The one Content-Security-Policy of the UI, whichever shell serves it (Electron's
 * app:// protocol, browser mode's loopback server, and a <meta> copy in the built
 * index.html as a second line of defence).
 * - Only our own files run: no inline script, no eval, no remote origins at all.
 * - `style-src 'unsafe-inline'`: antd's CSS-in-JS injects <style> elements.
 * - `img-src data: blob:` / `font-src data:`: inlined fonts, scans and previews.
 * - Frames fall back to 'self' (the letter preview is a sandboxed srcdoc frame).
 * - No plugins, no <base>, no being framed, no form posts (the UI talks through the contract).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The <meta> form: frame-ancestors is ignored there (browsers warn), so it is left out. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
