/**
 * Several persons from 人员库: pick one at a time with PersonPicker (server search, same-name
 * people told apart by 单位 and 出生年月); the chosen ones are listed as closable tags.
 */
import { App, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PersonPicker, personDistinguisher } from './PersonPicker';

export interface PickedPerson {
  id: string;
  /** "张三（市财政局 科长）" */
  label: string;
}

export interface PersonMultiPickerProps {
  value?: PickedPerson[];
  onChange?: (value: PickedPerson[]) => void;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  placeholder?: string;
}

export function PersonMultiPicker({ value = [], onChange, id, disabled, placeholder, ...rest }: PersonMultiPickerProps) {
  const { message } = App.useApp();
  const [picker, setPicker] = useState<string | null>(null);
  return (
    <div>
      <PersonPicker
        id={id}
        aria-label={rest['aria-label']}
        style={{ width: '100%' }}
        value={picker}
        placeholder={placeholder ?? '输入姓名或拼音查找，选中即加入'}
        onChange={(_id, p) => {
          setPicker(null);
          if (!p || disabled) return;
          if (value.some((v) => v.id === p.id)) {
            message.warning(`${p.name}已在列表中`);
            return;
          }
          onChange?.([...value, { id: p.id, label: `${p.name}（${personDistinguisher(p)}）` }]);
        }}
      />
      {value.length ? (
        <Flex wrap gap={4} style={{ marginTop: 8 }} data-testid="picked-persons">
          {value.map((p) => (
            <Tag
              key={p.id}
              closable={!disabled}
              onClose={() => onChange?.(value.filter((v) => v.id !== p.id))}
              style={{ marginInlineEnd: 0 }}
            >
              {p.label}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
          尚未选择人员
        </Typography.Text>
      )}
    </div>
  );
}
