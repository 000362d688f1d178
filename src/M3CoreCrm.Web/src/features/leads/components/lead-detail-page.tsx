import { ArrowRightLeft } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RecordTimeline } from '@/components/timeline/record-timeline';
import { Button } from '@/components/ui/button';
import { RecordDetailLayout } from '@/components/ui/record-detail-layout';
import { useNotify } from '@/components/ui/use-notify';
import { usePreconditionGuard } from '@/components/ui/use-precondition-guard';
import { isApiProblem } from '@/lib/api/problem';
import { hasPermission, useMe } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/format/use-format';
import { canConvert, type LeadEdit, type LeadStatus } from '../api/lead-types';
import { useLead } from '../api/use-lead';
import { useAssignLead, useChangeLeadStatus, useConvertLead, useUpdateLead } from '../api/use-lead-mutations';
import { LeadConvertDialog } from './lead-convert-dialog';
import { LeadFieldsCard } from './lead-fields-card';
import { LeadOwnerCard } from './lead-owner-card';
import { LeadStatusBadge } from './lead-status-badge';
import { LeadStatusMenu } from './lead-status-menu';

export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const notify = useNotify();
  const query = useLead(id);
  const update = useUpdateLead(id);
  const changeStatus = useChangeLeadStatus(id);
  const assign = useAssignLead(id);
  const convert = useConvertLead(id);
  const [converting, setConverting] = useState(false);

  const refetchEtag = useCallback(async () => (await query.refetch()).data?.etag, [query]);
  const guard = usePreconditionGuard(refetchEtag);
  const etag = query.data?.etag;

  /** Every change goes through the guard: a 412 opens the Reload / Overwrite choice instead of failing. */
  const guarded = <T,>(action: (etag: string | undefined) => Promise<T>, toastOtherErrors = true) =>
    guard.run(action, etag).catch((error: unknown) => {
      if (toastOtherErrors && !(isApiProblem(error) && (error.status === 412 || error.status === 400))) notify.problem(error);
      throw error;
    });

  return (
    <RecordDetailLayout
      query={query}
      back={{ to: '/leads', label: t('leads.detail.back') }}
      guard={guard}
      render={() => {
        const { lead } = query.data!;
        const readOnly = lead.status === 'converted' || !hasPermission(me, 'leads.update');
        return {
          title: (
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 'var(--space-3)', flexWrap: 'wrap' }}>
              {lead.fullName} <LeadStatusBadge status={lead.status} />
            </span>
          ),
          subtitle: t('leads.detail.meta', { created: format.dateTime(lead.createdAt), updated: format.relative(lead.updatedAt) }),
          actions: (
            <>
              {!readOnly && (
                <LeadStatusMenu
                  status={lead.status}
                  busy={changeStatus.isPending}
                  onChange={(status: LeadStatus, reason?: string) =>
                    guarded((current) => changeStatus.mutateAsync({ status, ...(reason ? { reason } : {}), etag: current })).then(() =>
                      notify.success(t('leads.detail.statusChanged', { status: t(`leads.status.${status}`) })),
                    )
                  }
                />
              )}
              {canConvert(lead.status) && hasPermission(me, 'leads.convert') && (
                <Button variant="primary" icon={<ArrowRightLeft size={16} aria-hidden />} onClick={() => setConverting(true)}>
                  {t('leads.convert.button')}
                </Button>
              )}
            </>
          ),
          notices: (
            <>
              {lead.status === 'unqualified' && lead.unqualifiedReason && (
                <div className="alert alert--warning">
                  <div className="alert__body">
                    <span className="alert__title">{t('leads.fields.unqualifiedReason')}</span>
                    <span>{lead.unqualifiedReason}</span>
                  </div>
                </div>
              )}
              {lead.conversion && (
                <div className="alert" role="status">
                  <div className="alert__body">
                    <span className="alert__title">
                      {t('leads.detail.converted', { date: format.dateTime(lead.conversion.convertedAt) })}
                    </span>
                    <div className="alert__actions">
                      {lead.conversion.contactId && (
                        <Link className="btn btn--sm" to={`/contacts/${lead.conversion.contactId}`}>
                          {t('leads.detail.openContact')}
                        </Link>
                      )}
                      {lead.conversion.companyId && (
                        <Link className="btn btn--sm" to={`/companies/${lead.conversion.companyId}`}>
                          {t('leads.detail.openCompany')}
                        </Link>
                      )}
                    </div>
                  </div>
                </div>
              )}
            </>
          ),
          main: (
            <LeadFieldsCard
              lead={lead}
              readOnly={readOnly}
              resetKey={guard.resolved}
              save={(patch: Partial<LeadEdit>) => guarded((current) => update.mutateAsync({ patch, etag: current }), false)}
            />
          ),
          aside: (
            <>
              <LeadOwnerCard
                lead={lead}
                canAssign={!readOnly && hasPermission(me, 'leads.assign')}
                busy={assign.isPending}
                onAssign={(userId) =>
                  guarded((current) => assign.mutateAsync({ userId, etag: current })).then(() => notify.success(t('leads.detail.assigned')))
                }
              />
              <RecordTimeline entityType="lead" id={lead.id} />
            </>
          ),
          dialogs: (
            <LeadConvertDialog
              open={converting}
              onOpenChange={setConverting}
              lead={lead}
              defaultCurrency={me.tenant.defaultCurrency}
              busy={convert.isPending}
              convert={(request, idempotencyKey) =>
                guard.run((current) => convert.mutateAsync({ request, etag: current, idempotencyKey }), etag)
              }
              onConverted={(result) => {
                notify.success(t('leads.convert.done'), result.dealId ? t('leads.convert.doneWithDeal') : undefined);
                void query.refetch();
              }}
            />
          ),
        };
      }}
    />
  );
}
