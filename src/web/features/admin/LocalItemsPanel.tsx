/**
 * A municipality's own systems in a wave (local items), e.g. the name of its patient record. Each gives
 * two questions after the technologies in that municipality's survey: how often the person uses it, and
 * (if used) how confident they are. The platform admin adds, renames and removes them until the wave
 * opens for the municipality; after that they are locked, so what was asked stays what is stored.
 */
import { Alert, Button, Heading, Paragraph, Spinner, Table, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalItem, Municipality, Wave } from '../../../contracts/api.js';
import type { Language } from '../../../contracts/instrument.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useLanguage } from '../../i18n/index.js';
import { languageNameKeys, waveStatusKeys } from '../../i18n/keys.js';
import { createLocalItem, deleteLocalItem, fetchLocalItems, updateLocalItem } from './admin.api.js';
import { DoneMessage, useAdminForm } from './shared.js';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const LANGUAGES: Language[] = ['nb', 'nn', 'en'];

export function LocalItemsPanel({ waves, municipalities }: { waves: Wave[]; municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // The wave most likely to need local systems: the next one to open.
  const [waveId, setWaveId] = useState(waves.find((w) => w.status === 'scheduled')?.id ?? waves.find((w) => w.status === 'open')?.id ?? waves[0]?.id ?? '');
  const [municipalityId, setMunicipalityId] = useState(municipalities[0]?.id ?? '');
  const items = useApi<LocalItem[]>(waveId && municipalityId ? `${waveId}|${municipalityId}` : null, () => fetchLocalItems(waveId, municipalityId));
  const [editing, setEditing] = useState<LocalItem | null>(null);
  const [key, setKey] = useState('');
  const [names, setNames] = useState<Record<Language, string>>({ nb: '', nn: '', en: '' });
  const { form, busy, done, submit, ids, summary } = useAdminForm('local', ['key', 'nb', 'nn', 'en'] as const);
  const [removed, setRemoved] = useState('');

  const wave = waves.find((w) => w.id === waveId);
  // Editable until the wave opens for the municipality (the server decides; an empty list has no answer yet).
  const locked = items.data && items.data.length > 0 ? !items.data[0]!.editable : wave?.status !== 'scheduled';

  const clearForm = () => {
    setEditing(null);
    setKey('');
    setNames({ nb: '', nn: '', en: '' });
  };
  useEffect(clearForm, [waveId, municipalityId]);

  const startEditing = (item: LocalItem) => {
    setEditing(item);
    setKey(item.key);
    setNames({ ...item.name });
    document.getElementById(ids.nb)?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = { nb: names.nb.trim(), nn: names.nn.trim(), en: names.en.trim() };
    void submit(
      () => ({
        ...(editing || KEY.test(key) ? {} : { key: key ? t('admin.local.keyFormat') : t('admin.errors.required') }),
        ...Object.fromEntries(LANGUAGES.filter((l) => !name[l]).map((l) => [l, t('admin.errors.required')])),
      }),
      async () => {
        if (editing) await updateLocalItem(waveId, editing.id, { name });
        else await createLocalItem(waveId, { municipalityId, key, name });
        clearForm();
        await items.reload();
        return editing ? t('admin.local.saved') : t('admin.local.created');
      },
    );
  };

  const remove = async (item: LocalItem) => {
    setRemoved('');
    try {
      await deleteLocalItem(waveId, item.id);
      if (editing?.id === item.id) clearForm();
      await items.reload();
      setRemoved(t('admin.local.removed', { name: item.name[language] }));
    } catch {
      setRemoved(t('admin.local.removeFailed'));
      await items.reload();
    }
  };

  const municipalityName = municipalities.find((m) => m.id === municipalityId)?.name ?? '';
  const nameLabels: Record<Language, string> = { nb: t('admin.local.nameNb'), nn: t('admin.local.nameNn'), en: t('admin.local.nameEn') };
  return (
    <div className="stack">
      <Paragraph>{t('admin.local.intro')}</Paragraph>
      <div className="filters">
        <SelectField
          id="local-wave"
          width="auto"
          label={t('admin.local.wave')}
          value={waveId}
          onChange={setWaveId}
          options={waves.map((w) => ({ value: w.id, label: `${w.label} (${t(waveStatusKeys[w.status])})` }))}
        />
        <SelectField
          id="local-municipality"
          width="auto"
          label={t('admin.local.municipality')}
          value={municipalityId}
          onChange={setMunicipalityId}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
      </div>
      {items.state === 'loading' && !items.data && <Spinner aria-label={t('common.loading')} />}
      {items.state === 'failed' && (
        <Alert data-color="warning">
          <Paragraph>{t('admin.loadFailed')}</Paragraph>
        </Alert>
      )}
      {locked && (
        <Alert data-color="info">
          <Paragraph>{t('admin.local.locked')}</Paragraph>
        </Alert>
      )}
      {items.data?.length === 0 && <Paragraph>{t('admin.local.none', { municipality: municipalityName })}</Paragraph>}
      {items.data && items.data.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="local-caption" tabIndex={0}>
          <Table zebra border className="admin-table">
            <caption id="local-caption">{t('admin.local.caption', { municipality: municipalityName, wave: wave?.label ?? '' })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('admin.local.system')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('admin.local.key')}</Table.HeaderCell>
                {!locked && <Table.HeaderCell scope="col">{t('admin.local.actions')}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.data.map((item) => (
                <Table.Row key={item.id}>
                  <Table.HeaderCell scope="row">
                    {LANGUAGES.map((l) => (
                      <span key={l} className="local-name" lang={l}>
                        <span className="local-name__language">{t(languageNameKeys[l])}:</span> {item.name[l]}
                      </span>
                    ))}
                  </Table.HeaderCell>
                  <Table.Cell>
                    <code>{item.key}</code>
                  </Table.Cell>
                  {!locked && (
                    <Table.Cell>
                      <div className="button-row">
                        <Button variant="secondary" data-size="sm" onClick={() => startEditing(item)} aria-label={t('admin.local.renameNamed', { name: item.name[language] })}>
                          {t('admin.local.rename')}
                        </Button>
                        <Button variant="tertiary" data-size="sm" data-color="danger" onClick={() => void remove(item)} aria-label={t('admin.local.removeNamed', { name: item.name[language] })}>
                          {t('admin.local.remove')}
                        </Button>
                      </div>
                    </Table.Cell>
                  )}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <DoneMessage text={removed} />
      {!locked && (
        <section aria-labelledby="local-form-heading" className="admin-form stack">
          <Heading level={2} data-size="xs" id="local-form-heading">
            {editing ? t('admin.local.editHeading', { name: editing.name[language] }) : t('admin.local.new', { municipality: municipalityName })}
          </Heading>
          <FormErrorSummary errors={summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit} className="stack form">
            <Textfield
              id={ids.key}
              label={t('admin.local.key')}
              description={t('admin.local.keyHelp')}
              value={key}
              maxLength={40}
              readOnly={editing !== null}
              onChange={(e) => setKey(e.target.value.trim().toLowerCase())}
              error={form.errors.key}
            />
            {LANGUAGES.map((l) => (
              <Textfield
                key={l}
                id={ids[l]}
                label={nameLabels[l]}
                description={l === 'nb' ? t('admin.local.nameHelp') : undefined}
                value={names[l]}
                maxLength={100}
                lang={l}
                onChange={(e) => setNames((previous) => ({ ...previous, [l]: e.target.value }))}
                error={form.errors[l]}
              />
            ))}
            <div className="button-row">
              <Button type="submit" loading={busy} disabled={!waveId || !municipalityId}>
                {editing ? t('admin.local.save') : t('admin.local.submit')}
              </Button>
              {editing && (
                <Button variant="secondary" onClick={clearForm}>
                  {t('admin.local.cancel')}
                </Button>
              )}
            </div>
            <DoneMessage text={done} />
          </form>
        </section>
      )}
    </div>
  );
}
