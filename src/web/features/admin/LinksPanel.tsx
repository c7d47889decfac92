/**
 * Survey links per wave (one per municipality, optionally per unit, optionally for a shared device),
 * each with its address to copy, its QR code and a printable QR sheet to put up in the unit.
 */
import { Alert, Button, Card, Checkbox, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { SelectField } from '../../components/SelectField.js';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentVersion, Municipality, SurveyLink, Unit, Wave } from '../../../contracts/api.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { useApi } from '../../components/useApi.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AppLink } from '../../router.js';
import { useLanguage } from '../../i18n/index.js';
import { createLink, fetchInstruments, fetchLinks, fetchUnits, qrUrl } from './admin.api.js';
import { CopyButton, DoneMessage, useAdminForm } from './shared.js';

export function LinksPanel({ waves, municipalities }: { waves: Wave[]; municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const [waveId, setWaveId] = useState(waves.find((w) => w.status !== 'closed')?.id ?? waves[0]?.id ?? '');
  const links = useApi<SurveyLink[]>(waveId || null, () => fetchLinks(waveId));
  const [municipalityId, setMunicipalityId] = useState(municipalities[0]?.id ?? '');
  const units = useApi<Unit[]>(municipalityId || null, () => fetchUnits(municipalityId));
  const [unitId, setUnitId] = useState('');
  const [sharedDevice, setSharedDevice] = useState(false);
  const language = useLanguage();
  const instruments = useApi<InstrumentVersion[]>('instruments', fetchInstruments);
  /** '' → the wave's own questionnaire; otherwise the index of another form in `instruments`. */
  const [otherForm, setOtherForm] = useState('');
  const { form, busy, done, submit, ids, summary } = useAdminForm('link', ['municipalityId', 'unitId', 'sharedDevice', 'instrumentVersion'] as const);
  useEffect(() => setUnitId(''), [municipalityId]);

  const municipalityName = (id: string) => municipalities.find((m) => m.id === id)?.name ?? '';
  const instrumentName = (id: string, version: string | null) => {
    const found = instruments.data?.find((i) => i.id === id && i.version === version);
    return found ? `${found.title[language]} ${found.version}` : `${id} ${version ?? ''}`;
  };
  const [allUnits, setAllUnits] = useState<Record<string, string>>({});
  useEffect(() => {
    if (units.data) setAllUnits((known) => ({ ...known, ...Object.fromEntries(units.data!.map((u) => [u.id, u.name])) }));
  }, [units.data]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => (municipalityId ? {} : { municipalityId: t('admin.errors.choose') }),
      async () => {
        const chosen = otherForm === '' ? undefined : instruments.data?.[Number(otherForm)];
        await createLink(waveId, {
          municipalityId,
          unitId: unitId || null,
          sharedDevice,
          instrumentId: chosen?.id ?? null,
          instrumentVersion: chosen?.version ?? null,
        });
        await links.reload();
        return t('admin.links.created');
      },
    );
  };

  const wave = waves.find((w) => w.id === waveId);
  return (
    <div className="stack">
      <SelectField id="links-wave" width="auto" label={t('admin.links.wave')} value={waveId} onChange={setWaveId} options={waves.map((w) => ({ value: w.id, label: w.label }))} />
      {links.state === 'loading' && !links.data && <Spinner aria-label={t('common.loading')} />}
      {links.data?.length === 0 && <Paragraph>{t('admin.links.none')}</Paragraph>}
      <ul className="link-list">
        {links.data?.map((link) => (
          <li key={link.id}>
            <Card className="link-card">
              <Heading level={2} data-size="2xs">
                {municipalityName(link.municipalityId)}
                {link.unitId ? ` – ${allUnits[link.unitId] ?? t('admin.links.oneUnit')}` : ''}
              </Heading>
              {link.sharedDevice && (
                <Tag data-color="info" data-size="sm">
                  {t('admin.links.sharedDeviceTag')}
                </Tag>
              )}
              {link.instrumentId && (
                <Tag data-color="neutral" data-size="sm">
                  {t('admin.links.otherFormTag', { form: instrumentName(link.instrumentId, link.instrumentVersion) })}
                </Tag>
              )}
              <div className="link-card__body">
                <img src={qrUrl(link.id)} alt={t('admin.links.qrAlt', { url: link.url })} className="link-card__qr" width={120} height={120} />
                <div className="stack">
                  <p className="link-card__url">
                    <a href={link.url} className="ds-link">
                      {link.url}
                    </a>
                  </p>
                  <div className="button-row">
                    <CopyButton text={link.url} label={t('admin.links.copy')} />
                    <AppLink href={`/admin?qr=${encodeURIComponent(link.id)}&wave=${encodeURIComponent(link.waveId)}`}>{t('admin.links.printSheet')}</AppLink>
                  </div>
                </div>
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <section aria-labelledby="link-form-heading" className="admin-form stack">
        <Heading level={2} data-size="xs" id="link-form-heading">
          {t('admin.links.new', { wave: wave?.label ?? '' })}
        </Heading>
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <SelectField
            id={ids.municipalityId}
            label={t('admin.links.municipality')}
            value={municipalityId}
            onChange={setMunicipalityId}
            options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          />
          <SelectField
            id={ids.unitId}
            label={t('admin.links.unit')}
            description={t('admin.links.unitHelp')}
            value={unitId}
            onChange={setUnitId}
            emptyLabel={t('admin.links.allUnits')}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
          <SelectField
            id={ids.instrumentVersion}
            label={t('admin.links.form')}
            description={t('admin.links.formHelp')}
            value={otherForm}
            onChange={setOtherForm}
            emptyLabel={t('admin.links.waveForm')}
            options={(instruments.data ?? []).map((i, index) => ({ value: String(index), label: `${i.title[language]} ${i.version} (${i.form})` }))}
            error={form.errors.instrumentVersion}
          />
          <Checkbox
            id={ids.sharedDevice}
            label={t('admin.links.sharedDevice')}
            description={t('admin.links.sharedDeviceHelp')}
            checked={sharedDevice}
            onChange={(e) => setSharedDevice(e.target.checked)}
          />
          <Button type="submit" loading={busy} disabled={!waveId}>
            {t('admin.links.submit')}
          </Button>
          <DoneMessage text={done} />
        </form>
      </section>
    </div>
  );
}

/** A printable sheet with one link's QR code, to put up in a staff room. */
export function QrSheet({ linkId, waveId, municipalities }: { linkId: string; waveId: string; municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const links = useApi<SurveyLink[]>(waveId, () => fetchLinks(waveId));
  const link = links.data?.find((l) => l.id === linkId);
  const units = useApi<Unit[]>(link?.municipalityId ?? null, () => fetchUnits(link!.municipalityId));
  const municipality = municipalities.find((m) => m.id === link?.municipalityId);
  const unit = units.data?.find((u) => u.id === link?.unitId);
  const place = [municipality?.name, unit?.name].filter(Boolean).join(' – ');
  useDocumentTitle(t('admin.qrSheet.title', { place }));

  if (links.state === 'loading') return <Spinner aria-label={t('common.loading')} />;
  if (!link) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('admin.qrSheet.notFound')}
        </Heading>
        <AppLink href="/admin?tab=links">{t('admin.qrSheet.back')}</AppLink>
      </div>
    );
  }
  return (
    <div className="qr-sheet stack">
      <div className="button-row no-print">
        <Button onClick={() => window.print()}>{t('admin.qrSheet.print')}</Button>
        <AppLink href="/admin?tab=links">{t('admin.qrSheet.back')}</AppLink>
      </div>
      <Heading level={1} data-size="xl">
        {t('admin.qrSheet.heading')}
      </Heading>
      <Paragraph data-size="lg">{place}</Paragraph>
      <img src={qrUrl(link.id)} alt={t('admin.links.qrAlt', { url: link.url })} className="qr-sheet__qr" width={320} height={320} />
      <Paragraph data-size="lg">{t('admin.qrSheet.scan')}</Paragraph>
      <p className="qr-sheet__url">{link.url}</p>
      <Paragraph>{t('admin.qrSheet.voluntary')}</Paragraph>
      {link.sharedDevice && (
        <Alert data-color="info">
          <Paragraph>{t('admin.qrSheet.sharedDevice')}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
