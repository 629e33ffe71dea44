/**
 * GB/T 9704-2012 geometry in millimetres. Everything the templates place is computed
 * from these numbers; docs/letters.md derives them.
 */

export const PT = 25.4 / 72; // 1 pt in mm

export const A4 = { width: 210, height: 297 } as const;

/** 版心 (text block): 156 × 225 mm, top margin 37 mm, left (binding) margin 28 mm. */
export const BLOCK = { left: 28, top: 37, width: 156, height: 225 } as const;
export const BLOCK_RIGHT = BLOCK.left + BLOCK.width; // 184
export const BLOCK_BOTTOM = BLOCK.top + BLOCK.height; // 262

/** 22 lines of 28 characters. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** Line pitch: 225 / 22 = 10.227 mm (28.99 pt). */
export const ROW = BLOCK.height / LINES_PER_PAGE;
/** Character pitch: 156 / 28 = 5.571 mm; a 3号 (16 pt) character is 5.644 mm, so letters are set 0.07 mm tighter (as Word's 文档网格 does). */
export const CELL = BLOCK.width / CHARS_PER_LINE;

/** Font sizes (pt) by the Chinese size names. */
export const SIZE = { 小初: 36, 一号: 26, 二号: 22, 三号: 16, 四号: 14, 小四: 12, 五号: 10.5 } as const;

export const BODY_PT = SIZE.三号;
export const TITLE_PT = SIZE.二号;
export const PAGE_NUMBER_PT = SIZE.四号;

/** Letter-spacing that makes 28 body characters fill 156 mm, with 0.01 mm per character to spare for rounding. */
export const BODY_LETTER_SPACING = CELL - BODY_PT * PT - 0.01;

/** Top of grid row `i` (0-based) of a page. */
export const rowTop = (i: number) => BLOCK.top + i * ROW;
/** Where the em box of text of `pt` points sits vertically when centred in row `i`. */
export const emTopInRow = (i: number, pt: number) => rowTop(i) + (ROW - pt * PT) / 2;

/** Letter format (信函格式, GB/T 9704 §10.2). */
export const LETTER = {
  /** 发文机关标志: top edge 30 mm from the top of the page. */
  authorityTop: 30,
  authorityPt: SIZE.一号,
  /** The red double lines: 170 mm long, centred; the first 4 mm under the authority's name, the second 20 mm above the bottom edge. */
  lineLength: 170,
  lineLeft: (A4.width - 170) / 2,
  lineGapBelowAuthority: 4,
  lineBottomFromEdge: 20,
  /** 上粗下细 (and 上细下粗 at the foot) reads at a glance: the thick line over three times the thin one, with a narrow gap. */
  thick: 1.0,
  gap: 0.5,
  thin: 0.3,
  /** 发文字号 and the first line: 7/8 of a 3号 character's height apart. */
  sevenEighths: (7 / 8) * BODY_PT * PT,
  /** The document number's row (its em box then sits 7/8 of a character under the first line). */
  docNumberRow: 1,
  /** Title: two blank rows under the document number. */
  titleRow: 4,
  color: '#e00000',
} as const;

/** The red line's top, from the authority's font size. */
export const firstLineTop = (authorityPt: number = LETTER.authorityPt) =>
  LETTER.authorityTop + authorityPt * PT + LETTER.lineGapBelowAuthority;
export const secondLineTop = () => A4.height - LETTER.lineBottomFromEdge - (LETTER.thick + LETTER.gap + LETTER.thin);

/** Page numbers: 4号 half-width digits between em dashes, the dashes 7 mm under the text block; odd pages right, even left, one character in. */
export const PAGE_NUMBER = {
  centerY: BLOCK_BOTTOM + 7,
  inset: PAGE_NUMBER_PT * PT,
} as const;

/** Sign-off (GB/T 9704 §7.3.5.1): date with four characters of space on its right, sender centred over it. */
export const SIGN = {
  dateRightSpaceCells: 4,
  /** Blank rows between the body (or 附件说明) and the sender's row: the seal's top stays within one row of the text. */
  blankRowsBefore: 2,
  sealDiameter: 42,
} as const;

/** A4 landscape lists (台账): not GB/T 9704, just a readable table. */
export const LANDSCAPE = {
  width: 297,
  height: 210,
  left: 18,
  right: 18,
  top: 16,
  bottom: 16,
} as const;
