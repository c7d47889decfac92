/**
 * A withheld figure in a table: a short mark ("<5", "small group", "almost all") that a screen reader reads
 * as the full reason, with the reason as a tooltip too; and the legend that explains every mark. A withheld
 * figure is never blank and never 0.
 */
import { Details } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useHiddenText } from '../../components/charts/ChartFigure.js';
import { isSuppressed, type Figure, type Suppressed } from '../../components/charts/index.js';
import { useFormat } from '../../i18n/index.js';

type MarkKind = 'below_k' | 'complementary' | 'protected' | 'small_group' | 'almost_all' | 'few' | 'all_same' | 'base_withheld';

const markKind = (f: Suppressed): MarkKind => (f.band === 'almost_all' ? 'almost_all' : f.band === 'few' ? 'few' : f.reason);

function useMarks(k: number) {
  const { t } = useTranslation();
  const mark = (kind: MarkKind): string => {
    switch (kind) {
      case 'below_k':
        return t('results.withheld.mark.below_k', { k });
      case 'complementary':
        return t('results.withheld.mark.complementary', { k });
      case 'protected':
        return t('results.withheld.mark.protected');
      case 'small_group':
        return t('results.withheld.mark.small_group');
      case 'almost_all':
        return t('results.withheld.mark.almost_all');
      case 'few':
        return t('results.withheld.mark.few');
      case 'all_same':
        return t('results.withheld.mark.all_same');
      case 'base_withheld':
        return t('results.withheld.mark.base_withheld');
    }
  };
  const explain = (kind: MarkKind): string => {
    switch (kind) {
      case 'below_k':
        return t('results.withheld.explain.below_k', { k });
      case 'complementary':
        return t('results.withheld.explain.complementary', { k });
      case 'protected':
        return t('results.withheld.explain.protected', { k });
      case 'small_group':
        return t('results.withheld.explain.small_group', { k, double: 2 * k });
      case 'almost_all':
        return t('results.withheld.explain.almost_all', { k });
      case 'few':
        return t('results.withheld.explain.few', { k });
      case 'all_same':
        return t('results.withheld.explain.all_same');
      case 'base_withheld':
        return t('results.withheld.explain.base_withheld');
    }
  };
  return { mark, explain };
}

/** The mark of one withheld figure. */
export function WithheldMark({ figure, k }: { figure: Suppressed; k: number }) {
  const { mark } = useMarks(k);
  const hidden = useHiddenText(k);
  const kind = markKind(figure);
  return (
    <span className="withheld" data-reason={kind} title={hidden(figure)}>
      <span aria-hidden="true">{mark(kind)}</span>
      <span className="ds-sr-only">{hidden(figure)}</span>
    </span>
  );
}

/** A count, with its share of `base` when both are shown; or the withheld mark. */
export function CountText({ figure, base, k }: { figure: Figure | undefined; base?: Figure; k: number }) {
  const format = useFormat();
  if (figure === undefined) return <>–</>;
  if (isSuppressed(figure)) return <WithheldMark figure={figure} k={k} />;
  const share = base !== undefined && typeof base === 'number' && base > 0 ? ` (${format.percent(figure / base)})` : '';
  return (
    <span className="count">
      {format.number(figure)}
      {share && <span className="count__share">{share}</span>}
    </span>
  );
}

/** A share 0–1, or the withheld mark. */
export function ShareText({ share, k }: { share: number | Suppressed; k: number }) {
  const format = useFormat();
  return isSuppressed(share) ? <WithheldMark figure={share} k={k} /> : <>{format.percent(share)}</>;
}

const LEGEND_ORDER: MarkKind[] = ['below_k', 'complementary', 'protected', 'small_group', 'almost_all', 'few', 'all_same', 'base_withheld'];

/** How to read the marks: each mark with what it means (folded away until asked for). */
export function WithheldLegend({ k }: { k: number }) {
  const { t } = useTranslation();
  const { mark, explain } = useMarks(k);
  return (
    <Details className="withheld-legend" data-color="neutral">
      <Details.Summary>{t('results.withheld.heading')}</Details.Summary>
      <Details.Content>
        <p className="withheld-legend__intro">{t('results.withheld.intro', { k })}</p>
        <dl className="withheld-legend__list">
          {LEGEND_ORDER.map((kind) => (
            <div key={kind} className="withheld-legend__item">
              <dt>
                <span className="withheld" data-reason={kind}>
                  {mark(kind)}
                </span>
              </dt>
              <dd>{explain(kind)}</dd>
            </div>
          ))}
        </dl>
      </Details.Content>
    </Details>
  );
}
