/**
 * Pieces the release tabs share: the grouping chooser, the note that names what "other … together" holds and
 * why groups were merged, and the scrolling table frame with its caption.
 */
import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ReleasedBreakdown } from '../../../contracts/release.js';
import { SelectField } from '../../components/SelectField.js';
import { useHiddenText } from '../../components/charts/ChartFigure.js';
import { REST, toFigure } from './release-model.js';
import type { ReleaseText } from './useReleaseText.js';

export function GroupingSelect({ id, groupings, value, onChange, text }: { id: string; groupings: string[]; value: string; onChange: (g: string) => void; text: ReleaseText }) {
  const { t } = useTranslation();
  if (groupings.length < 2) return null;
  return (
    <div className="filters">
      <SelectField id={id} width="auto" label={t('results.groupBy')} value={value} onChange={onChange} options={groupings.map((g) => ({ value: g, label: text.grouping(g) }))} />
    </div>
  );
}

/** "Other units together: A, B." and, for a breakdown, why each of them has no row of its own. */
export function RestNote({ grouping, text, breakdown, k }: { grouping: string; text: ReleaseText; breakdown?: ReleasedBreakdown | null; k: number }) {
  const { t } = useTranslation();
  const hidden = useHiddenText(k);
  const rest = breakdown ? breakdown.rows.find((r) => r.id === REST) : null;
  const members = rest ? rest.members.map((m) => text.group(grouping, m)) : text.restMembers(grouping);
  if (members.length === 0) return null;
  const reasons = breakdown
    ? Object.entries(breakdown.merged).map(([id, f]) => {
        const figure = toFigure(f);
        return `${text.group(grouping, id)}: ${typeof figure === 'number' ? t('results.restNote.mergedHere') : hidden(figure)}`;
      })
    : [];
  return (
    <Paragraph data-size="sm" className="rest-note">
      {t('results.restNote.members', { rest: text.group(grouping, REST), members: members.join(', ') })}
      {reasons.length > 0 && ` ${t('results.restNote.why', { reasons: reasons.join('; ') })}`}
    </Paragraph>
  );
}

