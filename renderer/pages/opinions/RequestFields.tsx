/**
 * The fields of a 征求意见函 as the clerk enters them, one Form.Item each: shared by 登记来函
 * (NewRequestPage) and 修改来函信息 (RequestDetailPage), so a field is added to one form.
 */
import { AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { PURPOSES, REQUEST_FIELDS, requestsCreateInput, type RequestValues } from '../../../core/opinions/contract';
import { DateInput } from '../../components/DateInput';
import { zodRule } from '../../lib/zodForm';

/** The fields the form holds (blank: null), and the field names server errors land on. */
export type RequestFormValues = { [K in keyof RequestValues]?: RequestValues[K] | null };
export { REQUEST_FIELDS };

const shape = requestsCreateInput.shape;
const REQUESTERS = ['市委组织部', '县委组织部', '市直机关工委', '市人力资源和社会保障局', '市委统战部', '市总工会', '团市委', '市妇联'];

/** A request's stored values as the form's initial values. */
export const requestFormValues = (r: RequestValues): RequestFormValues => Object.fromEntries(REQUEST_FIELDS.map((f) => [f, r[f]]));

export function RequestFields({ wide, dueText, purposeHint }: { wide: boolean; dueText?: ReactNode; purposeHint: string }) {
  // A page row holds four short fields; the dialog two.
  const short = wide ? 6 : 12;
  const long = wide ? 12 : 24;
  return (
    <Row gutter={16}>
      <Col span={short}>
        <Form.Item label="来函单位" name="requester" rules={[zodRule(shape.requester)]}>
          {wide ? (
            <AutoComplete options={REQUESTERS.map((r) => ({ value: r }))} maxLength={60} filterOption={false} />
          ) : (
            <Input maxLength={60} />
          )}
        </Form.Item>
      </Col>
      <Col span={short}>
        <Form.Item label="来函文号" name="requesterDocNumber" rules={[zodRule(shape.requesterDocNumber)]}>
          <Input maxLength={60} placeholder={wide ? '如 市组干函〔2025〕12号' : undefined} />
        </Form.Item>
      </Col>
      <Col span={long}>
        <Form.Item label="来函标题" name="title" rules={[zodRule(shape.title)]}>
          <Input maxLength={200} placeholder={wide ? '如 关于征求张三等同志党风廉政情况意见的函' : undefined} />
        </Form.Item>
      </Col>
      <Col span={short}>
        <Form.Item label="收文日期" name="receivedDate" rules={[zodRule(shape.receivedDate)]} extra={dueText}>
          <DateInput allowClear={false} />
        </Form.Item>
      </Col>
      <Col span={short}>
        <Form.Item label="用途" name="purpose" rules={[zodRule(shape.purpose)]} extra={purposeHint}>
          <Select placeholder="请选择" options={PURPOSES.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
      </Col>
      <Col span={long}>
        <Form.Item label="备注" name="notes" rules={[zodRule(shape.notes)]} style={wide ? undefined : { marginBottom: 0 }}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
    </Row>
  );
}
