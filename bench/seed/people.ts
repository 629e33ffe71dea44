/**
 * Realistic throw-away registers for benchmarks and search tests: common surnames
 * with their real weight, 1-2 character given names (so same names repeat, as in a
 * real city), a unit tree of bureaus and townships, typical positions.
 * Inserted directly (one transaction, prepared statements) with the same search keys
 * the app computes, because 200,000 rows through the audited write path would take minutes.
 */
import { newId } from '../../db/ids';
import type { Db } from '../../db/open';
import { nameKeys } from '../../core/people/pinyin';
import { indexPersonGrams } from '../../core/people/searchIndex';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
const POSITIONS = [
  '科员',
  '副科长',
  '科长',
  '副主任',
  '主任',
  '副局长',
  '局长',
  '党组书记',
  '副镇长',
  '镇长',
  '党委书记',
  '办公室主任',
  '站长',
  '所长',
  '副所长',
  '会计',
  '村党支部书记',
  '村委会主任',
  '一级主任科员',
  '二级主任科员',
];
const BUREAUS = [
  '财政局',
  '教育局',
  '公安局',
  '民政局',
  '人力资源和社会保障局',
  '自然资源和规划局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '城市管理局',
  '发展和改革委员会',
  '工业和信息化局',
  '司法局',
  '退役军人事务局',
  '林业局',
];
const TOWNS = '城关 东湖 西山 南塘 北岭 青石 白沙 黄土 红岩 金桥 银杏 凤凰 龙泉 桃源 柳河 梅岭 竹林 松柏 石门 清水'.split(' ');

/** Deterministic PRNG so runs are comparable. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[] | string): T => list[Math.floor(r() * list.length)] as T;
/** Surnames follow a rough Zipf weight: 王李张 are far more common than 汤. */
const pickSurname = (r: () => number) => SURNAMES[Math.floor(SURNAMES.length * Math.pow(r(), 2.2))]!;

export interface SeededRegister {
  unitIds: string[];
  unitNames: string[];
  peopleCount: number;
}

export function seedRegister(db: Db, options: { people: number; seed?: number; at?: string }): SeededRegister {
  const r = rng(options.seed ?? 20250701);
  const at = options.at ?? '2026-01-01T00:00:00.000Z';
  const unitIds: string[] = [];
  const unitNames: string[] = [];
  const insertUnit = db.prepare('INSERT INTO units (id, parent_id, name, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertPerson = db.prepare(`
    INSERT INTO people (id, name, name_pinyin, name_initials, gender, birth_month, political_status, category, unit_id, position, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    let order = 0;
    const addUnit = (name: string, parent: string | null) => {
      const id = newId();
      insertUnit.run(id, parent, name, order++, at, at);
      unitIds.push(id);
      unitNames.push(name);
      return id;
    };
    const city = addUnit('市直机关', null);
    for (const b of BUREAUS) {
      const bureau = addUnit(`市${b}`, city);
      for (const office of ['办公室', '财务科', '综合科']) addUnit(office, bureau);
    }
    const towns = addUnit('乡镇街道', null);
    for (const t of TOWNS) {
      const town = addUnit(`${t}镇人民政府`, towns);
      for (let v = 1; v <= 8; v++) addUnit(`${t}${'一二三四五六七八'[v - 1]}村`, town);
    }
    for (let i = 0; i < options.people; i++) {
      const name = pickSurname(r) + pick<string>(r, GIVEN) + (r() < 0.6 ? pick<string>(r, GIVEN) : '');
      const keys = nameKeys(name);
      const position = pick(r, POSITIONS);
      const year = 1960 + Math.floor(r() * 40);
      const month = 1 + Math.floor(r() * 12);
      const info = insertPerson.run(
        newId(),
        name,
        keys.full,
        keys.initials,
        r() < 0.55 ? '男' : '女',
        `${year}-${String(month).padStart(2, '0')}`,
        r() < 0.7 ? '中共党员' : '群众',
        pick(r, ['公务员', '参公', '事业', '国企', '村社区']),
        unitIds[1 + Math.floor(r() * (unitIds.length - 1))],
        position,
        at,
        at,
      );
      indexPersonGrams(db, Number(info.lastInsertRowid), name, position);
    }
  })();
  return { unitIds, unitNames, peopleCount: options.people };
}
