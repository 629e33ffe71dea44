/**
 * Picks one person from 人员库 with a server search (people.list), so it works with
 * any number of people. Each option shows 姓名 + 单位 + 出生年月: two 张伟 are told
 * apart before the clerk picks.
 *
 * IME: antd's Select calls onSearch on every pinyin keystroke (ant-design #49047); the
 * search is debounced and skipped while a composition is active, and runs once, at
 * once, on compositionend.
 */
import { Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type CompositionEvent } from 'react';
import type { PersonListItem } from '../../core/people/contract';
import { useApiQuery } from '../api/hooks';
import { formatBirthMonth } from '../lib/format';
import { SEARCH_DEBOUNCE_MS, isComposingKey } from '../lib/ime';

export interface PersonPickerProps {
  value?: string | null;
  onChange?: (id: string | null, person: PersonListItem | null) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  autoFocus?: boolean;
  'aria-label'?: string;
  /** How many matches to offer (default 20). */
  limit?: number;
}

/** "市财政局 科长 1980年5月" (ideographic spaces) — what tells same-name people apart. */
export function personDistinguisher(p: Pick<PersonListItem, 'unitName' | 'unitPath' | 'birthMonth' | 'position'>): string {
  return [p.unitPath ?? p.unitName ?? '（未填单位）', p.position, p.birthMonth ? formatBirthMonth(p.birthMonth) : '（未填出生年月）']
    .filter(Boolean)
    .join('\u3000');
}

export function PersonPicker({
  value,
  onChange,
  placeholder = '输入姓名、拼音首字母或单位查找人员',
  style,
  id,
  autoFocus,
  limit = 20,
  ...rest
}: PersonPickerProps) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<PersonListItem | null>(null);
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);

  const searchNow = (text: string) => {
    cancel();
    setQuery(text.trim());
  };
  const onSearch = (text: string) => {
    if (composing.current) return; // pinyin still being composed
    cancel();
    timer.current = setTimeout(() => {
      timer.current = null;
      if (!composing.current) setQuery(text.trim());
    }, SEARCH_DEBOUNCE_MS);
  };

  const search = useApiQuery('people.list', { query, page: 1, pageSize: limit }, { enabled: query.length > 0, keepPrevious: true });
  // The chosen person stays shown even when the current results no longer contain them.
  const all = useMemo(() => {
    const list = query ? [...(search.data?.items ?? [])] : [];
    if (selected && selected.id === value && !list.some((p) => p.id === selected.id)) list.unshift(selected);
    return list;
  }, [query, search.data, selected, value]);

  const options = all.map((p) => ({
    value: p.id,
    label: `${p.name}（${personDistinguisher(p)}）`,
    person: p,
  }));

  return (
    <span
      style={{ display: 'inline-block', ...style }}
      onCompositionStartCapture={() => {
        composing.current = true;
        cancel();
      }}
      onKeyDownCapture={(e) => {
        // Enter that picks an IME candidate must not pick a person too.
        if (e.key === 'Enter' && isComposingKey(e, composing.current)) e.stopPropagation();
      }}
      onCompositionEndCapture={(e: CompositionEvent<HTMLSpanElement>) => {
        composing.current = false;
        searchNow((e.target as HTMLInputElement).value ?? '');
      }}
    >
      <Select<string, (typeof options)[number]>
        id={id}
        aria-label={rest['aria-label']}
        autoFocus={autoFocus}
        style={{ width: '100%' }}
        value={value ?? null}
        placeholder={placeholder}
        allowClear
        showSearch={{ filterOption: false, onSearch }}
        loading={search.isFetching}
        options={options}
        notFoundContent={query ? (search.isFetching ? '正在查找…' : '没有找到匹配的人员') : '请输入姓名、拼音首字母或单位'}
        optionRender={(option) => {
          const p = option.data.person;
          return (
            <Space size={6} wrap={false}>
              <span>{p.name}</span>
              {p.homonymCount > 0 ? <Tag color="orange">同名</Tag> : null}
              <Typography.Text type="secondary">{personDistinguisher(p)}</Typography.Text>
            </Space>
          );
        }}
        onChange={(id, option) => {
          const person = option && !Array.isArray(option) ? option.person : null;
          setSelected(person);
          onChange?.(id ?? null, person);
        }}
        popupMatchSelectWidth={false}
      />
    </span>
  );
}
