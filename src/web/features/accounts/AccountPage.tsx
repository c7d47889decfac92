/**
 * /account: who is logged in — role, what the role is bound to, two-step login. A municipality leader
 * also manages the unit leaders of the municipality here and decides whether its answers count in
 * region and national benchmarks.
 */
import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Municipality, Region, Unit } from '../../../contracts/api.js';
import { api, seg } from '../../api.js';
import { useApi } from '../../components/useApi.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { roleKeys } from '../../i18n/keys.js';
import { useSession } from '../auth/session.js';
import { AccountsPanel } from './AccountsPanel.js';
import { BenchmarkPanel } from './BenchmarkPanel.js';
import './accounts.css';

export function AccountPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  useDocumentTitle(t('account.title'));
  const account = session!.account;
  const readsOrganisation = account.role !== 'researcher';
  const municipalities = useApi(readsOrganisation ? 'municipalities' : null, () => api.get<Municipality[]>('/municipalities'));
  const regions = useApi(account.regionId ? 'regions' : null, () => api.get<Region[]>('/regions'));
  const units = useApi(account.unitId && account.municipalityId ? `units:${account.municipalityId}` : null, () =>
    api.get<Unit[]>(`/municipalities/${seg(account.municipalityId!)}/units`),
  );
  const municipality = municipalities.data?.find((m) => m.id === account.municipalityId);
  const binding = [
    units.data?.find((u) => u.id === account.unitId)?.name,
    municipality?.name,
    regions.data?.find((r) => r.id === account.regionId)?.name,
    account.role === 'researcher' ? t('accounts.projectCount', { count: account.projectIds.length }) : undefined,
  ].filter(Boolean);

  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('account.title')}
      </Heading>
      <dl className="account-summary">
        <dt>{t('accounts.displayName')}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t('accounts.email')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('accounts.role')}</dt>
        <dd>{t(roleKeys[account.role])}</dd>
        {binding.length > 0 && (
          <>
            <dt>{t('accounts.binding')}</dt>
            <dd>{binding.join(', ')}</dd>
          </>
        )}
      </dl>
      {(account.role === 'unit_leader' || account.role === 'region_coordinator' || account.role === 'researcher') && <Paragraph>{t('account.viewsComing')}</Paragraph>}
      {account.role === 'municipality_leader' && !municipality && <Spinner aria-label={t('common.loading')} />}
      {account.role === 'municipality_leader' && municipality && (
        <>
          <section className="stack" aria-labelledby="account-unit-leaders">
            <Heading level={2} data-size="sm" id="account-unit-leaders">
              {t('account.unitLeaders', { municipality: municipality.name })}
            </Heading>
            <AccountsPanel scope="municipality" municipality={municipality} />
          </section>
          <BenchmarkPanel municipalityId={municipality.id} municipalityName={municipality.name} />
        </>
      )}
    </div>
  );
}
