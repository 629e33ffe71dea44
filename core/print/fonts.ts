/**
 * Which typeface each role of a letter uses, and the @font-face rules that bring the
 * bundled faces into a document.
 *
 * - System fonts: on Windows, the Fonts folders are listed and known file names mapped
 *   to families (simfang.ttf → 仿宋 …); elsewhere `fc-list :lang=zh family file` is asked.
 *   Detection runs once per process; the result is reported in 设置 (print.fonts).
 * - Bundled fonts (OFL-1.1, from npm, pinned): @fontsource/noto-serif-sc (仿宋 and 宋体
 *   stand-in at 400, 小标宋 stand-in at 700), @fontsource/noto-sans-sc (黑体 stand-in),
 *   @fontsource/lxgw-wenkai (楷体 stand-in). They come as woff2 subsets with unicode
 *   ranges; a document inlines, as data: URLs, only the subsets holding characters it
 *   uses. Inlined woff2 embeds in Chromium's PDFs as CID TrueType, so text copied from
 *   the PDF is the real characters (Debian's .otf Noto CJK gives Type 3 and Kangxi radicals).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FONT_ROLES, type FontMode, type FontReport, type FontRole, type ResolvedFont } from './contract';

/** Installed families to look for, best first, per role. */
export const SYSTEM_CANDIDATES: Record<FontRole, string[]> = {
  fangsong: [
    '仿宋_GB2312',
    'FangSong_GB2312',
    '仿宋',
    'FangSong',
    '方正仿宋_GBK',
    'FZFangSong-Z02',
    'CESI仿宋-GB2312',
    'CESI仿宋-GB18030',
    '华文仿宋',
    'STFangsong',
  ],
  xiaobiaosong: [
    '方正小标宋简体',
    'FZXiaoBiaoSong-B05S',
    '方正小标宋_GBK',
    'FZXiaoBiaoSong-B05',
    'CESI小标宋-GB2312',
    'CESI小标宋-GB18030',
    '华文中宋',
    'STZhongsong',
  ],
  heiti: [
    '黑体',
    'SimHei',
    '方正黑体_GBK',
    'FZHei-B01',
    '方正黑体简体',
    'FZHei-B01S',
    'CESI黑体-GB2312',
    'CESI黑体-GB18030',
    '华文黑体',
    'STHeiti',
  ],
  kaiti: [
    '楷体_GB2312',
    'KaiTi_GB2312',
    '楷体',
    'KaiTi',
    '方正楷体_GBK',
    'FZKai-Z03',
    'CESI楷体-GB2312',
    'CESI楷体-GB18030',
    '华文楷体',
    'STKaiti',
  ],
  songti: ['宋体', 'SimSun', '方正书宋_GBK', 'FZShuSong-Z01', 'CESI宋体-GB2312', 'CESI宋体-GB18030', '华文宋体', 'STSong'],
};

/** Windows: font file name (lower case) → family, for the files Windows and common office installs use. */
const WINDOWS_FILES: Record<string, string> = {
  'simfang.ttf': '仿宋',
  'fs_gb2312.ttf': '仿宋_GB2312',
  'simfang_gb2312.ttf': '仿宋_GB2312',
  'fzfsk.ttf': '方正仿宋_GBK',
  'stfangso.ttf': '华文仿宋',
  'fzxbsjw.ttf': '方正小标宋简体',
  'fzxbsk.ttf': '方正小标宋_GBK',
  'stzhongs.ttf': '华文中宋',
  'simhei.ttf': '黑体',
  'fzhtk.ttf': '方正黑体_GBK',
  'fzhtjw.ttf': '方正黑体简体',
  'simkai.ttf': '楷体',
  'kt_gb2312.ttf': '楷体_GB2312',
  'simkai_gb2312.ttf': '楷体_GB2312',
  'fzktk.ttf': '方正楷体_GBK',
  'stkaiti.ttf': '华文楷体',
  'simsun.ttc': '宋体',
  'fzssk.ttf': '方正书宋_GBK',
  'stsong.ttf': '华文宋体',
};
/**
 * UOS / Kylin / other Linux without fontconfig's answer: font file name (lower case) → family.
 * The CESI faces (中国电子技术标准化研究院) ship with UOS and Kylin; offices also copy the
 * Windows and 方正 files over, so those names count too.
 */
const LINUX_FILES: Record<string, string> = {
  ...WINDOWS_FILES,
  'cesi_fs_gb2312.ttf': 'CESI仿宋-GB2312',
  'cesi_fs_gb18030.ttf': 'CESI仿宋-GB18030',
  'cesi_xbs_gb2312.ttf': 'CESI小标宋-GB2312',
  'cesi_xbs_gb18030.ttf': 'CESI小标宋-GB18030',
  'cesi_ht_gb2312.ttf': 'CESI黑体-GB2312',
  'cesi_ht_gb18030.ttf': 'CESI黑体-GB18030',
  'cesi_kt_gb2312.ttf': 'CESI楷体-GB2312',
  'cesi_kt_gb18030.ttf': 'CESI楷体-GB18030',
  'cesi_ss_gb2312.ttf': 'CESI宋体-GB2312',
  'cesi_ss_gb18030.ttf': 'CESI宋体-GB18030',
};
/** Where Linux desktops keep fonts (system, local, per user). */
export const linuxFontDirs = (env: NodeJS.ProcessEnv) => [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  ...(env.HOME ? [path.join(env.HOME, '.local', 'share', 'fonts'), path.join(env.HOME, '.fonts')] : []),
];

/** Windows families are matched by their Chinese or English names alike. */
const WINDOWS_ALIASES: Record<string, string[]> = {
  仿宋: ['FangSong'],
  黑体: ['SimHei'],
  楷体: ['KaiTi'],
  宋体: ['SimSun'],
};

interface BundledFace {
  pkg: string;
  css: string;
  /** weight shown to the clerk */
  weight: number;
}
const BUNDLED: Record<FontRole, BundledFace> = {
  fangsong: { pkg: '@fontsource/noto-serif-sc', css: '400.css', weight: 400 },
  xiaobiaosong: { pkg: '@fontsource/noto-serif-sc', css: '700.css', weight: 700 },
  heiti: { pkg: '@fontsource/noto-sans-sc', css: '500.css', weight: 500 },
  kaiti: { pkg: '@fontsource/lxgw-wenkai', css: '500.css', weight: 500 },
  songti: { pkg: '@fontsource/noto-serif-sc', css: '400.css', weight: 400 },
};
/**
 * The face for every character the role's face lacks: 花園明朝 (HanaMin A/B, GlyphWiki,
 * OFL-1.1; npm `hanamin`, woff2 subsets by Unicode block), a TrueType Ming face covering
 * the whole of CJK Unified Ideographs and Extensions A–F. The Noto faces hold about 12,000
 * of the basic block's 21,000 characters and almost none of Extension A; without this, a
 * name such as 䶮 (U+4DAE) or 𠮷 (U+20BB7) fell back to whatever the machine had and came
 * out as Type 3 or as a blank box.
 */
export const RARE_FACE = { pkg: 'hanamin', css: 'HanaMin.css' } as const;
export const RARE_FAMILY = 'QL Bundled rare';

/** What the clerk reads in 设置 (the packages' own names stay in `bundledPackage` and docs/letters.md). */
const BUNDLED_NAMES: Record<FontRole, string> = {
  fangsong: '思源宋体 常规',
  xiaobiaosong: '思源宋体 粗体',
  heiti: '思源黑体 中等',
  kaiti: '霞鹜文楷',
  songti: '思源宋体 常规',
};

/** Chinese names of installed families whose listed name is Latin (FangSong → 仿宋). */
const FAMILY_CHINESE_NAMES: Record<string, string> = {
  FangSong_GB2312: '仿宋_GB2312',
  FangSong: '仿宋',
  'FZFangSong-Z02': '方正仿宋',
  STFangsong: '华文仿宋',
  'FZXiaoBiaoSong-B05S': '方正小标宋简体',
  'FZXiaoBiaoSong-B05': '方正小标宋',
  STZhongsong: '华文中宋',
  SimHei: '黑体',
  'FZHei-B01': '方正黑体',
  'FZHei-B01S': '方正黑体简体',
  STHeiti: '华文黑体',
  KaiTi_GB2312: '楷体_GB2312',
  KaiTi: '楷体',
  'FZKai-Z03': '方正楷体',
  STKaiti: '华文楷体',
  SimSun: '宋体',
  'FZShuSong-Z01': '方正书宋',
  STSong: '华文宋体',
};
export const chineseFamilyName = (family: string) => FAMILY_CHINESE_NAMES[family] ?? family;
const hasHan = (s: string) => /[\u4e00-\u9fa5]/.test(s);

/** The CSS family name of a role's bundled face inside documents. */
export const bundledFamily = (role: FontRole) => `QL Bundled ${role}`;

// ---------------------------------------------------------------------------------
// System fonts

export interface SystemFonts {
  method: string;
  /** family (as listed) → file */
  families: Map<string, string | null>;
}

let systemCache: SystemFonts | null = null;

/** Finds installed CJK fonts once per process (fc-list or the Windows Fonts folders). */
export function systemFonts(): SystemFonts {
  if (!systemCache) systemCache = detectSystemFonts(process.platform, process.env);
  return systemCache;
}

/** For tests: forget what was detected. */
export function resetSystemFontCache(value: SystemFonts | null = null): void {
  systemCache = value;
}

/** Files under `dirs` (a few levels deep) whose names are known, as family → file. */
function scanFolders(dirs: string[], files: Record<string, string>, depth = 3): Map<string, string | null> {
  const families = new Map<string, string | null>();
  const walk = (dir: string, left: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (left > 0) walk(path.join(dir, e.name), left - 1);
        continue;
      }
      const family = files[e.name.toLowerCase()];
      if (!family || families.has(family)) continue;
      families.set(family, path.join(dir, e.name));
      for (const alias of WINDOWS_ALIASES[family] ?? []) families.set(alias, path.join(dir, e.name));
    }
  };
  for (const dir of dirs) walk(dir, depth);
  return families;
}

export interface DetectOptions {
  /** Linux: ask fontconfig first (default true); without an answer the font folders are scanned. */
  fcList?: boolean;
  /** Linux: the font folders to scan (default linuxFontDirs). */
  dirs?: string[];
}

export function detectSystemFonts(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, options: DetectOptions = {}): SystemFonts {
  if (platform === 'win32') {
    const dirs = [path.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts')];
    if (env.LOCALAPPDATA) dirs.push(path.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
    return {
      method: '按常见字体文件名查找系统字体文件夹中的中文字体；以其他文件名安装的字体不会被识别。',
      families: scanFolders(dirs, WINDOWS_FILES, 0),
    };
  }
  if (options.fcList !== false) {
    try {
      const out = execFileSync('fc-list', [':lang=zh', 'family', 'file'], {
        encoding: 'utf8',
        timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const families = new Map<string, string | null>();
      for (const line of out.split('\n')) {
        const m = /^(.*?):\s*(.*)$/.exec(line.trim());
        if (!m) continue;
        for (const fam of m[2]!.split(',')) {
          const name = fam.trim().replace(/\\-/g, '-');
          if (name && !families.has(name)) families.set(name, m[1]!);
        }
      }
      if (families.size) return { method: '由系统字体配置列出本机已安装的中文字体。', families };
    } catch {
      // no fontconfig: the folders are scanned below
    }
  }
  const families = scanFolders(options.dirs ?? linuxFontDirs(env), LINUX_FILES);
  return {
    method: families.size
      ? '按常见字体文件名查找系统字体文件夹（/usr/share/fonts 等）中的中文字体；以其他文件名安装的字体不会被识别。'
      : '本机没有找到已安装的公文字体，全部使用程序自带字体。',
    families,
  };
}

/** Resolves each role to an installed face (when allowed and found) or the bundled one. */
export function resolveFonts(mode: FontMode, sys: SystemFonts = systemFonts()): ResolvedFont[] {
  return FONT_ROLES.map((role) => {
    const b = BUNDLED[role];
    const bundled = `${BUNDLED_NAMES[role]}（程序自带开源字体）`;
    const bundledPackage = `${b.pkg} ${b.weight}（OFL-1.1）`;
    if (mode === 'system-first') {
      const hit = SYSTEM_CANDIDATES[role].find((f) => sys.families.has(f));
      if (hit)
        return {
          role,
          source: 'system',
          family: hit,
          file: sys.families.get(hit) ?? null,
          bundled,
          bundledPackage,
          note: `使用本机已安装的“${chineseFamilyName(hit)}”。`,
        };
      return {
        role,
        source: 'bundled',
        family: bundledFamily(role),
        file: null,
        bundled,
        bundledPackage,
        note: `本机未安装${SYSTEM_CANDIDATES[role]
          .filter((n) => hasHan(n) && !/^[A-Za-z]/.test(n))
          .slice(0, 3)
          .join('、')}等字体，使用程序自带的${BUNDLED_NAMES[role]}。`,
      };
    }
    return {
      role,
      source: 'bundled',
      family: bundledFamily(role),
      file: null,
      bundled,
      bundledPackage,
      note: `按设置始终使用程序自带的${BUNDLED_NAMES[role]}。`,
    };
  });
}

/** The standard's faces a letter needs, as the clerk names them. */
const REQUIRED_NAMES: Partial<Record<FontRole, string>> = { fangsong: '仿宋', xiaobiaosong: '小标宋', heiti: '黑体', kaiti: '楷体' };

/**
 * One note for 设置 › 字体 when installed faces are looked for but some of 仿宋 / 小标宋 /
 * 黑体 / 楷体 are missing: what the letters use instead, and where this kind of PC takes
 * the office's licensed fonts. Null when nothing is missing (or bundled fonts are chosen).
 */
export function fontAdvice(mode: FontMode, fonts: ResolvedFont[], platform: NodeJS.Platform = process.platform): string | null {
  if (mode !== 'system-first') return null;
  const missing = fonts.filter((f) => f.source === 'bundled' && REQUIRED_NAMES[f.role]);
  if (!missing.length) return null;
  const instead = missing.map((f) => `${REQUIRED_NAMES[f.role]}用${BUNDLED_NAMES[f.role]}`).join('，');
  const where =
    platform === 'win32'
      ? '在Windows上右键字体文件选择“为所有用户安装”（装入C:\\Windows\\Fonts）'
      : '在统信、麒麟等国产系统上用“字体管理器”安装，或复制到/usr/share/fonts/后运行 fc-cache -f';
  return `本机缺少${missing.map((f) => REQUIRED_NAMES[f.role]).join('、')}：公文改用程序自带的开源字体（${instead}），版式和字号不变，字形与正式公文略有不同。如需与正式公文一致，请将单位购买的正版字体（如仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312）${where}，然后重新启动本程序。`;
}

export function fontReport(mode: FontMode, serverPdf: FontReport['serverPdf']): FontReport {
  const sys = systemFonts();
  const fonts = resolveFonts(mode, sys);
  return {
    mode,
    method: sys.method,
    systemFamilies: [...sys.families.keys()].slice(0, 200),
    fonts,
    advice: fontAdvice(mode, fonts),
    serverPdf,
  };
}

// ---------------------------------------------------------------------------------
// Bundled faces: subsets by unicode-range, inlined as data: URLs

export interface Subset {
  file: string;
  ranges: [number, number][] | null; // null: the whole face
}

const subsetCache = new Map<string, Subset[]>();
const dataUrlCache = new Map<string, string>();

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

function subsetsOf(face: { pkg: string; css: string }): Subset[] {
  const key = `${face.pkg}/${face.css}`;
  const cached = subsetCache.get(key);
  if (cached) return cached;
  const dir = packageDir(face.pkg);
  const css = fs.readFileSync(path.join(dir, face.css), 'utf8');
  const subsets: Subset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    // fontsource: url(./files/x.woff2); hanamin: url(x.woff2) beside the CSS (its local() sources are never used)
    const file = /url\((?:\.\/)?([^)"']+\.woff2)\)/.exec(block)?.[1];
    if (!file) continue;
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    subsets.push({
      file: path.join(dir, file),
      ranges: range
        ? range.split(',').map((r) => {
            const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
            return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
          })
        : null,
    });
  }
  subsetCache.set(key, subsets);
  return subsets;
}

function dataUrl(file: string): string {
  let url = dataUrlCache.get(file);
  if (!url) {
    url = `data:font/woff2;base64,${fs.readFileSync(file).toString('base64')}`;
    dataUrlCache.set(file, url);
  }
  return url;
}

/**
 * Where a document's bundled fonts come from: inlined as data: URLs (preview, Electron,
 * anything saved), or fetched from FONT_URL_BASE, which only our own PDF renderer
 * answers (from the package files, cached by Chromium between documents: faster batches).
 */
export type FontSource = 'inline' | 'served';
export const FONT_URL_BASE = 'https://fonts.qinglian.invalid/';
const servedFiles = new Map<string, string>();
/** The file behind a served font URL's name, for the PDF renderer. */
export const servedFontFile = (name: string) => servedFiles.get(name) ?? null;

const inRanges = (c: number, ranges: [number, number][]) => ranges.some(([a, b]) => c >= a && c <= b);

/**
 * Which subsets (by index in subsetsOf's list) hold a character, per face: looked up once per
 * character and face and remembered, since every letter lays out the same few thousand
 * characters (a scan of ~100 subsets' ranges per character was most of renderDocument's time).
 */
const subsetsByChar = new Map<Subset[], Map<number, readonly number[]>>();
export function subsetsHolding(subsets: Subset[], c: number): readonly number[] {
  let memo = subsetsByChar.get(subsets);
  if (!memo) subsetsByChar.set(subsets, (memo = new Map()));
  let found = memo.get(c);
  if (!found) {
    found = subsets.flatMap((s, i) => (!s.ranges || inRanges(c, s.ranges) ? [i] : []));
    memo.set(c, found);
  }
  return found;
}

const ruleCache = new Map<string, string>();
function faceRule(family: string, s: Subset, source: FontSource): string {
  const key = `${family}\n${s.file}\n${source}`;
  const cached = ruleCache.get(key);
  if (cached) return cached;
  const range = s.ranges
    ? `unicode-range:${s.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')};`
    : '';
  let url: string;
  if (source === 'inline') url = dataUrl(s.file);
  else {
    const name = path.basename(s.file);
    servedFiles.set(name, s.file);
    url = FONT_URL_BASE + name;
  }
  const rule = `@font-face{font-family:"${family}";font-style:normal;font-weight:400;font-display:block;src:url(${url}) format("woff2");${range}}`;
  ruleCache.set(key, rule);
  return rule;
}

/** The rules of the subsets (in the face's own order) holding any of `codes`; characters none holds go to `lacking`. */
function rulesFor(family: string, subsets: Subset[], codes: number[], source: FontSource, lacking?: Set<number>): string[] {
  const used = new Set<number>();
  for (const c of codes) {
    const holding = subsetsHolding(subsets, c);
    for (const i of holding) used.add(i);
    if (lacking && c > 0x20 && !holding.length) lacking.add(c);
  }
  return subsets.flatMap((s, i) => (used.has(i) ? [faceRule(family, s, source)] : []));
}

let rareSubsets: Subset[] | null = null;

/**
 * @font-face rules for the bundled face of each role, with only the subsets that hold the
 * given characters, and the rare-character face's subsets for characters those lack.
 */
export function bundledFontFaces(usedByRole: Map<FontRole, Set<string>>, source: FontSource = 'inline'): string {
  const rules: string[] = [];
  const lacking = new Set<number>();
  for (const [role, chars] of usedByRole) {
    if (!chars.size) continue;
    const codes = [...chars].map((c) => c.codePointAt(0)!);
    rules.push(...rulesFor(bundledFamily(role), subsetsOf(BUNDLED[role]), codes, source, lacking));
  }
  if (lacking.size) {
    rareSubsets ??= subsetsOf(RARE_FACE).filter((s) => s.ranges); // only for the characters named, never a whole face
    rules.push(...rulesFor(RARE_FAMILY, rareSubsets, [...lacking], source));
  }
  return rules.join('\n');
}

/** The bundled files of a role's face (or the rare face), as the CSS lists them: the PDF writer picks a file per character the same way. */
export const bundledSubsets = (face: FontRole | 'rare'): Subset[] =>
  face === 'rare' ? (rareSubsets ??= subsetsOf(RARE_FACE).filter((s) => s.ranges)) : subsetsOf(BUNDLED[face]);

/** Unicode ranges the bundled 仿宋 stand-in and the rare-character face draw, merged (for glyphCoverage.ts). */
export function drawableRanges(): [number, number][] {
  const all = [...subsetsOf(BUNDLED.fangsong), ...subsetsOf(RARE_FACE)].flatMap((s) => s.ranges ?? []);
  all.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The CSS font-family list of a role: the resolved face, then the bundled one for anything it lacks. */
export function familyList(font: ResolvedFont): string {
  const bundled = `"${bundledFamily(font.role)}", "${RARE_FAMILY}"`;
  return font.source === 'system' ? `"${font.family.replace(/"/g, '')}", ${bundled}` : bundled;
}
