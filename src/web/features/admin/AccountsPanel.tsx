// Leader and admin accounts: a leader belongs to one municipality and sees only its results.
import { Button, Fieldset, Heading, Radio, Spinner, Table, Textfield } from '@digdir/designsystemet-react';
import { SelectField } from '../../components/SelectField.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Municipality, Role } from '../../../contracts/api.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { useApi } from '../../components/useApi.js';
import { roleKeys } from '../../i18n/keys.js';
import { createAccount, fetchAccounts } from './admin.api.js';
import { DoneMessage, useAdminForm } from './shared.js';

const MIN_PASSWORD = 12;

/** A readable random initial password (no look-alike characters), for the admin to pass on. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function AccountsPanel({ municipalities }: { municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const accounts = useApi<Account[]>('accounts', fetchAccounts);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('municipality_leader');
  const [municipalityId, setMunicipalityId] = useState('');
  const [password, setPassword] = useState('');
  const fields = ['email', 'displayName', 'role', 'municipalityId', 'password'] as const;
  const { form, busy, done, submit, ids, summary } = useAdminForm('account', fields);
  const municipalityName = (id: string | null) => municipalities.find((m) => m.id === id)?.name ?? '–';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => ({
        ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? {} : { email: t('admin.errors.email') }),
        ...(displayName.trim() ? {} : { displayName: t('admin.errors.required') }),
        ...(role === 'municipality_leader' && !municipalityId ? { municipalityId: t('admin.accounts.municipalityRequired') } : {}),
        ...(password.length >= MIN_PASSWORD ? {} : { password: t('admin.errors.passwordLength', { count: MIN_PASSWORD }) }),
      }),
      async () => {
        await createAccount({
          email: email.trim(),
          displayName: displayName.trim(),
          role,
          municipalityId: role === 'municipality_leader' ? municipalityId : null,
          password,
        });
        setEmail('');
        setDisplayName('');
        setPassword('');
        await accounts.reload();
        return t('admin.accounts.created');
      },
    );
  };

  return (
    <div className="stack">
      {accounts.state === 'loading' && !accounts.data && <Spinner aria-label={t('common.loading')} />}
      {accounts.data && (
        <div className="table-scroll" role="region" aria-labelledby="accounts-caption" tabIndex={0}>
          <Table zebra border className="admin-table">
            <caption id="accounts-caption">{t('admin.accounts.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('admin.accounts.displayName')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('admin.accounts.email')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('admin.accounts.role')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('admin.accounts.municipality')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {accounts.data.map((account) => (
                <Table.Row key={account.id}>
                  <Table.HeaderCell scope="row">{account.displayName}</Table.HeaderCell>
                  <Table.Cell>{account.email}</Table.Cell>
                  <Table.Cell>{t(roleKeys[account.role])}</Table.Cell>
                  <Table.Cell>{municipalityName(account.municipalityId)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <section aria-labelledby="account-form-heading" className="admin-form stack">
        <Heading level={2} data-size="xs" id="account-form-heading">
          {t('admin.accounts.new')}
        </Heading>
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <Textfield id={ids.email} type="email" autoComplete="off" label={t('admin.accounts.email')} value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.email} />
          <Textfield id={ids.displayName} autoComplete="off" label={t('admin.accounts.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={form.errors.displayName} />
          <Fieldset>
            <Fieldset.Legend>{t('admin.accounts.role')}</Fieldset.Legend>
            {(['municipality_leader', 'platform_admin'] as const).map((value, index) => (
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
          {role === 'municipality_leader' && (
            <SelectField
              id={ids.municipalityId}
              label={t('admin.accounts.municipality')}
              value={municipalityId}
              onChange={setMunicipalityId}
              emptyLabel={t('admin.accounts.chooseMunicipality')}
              options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
              error={form.errors.municipalityId}
            />
          )}
          <Textfield
            id={ids.password}
            label={t('admin.accounts.password')}
            description={t('admin.accounts.passwordHelp', { count: MIN_PASSWORD })}
            autoComplete="new-password"
            spellCheck={false}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.errors.password}
          />
          <div className="button-row">
            <Button variant="secondary" data-size="sm" onClick={() => setPassword(generatePassword())}>
              {t('admin.accounts.generatePassword')}
            </Button>
          </div>
          <Button type="submit" loading={busy}>
            {t('admin.accounts.submit')}
          </Button>
          <DoneMessage text={done} />
        </form>
      </section>
    </div>
  );
}
