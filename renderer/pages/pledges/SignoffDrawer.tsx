/**
 * 登记签订 for one person of a roster: 已签订, 签订日期 (not before the campaign's start —
 * the server says so on the field), 方式 集中/个别, 留存 本人/纪委/组织部, and the family
 * co-signer when the campaign needs one.
 */
import { Checkbox, Col, Descriptions, Form, Input, Radio, Row } from 'antd';
import { useState } from 'react';
import { COPY_HOLDERS, SIGN_METHODS, rosterSignoffInput, type CampaignDetail, type RosterEntry } from '../../../core/pledges/contract';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormDrawer } from '../../components/FormDrawer';
import { personDistinguisher } from '../../components/PersonPicker';
import { cnDate } from '../../lib/dates';
import { freshPerOpening } from '../../lib/freshPerOpening';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';

const S = rosterSignoffInput.shape;
const FIELDS = ['signed', 'signedDate', 'signMethod', 'copies', 'cosignerName', 'cosignerRelation'];

type Method = (typeof SIGN_METHODS)[number];
type Holder = (typeof COPY_HOLDERS)[number];

interface FormValues {
  signed: boolean;
  signedDate: string | null;
  signMethod: Method | null;
  copies: Holder[];
  cosignerName: string | null;
  cosignerRelation: string | null;
}

export interface SignoffDrawerProps {
  open: boolean;
  campaign: CampaignDetail;
  entry: RosterEntry | null;
  onClose: () => void;
  onSaved?: (e: RosterEntry) => void;
}

export const SignoffDrawer = freshPerOpening(SignoffDialog);

/** Channels whose data a sign-off changes. */
function SignoffDialog({ open, campaign, entry, onClose, onSaved }: SignoffDrawerProps) {
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const signoff = useApiMutation('pledgeRoster.signoff');
  const signed = Form.useWatch('signed', form);
  if (!entry) return null;

  const initial: FormValues = entry.signed
    ? {
        signed: true,
        signedDate: entry.signedDate,
        signMethod: entry.signMethod,
        copies: entry.copies,
        cosignerName: entry.cosignerName,
        cosignerRelation: entry.cosignerRelation,
      }
    : {
        signed: true,
        signedDate: null,
        signMethod: '个别',
        copies: ['本人', '纪委'],
        cosignerName: null,
        cosignerRelation: campaign.cosignerLabel === '配偶' ? '配偶' : null,
      };

  const save = async (raw: FormValues) => {
    setError(null);
    const values = raw.signed
      ? { ...raw, rosterId: entry.id, rev: entry.rev }
      : {
          rosterId: entry.id,
          rev: entry.rev,
          signed: false,
          signedDate: null,
          signMethod: null,
          copies: [],
          cosignerName: null,
          cosignerRelation: null,
        };
    const input = parseForm(form, rosterSignoffInput, values, FIELDS);
    if (!input) {
      setError('请按提示修改标红的项目后再保存。');
      return;
    }
    try {
      onSaved?.(await signoff.mutateAsync(input));
      onClose();
    } catch (e) {
      setError(showServerError(form, e, FIELDS));
    }
  };

  const cosignWho = campaign.cosignerLabel ?? '家属';
  return (
    <FormDrawer
      open={open}
      title={`登记签订：${entry.person.name}`}
      form={form}
      onCancel={onClose}
      saving={signoff.isPending}
      error={error}
      width={560}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'who', label: '人员', children: `${entry.person.name}（${personDistinguisher(entry.person)}）` },
          { key: 'campaign', label: '批次', children: `${campaign.title}（开始日期${cnDate(campaign.startDate)}）` },
        ]}
      />
      <Form<FormValues>
        form={form}
        component={false}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        autoComplete="off"
        name="signoff"
      >
        <Form.Item label="是否已签订" name="signed" required>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: '已签订' },
              { value: false, label: '未签订' },
            ]}
          />
        </Form.Item>
        {signed ? (
          <>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item label="签订日期" name="signedDate" required rules={[zodRule(S.signedDate)]}>
                  <DateInput />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="签订方式" name="signMethod">
                  <Radio.Group options={SIGN_METHODS.map((m) => ({ value: m, label: m }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label="留存" name="copies" extra="签订的承诺书由谁留存（可多选）">
              <Checkbox.Group options={COPY_HOLDERS.map((h) => ({ value: h, label: h }))} />
            </Form.Item>
            {campaign.needsCosigner ? (
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item label={`共同签名人（${cosignWho}）姓名`} name="cosignerName" required rules={[zodRule(S.cosignerName)]}>
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label="与本人关系" name="cosignerRelation" rules={[zodRule(S.cosignerRelation)]}>
                    <Input maxLength={10} placeholder="如：配偶、子女" />
                  </Form.Item>
                </Col>
              </Row>
            ) : null}
          </>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
