import type { ThemeConfig } from 'antd';

export const FONT_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * The header carries the office's red; controls use a sober navy so that a focused field
 * is never mistaken for a field with an error (antd draws errors in red).
 */
export const theme: ThemeConfig = {
  token: {
    fontFamily: FONT_STACK,
    colorPrimary: '#1f4e8c',
    fontSize: 14,
    motion: !prefersReducedMotion(),
  },
};

/**
 * A user whose system asks for less motion (Windows: 设置 › 辅助功能 › 动画效果 off) gets
 * no sliding dropdowns or zooming dialogs: antd's motion is switched off as a whole. The
 * e2e tests run that way too (playwright.config.ts sets reducedMotion), so a click never
 * lands on a dropdown that is still sliding in.
 */
function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}
