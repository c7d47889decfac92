// The platform admin's view of the benchmark opt-in: choose a municipality, see and change its choices.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../contracts/api.js';
import { SelectField } from '../../components/SelectField.js';
import { BenchmarkPanel } from '../accounts/BenchmarkPanel.js';

export function AdminBenchmarksPanel({ municipalities }: { municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const [municipalityId, setMunicipalityId] = useState(municipalities[0]?.id ?? '');
  const chosen = municipalities.find((m) => m.id === municipalityId);
  return (
    <div className="stack">
      <SelectField
        id="benchmarks-municipality"
        label={t('accounts.municipality')}
        value={municipalityId}
        onChange={setMunicipalityId}
        options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
      />
      {chosen && <BenchmarkPanel municipalityId={chosen.id} municipalityName={chosen.name} />}
    </div>
  );
}
