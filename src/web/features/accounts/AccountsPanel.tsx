/**
 * Accounts with their status (invited / active / disabled), and an invite form: the person gets a
 * one-time link by e-mail in the language chosen here and sets their own password. A platform admin
 * invites any role with its binding; a municipality leader invites unit leaders of their municipality.
 */
import { Button, Checkbox, Fieldset, Heading, Paragraph, Radio, Spinner, Table, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, AccountStatus, Municipality, Project, Region, Role, Unit } from '../../../contracts/api.js';
import type { Language } from '../../../contracts/instrument.js';
import { api, seg } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { ListTable } from '../../components/ScrollTable.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { languageNameKeys, roleKeys } from '../../i18n/keys.js';
import { DoneMessage, useAdminForm } from '../admin/shared.js';
import { useSession } from '../auth/session.js';
import { fetchAccounts, inviteAccount, resendInvite, resetTwoFactor, setAccountDisabled } from './accounts.api.js';
import './accounts.css';

const ROLES: Role[] = ['municipality_leader', 'unit_leader', 'region_coordinator', 'researcher', 'platform_admin'];
const LANGUAGES: Language[] = ['nb', 'nn', 'en'];
const FIELDS = ['email', 'displayName', 'role', 'municipalityId', 'unitId', 'regionId', 'projectIds', 'language'] as const;

const statusColor: Record<AccountStatus, 'info' | 'success' | 'neutral'> = { invited: 'info', active: 'success', disabled: 'neutral' };

export type AccountsPanelProps =
  | { scope: 'platform'; municipalities: Municipality[]; regions: Region[] }
  | { scope: 'municipality'; municipality: Municipality };

const fetchUnits = (municipalityId: string) => api.get<Unit[]>(`/municipalities/${seg(municipalityId)}/units`);
const fetchProjects = () => api.get<Project[]>('/projects');

export function AccountsPanel(props: AccountsPanelProps) {
  const { t } = useTranslation();
  const { session } = useSession();
  const platform = props.scope === 'platform';
  const municipalities = platform ? props.municipalities : [props.municipality];
  const regions = platform ? props.regions : [];
  const accounts = useApi('accounts', fetchAccounts);
  const projects = useApi(platform ? 'projects' : null, fetchProjects);
  // Unit names for the list: the units of every municipality an account is bound to.
  const unitOwners = [...new Set((accounts.data ?? []).filter((a) => a.unitId).map((a) => a.municipalityId!))].sort();
  const knownUnits = useApi(unitOwners.length ? `units:${unitOwners.join(',')}` : null, async () => (await Promise.all(unitOwners.map(fetchUnits))).flat());

  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>(platform ? 'municipality_leader' : 'unit_leader');
  const [municipalityId, setMunicipalityId] = useState(platform ? '' : props.municipality.id);
  const [unitId, setUnitId] = useState('');
  const [regionId, setRegionId] = useState('');
  const [projectIds, setProjectIds] = useState<string[]>([]);
  const [language, setLanguage] = useState<Language>(platform ? 'nb' : props.municipality.defaultLanguage);
  const [rowStatus, setRowStatus] = useState('');
  const [resetting, setResetting] = useState<Account | null>(null);
  const units = useApi(role === 'unit_leader' && municipalityId ? `units:${municipalityId}` : null, () => fetchUnits(municipalityId));
  const { form, busy, done, submit, ids, summary } = useAdminForm('account', FIELDS);

  const name = {
    municipality: (id: string | null) => municipalities.find((m) => m.id === id)?.name ?? '',
    unit: (id: string | null) => knownUnits.data?.find((u) => u.id === id)?.name ?? '',
    region: (id: string | null) => regions.find((r) => r.id === id)?.name ?? '',
  };
  const bindingOf = (a: Account) => {
    if (a.role === 'unit_leader') return [name.unit(a.unitId), name.municipality(a.municipalityId)].filter(Boolean).join(', ');
    if (a.role === 'municipality_leader') return name.municipality(a.municipalityId);
    if (a.role === 'region_coordinator') return name.region(a.regionId);
    if (a.role === 'researcher') return t('accounts.projectCount', { count: a.projectIds.length });
    return '';
  };
  const statusLabel: Record<AccountStatus, string> = {
    invited: t('accounts.statuses.invited'),
    active: t('accounts.statuses.active'),
    disabled: t('accounts.statuses.disabled'),
  };
  const mayAct = (a: Account) => a.id !== session?.account.id && (platform || a.role === 'unit_leader');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => ({
        ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? {} : { email: t('admin.errors.email') }),
        ...(displayName.trim() ? {} : { displayName: t('admin.errors.required') }),
        ...((role === 'municipality_leader' || role === 'unit_leader') && !municipalityId ? { municipalityId: t('accounts.municipalityRequired') } : {}),
        ...(role === 'unit_leader' && !unitId ? { unitId: t('accounts.unitRequired') } : {}),
        ...(role === 'region_coordinator' && !regionId ? { regionId: t('accounts.regionRequired') } : {}),
        ...(role === 'researcher' && projectIds.length === 0 ? { projectIds: t('accounts.projectRequired') } : {}),
      }),
      async () => {
        const sentTo = email.trim();
        await inviteAccount({
          email: sentTo,
          displayName: displayName.trim(),
          role,
          municipalityId: role === 'municipality_leader' || role === 'unit_leader' ? municipalityId : null,
          unitId: role === 'unit_leader' ? unitId : null,
          regionId: role === 'region_coordinator' ? regionId : null,
          projectIds: role === 'researcher' ? projectIds : [],
          language,
        });
        setEmail('');
        setDisplayName('');
        await accounts.reload();
        return t('accounts.invited', { email: sentTo });
      },
    );
  };

  const act = async (a: Account, action: 'resend' | 'disable' | 'enable') => {
    setRowStatus('');
    try {
      if (action === 'resend') await resendInvite(a.id);
      else await setAccountDisabled(a.id, action === 'disable');
      await accounts.reload();
      const doneText = {
        resend: t('accounts.done.resend', { email: a.email }),
        disable: t('accounts.done.disable', { email: a.email }),
        enable: t('accounts.done.enable', { email: a.email }),
      };
      setRowStatus(doneText[action]);
    } catch {
      setRowStatus(t('common.unknownError'));
    }
  };

  // A lost phone: the second factor is cleared (after a confirmation), sessions end, the person is told by e-mail.
  const resetSecondFactor = async () => {
    if (!resetting) return;
    await resetTwoFactor(resetting.id);
    setRowStatus(t('accounts.done.resetTwoFactor', { email: resetting.email }));
    void accounts.reload();
  };

  return (
    <div className="stack">
      {accounts.state === 'loading' && !accounts.data && <Spinner aria-label={t('common.loading')} />}
      {accounts.data && (
        <ListTable
          captionId="accounts-caption"
          caption={t('accounts.caption')}
          columns={[
            t('accounts.displayName'),
            t('accounts.email'),
            t('accounts.role'),
            t('accounts.binding'),
            t('accounts.status'),
            t('accounts.actions'),
          ]}
        >
          {accounts.data.map((a) => (
            <Table.Row key={a.id}>
              <Table.HeaderCell scope="row">{a.displayName}</Table.HeaderCell>
              <Table.Cell>{a.email}</Table.Cell>
              <Table.Cell>{t(roleKeys[a.role])}</Table.Cell>
              <Table.Cell>{bindingOf(a)}</Table.Cell>
              <Table.Cell>
                <Tag data-color={statusColor[a.status]} data-size="sm">
                  {statusLabel[a.status]}
                </Tag>
                {a.twoFactor && <span className="account-2fa">{t('accounts.twoFactorOn')}</span>}
              </Table.Cell>
              <Table.Cell>
                {mayAct(a) && (
                  <span className="button-row">
                    {a.status === 'invited' && (
                      <Button variant="secondary" data-size="sm" onClick={() => void act(a, 'resend')} aria-label={t('accounts.resendFor', { name: a.displayName })}>
                        {t('accounts.resend')}
                      </Button>
                    )}
                    {a.twoFactor && (
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        aria-haspopup="dialog"
                        onClick={() => setResetting(a)}
                        aria-label={t('accounts.resetTwoFactorFor', { name: a.displayName })}
                      >
                        {t('accounts.resetTwoFactor')}
                      </Button>
                    )}
                    {a.status === 'disabled' ? (
                      <Button variant="secondary" data-size="sm" onClick={() => void act(a, 'enable')} aria-label={t('accounts.enableFor', { name: a.displayName })}>
                        {t('accounts.enable')}
                      </Button>
                    ) : (
                      <Button variant="tertiary" data-size="sm" onClick={() => void act(a, 'disable')} aria-label={t('accounts.disableFor', { name: a.displayName })}>
                        {t('accounts.disable')}
                      </Button>
                    )}
                  </span>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </ListTable>
      )}
      <Paragraph role="status" data-size="sm">
        {rowStatus}
      </Paragraph>
      <ConfirmDialog
        open={resetting !== null}
        onClose={() => setResetting(null)}
        id="reset-two-factor-heading"
        heading={t('accounts.resetConfirm.heading', { name: resetting?.displayName ?? '' })}
        confirm={t('accounts.resetConfirm.yes')}
        close={t('accounts.resetConfirm.close')}
        onConfirm={resetSecondFactor}
      >
        <Paragraph>{t('accounts.resetConfirm.body')}</Paragraph>
      </ConfirmDialog>
      <section aria-labelledby="account-form-heading" className="admin-form stack">
        <Heading level={2} data-size="xs" id="account-form-heading">
          {platform ? t('accounts.new') : t('accounts.newUnitLeader')}
        </Heading>
        <Paragraph data-size="sm">{t('accounts.inviteHelp')}</Paragraph>
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <Textfield id={ids.email} type="email" autoComplete="off" label={t('accounts.email')} value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.email} />
          <Textfield id={ids.displayName} autoComplete="off" label={t('accounts.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={form.errors.displayName} />
          {platform && (
            <Fieldset>
              <Fieldset.Legend>{t('accounts.role')}</Fieldset.Legend>
              {ROLES.map((value, index) => (
                <Radio
                  key={value}
                  id={index === 0 ? ids.role : `${ids.role}-${value}`}
                  name="account-role"
                  value={value}
                  label={t(roleKeys[value])}
                  checked={role === value}
                  onChange={() => setRole(value)}
                />
              ))}
            </Fieldset>
          )}
          {platform && (role === 'municipality_leader' || role === 'unit_leader') && (
            <SelectField
              id={ids.municipalityId}
              label={t('accounts.municipality')}
              value={municipalityId}
              onChange={(value) => {
                setMunicipalityId(value);
                setUnitId('');
              }}
              emptyLabel={t('accounts.chooseMunicipality')}
              options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
              error={form.errors.municipalityId}
            />
          )}
          {role === 'unit_leader' && municipalityId && (
            <SelectField
              id={ids.unitId}
              label={t('accounts.unit')}
              value={unitId}
              onChange={setUnitId}
              emptyLabel={t('accounts.chooseUnit')}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              error={form.errors.unitId}
            />
          )}
          {role === 'region_coordinator' && (
            <SelectField
              id={ids.regionId}
              label={t('accounts.region')}
              value={regionId}
              onChange={setRegionId}
              emptyLabel={t('accounts.chooseRegion')}
              options={regions.map((r) => ({ value: r.id, label: r.name }))}
              error={form.errors.regionId}
            />
          )}
          {role === 'researcher' && (
            <Fieldset>
              <Fieldset.Legend>{t('accounts.projects')}</Fieldset.Legend>
              <Fieldset.Description>{t('accounts.researcherNote')}</Fieldset.Description>
              {(projects.data ?? []).map((p, index) => (
                <Checkbox
                  key={p.id}
                  id={index === 0 ? ids.projectIds : `${ids.projectIds}-${p.id}`}
                  label={p.name}
                  value={p.id}
                  checked={projectIds.includes(p.id)}
                  onChange={(e) => setProjectIds((chosen) => (e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id)))}
                />
              ))}
              {form.errors.projectIds && <ValidationMessage>{form.errors.projectIds}</ValidationMessage>}
            </Fieldset>
          )}
          <Fieldset>
            <Fieldset.Legend>{t('accounts.language')}</Fieldset.Legend>
            <Fieldset.Description>{t('accounts.languageHelp')}</Fieldset.Description>
            {LANGUAGES.map((value, index) => (
              <Radio
                key={value}
                id={index === 0 ? ids.language : `${ids.language}-${value}`}
                name="account-language"
                value={value}
                label={t(languageNameKeys[value])}
                checked={language === value}
                onChange={() => setLanguage(value)}
              />
            ))}
          </Fieldset>
          <Button type="submit" loading={busy}>
            {t('accounts.submit')}
          </Button>
          <DoneMessage text={done} />
        </form>
      </section>
    </div>
  );
}
