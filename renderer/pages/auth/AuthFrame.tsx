import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card of the setup and login screens. */
export function AuthFrame({
  title,
  subtitle,
  width = 420,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 24,
        background: 'linear-gradient(160deg, #8e1616 0%, #b71c1c 35%, #f0f2f5 35%)',
      }}
    >
      <Card style={{ width, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0, marginBottom: subtitle ? 4 : 24 }}>
          {title}
        </Typography.Title>
        {subtitle ? (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
            {subtitle}
          </Typography.Paragraph>
        ) : null}
        {children}
      </Card>
    </div>
  );
}
