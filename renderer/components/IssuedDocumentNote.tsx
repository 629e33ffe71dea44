/**
 * What the detail page of an issued document says about its stored copy: when and by whom
 * it was stored, its SHA-256, whether it was reconstructed at the upgrade, whether the
 * archival PDF is kept — and, as information only, where the live records now differ.
 */
import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import type { IssuedDocumentInfo } from '../../core/issuedDocuments/contract';
import { formatDateTime } from '../lib/format';

export function IssuedDocumentNote({ info, what }: { info: IssuedDocumentInfo; what: string }) {
  // The hashes are for checking a copy, not for reading: shown on request.
  const [showHashes, setShowHashes] = useState(false);
  const origin = info.reconstructed
    ? `本${what}的存档是程序升级时依据当时的记录重建的（并非签发时原样保存）`
    : `本${what}已于${formatDateTime(info.createdAt)}${info.createdBy ? `由${info.createdBy}` : ''}签发时原样存档`;
  return (
    <div data-testid="issued-document-note">
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 8 }}
        title={`${origin}；此后查看、打印和保存文件均以存档为准，不随人员、单位或设置的修改而改变。`}
        description={
          showHashes ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              存档内容校验值：<span data-testid="issued-sha256">{info.sha256}</span>
              {info.pdfSha256 ? (
                <>
                  ；存档PDF校验值：<span data-testid="issued-pdf-sha256">{info.pdfSha256}</span>
                </>
              ) : (
                '；首次生成PDF时保存存档PDF，此后每次取用同一文件。'
              )}
            </Typography.Text>
          ) : (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShowHashes(true)}>
              显示校验值
            </Button>
          )
        }
      />
      {info.differences.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="issued-differences"
          title={`现有记录与存档${what}有${info.differences.length}处不同（仅供参考，${what}内容不变）：`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {info.differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </div>
  );
}
