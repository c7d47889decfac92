/**
 * A project's read-only API tokens for research tools (R, Python, Stata): the list with when each was
 * made and last used, a form that makes one (the token is shown once, with a copy button and a warning),
 * and revoking with a confirmation. A researcher sees their own tokens, the platform admin every token.
 */
import { Alert, Button, Heading, Paragraph, Spinner, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedResearchToken, ResearchToken } from '../../../contracts/research-access.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { ListTable } from '../../components/ScrollTable.js';
import { useApi } from '../../components/useApi.js';
import { useFormat } from '../../i18n/index.js';
import { CopyButton, useAdminForm } from '../admin/shared.js';
import { createToken, fetchTokens, revokeToken } from './research-access.api.js';
import './research-access.css';

const FIELDS = ['name'] as const;

export function TokensPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useApi(`research-tokens:${projectId}`, () => fetchTokens(projectId));
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedResearchToken | null>(null);
  const [revoking, setRevoking] = useState<ResearchToken | null>(null);
  const [rowStatus, setRowStatus] = useState('');
  const { form, busy, submit, ids, summary } = useAdminForm('research-token', FIELDS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => (name.trim() ? {} : { name: t('admin.errors.required') }),
      async () => {
        const made = await createToken(projectId, name.trim());
        setCreated(made);
        setName('');
        await tokens.reload();
        return '';
      },
    );
  };

  const revoke = async () => {
    if (!revoking) return;
    await revokeToken(projectId, revoking.id);
    setRowStatus(t('researchAccess.tokens.revoked', { name: revoking.name }));
    if (created?.id === revoking.id) setCreated(null);
    void tokens.reload();
  };

  const list = tokens.data ?? [];
  return (
    <div className="stack">
      <Paragraph>{t('researchAccess.tokens.intro')}</Paragraph>
      {tokens.state === 'failed' && (
        <Alert data-color="warning">
          <Paragraph>{t('admin.loadFailed')}</Paragraph>
        </Alert>
      )}
      {tokens.state === 'loading' && !tokens.data && <Spinner aria-label={t('common.loading')} />}
      {tokens.data && list.length === 0 && <Paragraph>{t('researchAccess.tokens.none')}</Paragraph>}
      {list.length > 0 && (
        <ListTable
          captionId="research-tokens-caption"
          caption={t('researchAccess.tokens.caption')}
          columns={[
            t('researchAccess.tokens.name'),
            t('researchAccess.tokens.owner'),
            t('researchAccess.tokens.created'),
            t('researchAccess.tokens.lastUsed'),
            t('researchAccess.tokens.status'),
            t('researchAccess.tokens.actions'),
          ]}
        >
          {list.map((token) => (
            <Table.Row key={token.id}>
              <Table.HeaderCell scope="row">{token.name}</Table.HeaderCell>
              <Table.Cell>{token.ownerName}</Table.Cell>
              <Table.Cell>{format.dateTime(token.createdAt)}</Table.Cell>
              <Table.Cell>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('researchAccess.tokens.neverUsed')}</Table.Cell>
              <Table.Cell>
                {token.revokedAt ? (
                  <Tag data-color="neutral" data-size="sm">
                    {t('researchAccess.tokens.revokedOn', { date: format.dateTime(token.revokedAt) })}
                  </Tag>
                ) : (
                  <Tag data-color="success" data-size="sm">
                    {t('researchAccess.tokens.active')}
                  </Tag>
                )}
              </Table.Cell>
              <Table.Cell>
                {!token.revokedAt && (
                  <Button
                    variant="tertiary"
                    data-color="danger"
                    data-size="sm"
                    aria-haspopup="dialog"
                    aria-label={t('researchAccess.tokens.revokeFor', { name: token.name })}
                    onClick={() => setRevoking(token)}
                  >
                    {t('researchAccess.tokens.revoke')}
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </ListTable>
      )}
      <Paragraph role="status" data-size="sm">
        {rowStatus}
      </Paragraph>

      <section aria-labelledby="research-token-new" className="admin-form stack">
        <Heading level={2} data-size="xs" id="research-token-new">
          {t('researchAccess.tokens.new')}
        </Heading>
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <Textfield
            id={ids.name}
            autoComplete="off"
            label={t('researchAccess.tokens.name')}
            description={t('researchAccess.tokens.nameHelp')}
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            error={form.errors.name}
          />
          <Button type="submit" loading={busy}>
            {t('researchAccess.tokens.create')}
          </Button>
        </form>
        <div role="status">
          {created && (
            <Alert data-color="warning" className="stack">
              <Heading level={3} data-size="2xs">
                {t('researchAccess.tokens.createdHeading', { name: created.name })}
              </Heading>
              <Paragraph>{t('researchAccess.tokens.showOnce')}</Paragraph>
              <code className="research-token-value" aria-label={t('researchAccess.tokens.tokenLabel')}>
                {created.token}
              </code>
              <CopyButton text={created.token} label={t('researchAccess.tokens.copy')} />
              <Paragraph data-size="sm">{t('researchAccess.tokens.usage')}</Paragraph>
            </Alert>
          )}
        </div>
      </section>

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        id="research-token-revoke-heading"
        heading={t('researchAccess.tokens.confirmHeading', { name: revoking?.name ?? '' })}
        confirm={t('researchAccess.tokens.confirmYes')}
        close={t('researchAccess.tokens.close')}
        onConfirm={revoke}
      >
        <Paragraph>{t('researchAccess.tokens.confirmBody')}</Paragraph>
      </ConfirmDialog>
    </div>
  );
}
