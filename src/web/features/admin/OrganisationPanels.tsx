// Regions, municipalities and their units (with staff counts, which set the response rate's denominator).
import { Button, Fieldset, Heading, Paragraph, Radio, Spinner, Table, Textfield } from '@digdir/designsystemet-react';
import { ListTable } from '../../components/ScrollTable.js';
import { SelectField } from '../../components/SelectField.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality, Region, Unit } from '../../../contracts/api.js';
import type { Language } from '../../../contracts/instrument.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { useApi } from '../../components/useApi.js';
import { LANGUAGES, useFormat } from '../../i18n/index.js';
import { languageNameKeys } from '../../i18n/keys.js';
import { createMunicipality, createRegion, createUnit, fetchUnits, updateUnit } from './admin.api.js';
import { AttributesEditor, AttributesImport, useAttributeText } from './MunicipalityAttributes.js';
import { DoneMessage, useAdminForm } from './shared.js';

export function RegionsPanel({ regions, reload }: { regions: Region[]; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { form, busy, done, submit, ids, summary } = useAdminForm('region', ['code', 'name'] as const);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => ({
        ...(code.trim() ? {} : { code: t('admin.errors.required') }),
        ...(name.trim() ? {} : { name: t('admin.errors.required') }),
      }),
      async () => {
        await createRegion({ code: code.trim(), name: name.trim() });
        setCode('');
        setName('');
        await reload();
        return t('admin.regions.created');
      },
    );
  };
  return (
    <div className="stack">
      <Table zebra border className="admin-table">
        <caption>{t('admin.regions.caption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('admin.regions.code')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('admin.regions.name')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {regions.map((region) => (
            <Table.Row key={region.id}>
              <Table.Cell>{region.code}</Table.Cell>
              <Table.Cell>{region.name}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <section aria-labelledby="region-form-heading" className="admin-form stack">
        <Heading level={2} data-size="xs" id="region-form-heading">
          {t('admin.regions.new')}
        </Heading>
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <Textfield id={ids.code} label={t('admin.regions.code')} description={t('admin.regions.codeHelp')} value={code} onChange={(e) => setCode(e.target.value)} error={form.errors.code} />
          <Textfield id={ids.name} label={t('admin.regions.name')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} />
          <Button type="submit" loading={busy}>
            {t('admin.regions.submit')}
          </Button>
          <DoneMessage text={done} />
        </form>
      </section>
    </div>
  );
}

export function MunicipalitiesPanel(props: { municipalities: Municipality[]; regions: Region[]; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { municipalities, regions, reload } = props;
  const attributeText = useAttributeText();
  const [ssbCode, setSsbCode] = useState('');
  const [name, setName] = useState('');
  const [defaultLanguage, setDefaultLanguage] = useState<Language>('nb');
  const [regionId, setRegionId] = useState('');
  const { form, busy, done, submit, ids, summary } = useAdminForm('municipality', ['ssbCode', 'name', 'defaultLanguage', 'regionId'] as const);
  const regionName = (id: string | null) => regions.find((r) => r.id === id)?.name ?? t('admin.municipalities.noRegion');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => ({
        ...(/^\d{4}$/.test(ssbCode.trim()) ? {} : { ssbCode: t('admin.errors.ssbCode') }),
        ...(name.trim() ? {} : { name: t('admin.errors.required') }),
      }),
      async () => {
        await createMunicipality({ ssbCode: ssbCode.trim(), name: name.trim(), defaultLanguage, regionId: regionId || null });
        setSsbCode('');
        setName('');
        await reload();
        return t('admin.municipalities.created');
      },
    );
  };
  return (
    <div className="stack">
      <ListTable
        captionId="municipalities-caption"
        caption={t('admin.municipalities.caption')}
        columns={[
          t('admin.municipalities.ssbCode'),
          t('admin.municipalities.name'),
          t('admin.municipalities.language'),
          t('admin.municipalities.region'),
          t('admin.attributes.population'),
          t('admin.attributes.sizeClass'),
          t('admin.attributes.county'),
          t('admin.attributes.centrality'),
        ]}
      >
        {municipalities.map((m) => (
          <Table.Row key={m.id}>
            <Table.Cell>{m.ssbCode}</Table.Cell>
            <Table.Cell>{m.name}</Table.Cell>
            <Table.Cell>{t(languageNameKeys[m.defaultLanguage])}</Table.Cell>
            <Table.Cell>{regionName(m.regionId)}</Table.Cell>
            <Table.Cell>{attributeText.population(m.attributes)}</Table.Cell>
            <Table.Cell>{attributeText.sizeClass(m.attributes)}</Table.Cell>
            <Table.Cell>{attributeText.county(m.attributes)}</Table.Cell>
            <Table.Cell>{attributeText.centrality(m.attributes)}</Table.Cell>
          </Table.Row>
        ))}
      </ListTable>
      <section aria-labelledby="municipality-form-heading" className="admin-form stack">
        <Heading level={2} data-size="xs" id="municipality-form-heading">
          {t('admin.municipalities.new')}
        </Heading>
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <Textfield
            id={ids.ssbCode}
            label={t('admin.municipalities.ssbCode')}
            description={t('admin.municipalities.ssbCodeHelp')}
            inputMode="numeric"
            maxLength={4}
            size={8}
            value={ssbCode}
            onChange={(e) => setSsbCode(e.target.value)}
            error={form.errors.ssbCode}
          />
          <Textfield id={ids.name} label={t('admin.municipalities.name')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} />
          <Fieldset>
            <Fieldset.Legend>{t('admin.municipalities.language')}</Fieldset.Legend>
            <Fieldset.Description>{t('admin.municipalities.languageHelp')}</Fieldset.Description>
            {LANGUAGES.map((code, index) => (
              <Radio
                key={code}
                id={index === 0 ? ids.defaultLanguage : `${ids.defaultLanguage}-${code}`}
                name="municipality-language"
                value={code}
                label={t(languageNameKeys[code])}
                checked={defaultLanguage === code}
                onChange={() => setDefaultLanguage(code)}
              />
            ))}
          </Fieldset>
          <SelectField
            id={ids.regionId}
            label={t('admin.municipalities.region')}
            value={regionId}
            onChange={setRegionId}
            emptyLabel={t('admin.municipalities.noRegion')}
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
          />
          <Button type="submit" loading={busy}>
            {t('admin.municipalities.submit')}
          </Button>
          <DoneMessage text={done} />
        </form>
      </section>
      <AttributesEditor municipalities={municipalities} reload={reload} />
      <AttributesImport reload={reload} />
    </div>
  );
}

export function UnitsPanel({ municipalities }: { municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [municipalityId, setMunicipalityId] = useState(municipalities[0]?.id ?? '');
  const units = useApi<Unit[]>(municipalityId || null, () => fetchUnits(municipalityId));
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [staffCount, setStaffCount] = useState('');
  const { form, busy, done, submit, ids, summary } = useAdminForm('unit', ['name', 'staffCount'] as const);
  const municipality = municipalities.find((m) => m.id === municipalityId);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => ({
        ...(name.trim() ? {} : { name: t('admin.errors.required') }),
        ...(/^\d{1,6}$/.test(staffCount.trim()) ? {} : { staffCount: t('admin.errors.wholeNumber') }),
      }),
      async () => {
        await createUnit(municipalityId, { name: name.trim(), staffCount: Number(staffCount.trim()) });
        setName('');
        setStaffCount('');
        await units.reload();
        return t('admin.units.created');
      },
    );
  };

  return (
    <div className="stack">
      <SelectField
        id="units-municipality"
        width="auto"
        label={t('admin.units.municipality')}
        value={municipalityId}
        onChange={setMunicipalityId}
        options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
      />
      {units.state === 'loading' && !units.data && <Spinner aria-label={t('common.loading')} />}
      {units.data && (
        <div className="table-scroll" role="region" aria-labelledby="units-caption" tabIndex={0}>
          <Table zebra border className="admin-table">
            <caption id="units-caption">{t('admin.units.caption', { municipality: municipality?.name ?? '' })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('admin.units.name')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t('admin.units.staffCount')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col">
                  <span className="ds-sr-only">{t('admin.units.actions')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {units.data.map((unit) =>
                editing === unit.id ? (
                  <EditStaffRow key={unit.id} unit={unit} onDone={async (changed) => {
                    setEditing(null);
                    if (changed) await units.reload();
                  }} />
                ) : (
                  <Table.Row key={unit.id}>
                    <Table.HeaderCell scope="row">{unit.name}</Table.HeaderCell>
                    <Table.Cell className="num">{format.number(unit.staffCount)}</Table.Cell>
                    <Table.Cell>
                      <Button variant="tertiary" data-size="sm" onClick={() => setEditing(unit.id)} aria-label={t('admin.units.editFor', { unit: unit.name })}>
                        {t('admin.units.edit')}
                      </Button>
                    </Table.Cell>
                  </Table.Row>
                ),
              )}
            </Table.Body>
          </Table>
        </div>
      )}
      {units.data?.length === 0 && <Paragraph>{t('admin.units.none')}</Paragraph>}
      <section aria-labelledby="unit-form-heading" className="admin-form stack">
        <Heading level={2} data-size="xs" id="unit-form-heading">
          {t('admin.units.new', { municipality: municipality?.name ?? '' })}
        </Heading>
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <Textfield id={ids.name} label={t('admin.units.name')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} />
          <Textfield
            id={ids.staffCount}
            label={t('admin.units.staffCount')}
            description={t('admin.units.staffCountHelp')}
            inputMode="numeric"
            size={8}
            value={staffCount}
            onChange={(e) => setStaffCount(e.target.value)}
            error={form.errors.staffCount}
          />
          <Button type="submit" loading={busy} disabled={!municipalityId}>
            {t('admin.units.submit')}
          </Button>
          <DoneMessage text={done} />
        </form>
      </section>
    </div>
  );
}

/** Edit one unit's staff count in its table row. */
function EditStaffRow({ unit, onDone }: { unit: Unit; onDone: (changed: boolean) => Promise<void> }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(unit.staffCount));
  const { form, busy, submit, ids } = useAdminForm(`unit-${unit.id}`, ['staffCount'] as const);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      () => (/^\d{1,6}$/.test(value.trim()) ? {} : { staffCount: t('admin.errors.wholeNumber') }),
      async () => {
        await updateUnit(unit.id, { staffCount: Number(value.trim()) });
        await onDone(true);
        return '';
      },
    );
  };
  return (
    <Table.Row>
      <Table.HeaderCell scope="row">{unit.name}</Table.HeaderCell>
      <Table.Cell colSpan={2}>
        <form noValidate onSubmit={save} className="inline-form">
          <Textfield
            id={ids.staffCount}
            label={t('admin.units.staffCountFor', { unit: unit.name })}
            inputMode="numeric"
            size={8}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={form.errors.staffCount ?? form.formErrors[0]}
            autoFocus
          />
          <div className="button-row">
            <Button type="submit" data-size="sm" loading={busy}>
              {t('admin.units.save')}
            </Button>
            <Button variant="tertiary" data-size="sm" onClick={() => void onDone(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </Table.Cell>
    </Table.Row>
  );
}
