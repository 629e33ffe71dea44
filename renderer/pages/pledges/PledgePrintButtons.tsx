/** 打印承诺书: pre-filled forms for the roster (everyone, or those not signed yet), one page per person. */
import { Button } from 'antd';
import type { CampaignDetail } from '../../../core/pledges/contract';
import { PrintPreviewModal } from '../../components/PrintPreviewModal';
import { useDialog } from '../../lib/useDialog';

export function PledgePrintButtons({ campaign }: { campaign: CampaignDetail }) {
  const printing = useDialog();
  const unsigned = campaign.rosterCount - campaign.signedCount;
  return (
    <>
      <Button onClick={() => printing.open(true)} disabled={!campaign.rosterCount}>
        打印承诺书
      </Button>
      {printing.isOpen ? (
        <PrintPreviewModal
          key={printing.key}
          open
          title={`打印承诺书：${campaign.title}`}
          onClose={printing.close}
          choices={[
            {
              key: 'all',
              label: `全部人员（${campaign.rosterCount}份）`,
              request: { kind: 'pledgeForms', campaignId: campaign.id, filter: 'all' },
            },
            ...(unsigned && unsigned < campaign.rosterCount
              ? [
                  {
                    key: 'unsigned',
                    label: `未签人员（${unsigned}份）`,
                    request: { kind: 'pledgeForms' as const, campaignId: campaign.id, filter: 'unsigned' as const },
                  },
                ]
              : []),
          ]}
        />
      ) : null}
    </>
  );
}
