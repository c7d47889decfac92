/**
 * What the research panels share: the projects the viewer may study (provided by ResearchPage), a wave
 * picker, number formatting for statistics in the viewer's locale, the statistics table, and the
 * loading/failure states.
 */
import { Alert, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wave } from '../../../contracts/api.js';
import type { ResearchProject } from '../../../contracts/research.js';
import { ApiError } from '../../api.js';
import type { Loaded } from '../../components/useApi.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { useFormat } from '../../i18n/index.js';

export const ResearchProjectsContext = createContext<readonly ResearchProject[]>([]);

export function useResearchProject(projectId: string): ResearchProject | undefined {
  return useContext(ResearchProjectsContext).find((p) => p.id === projectId);
}

/** The wave to start with: the latest closed one, else the latest that has opened, else the first. */
export function defaultWave(waves: readonly Wave[]): Wave | undefined {
  const latest = [...waves].sort((a, b) => b.opensAt.localeCompare(a.opensAt));
  return latest.find((w) => w.status === 'closed') ?? latest.find((w) => w.status === 'open') ?? latest[0];
}

/** "T0 (opened 1 October 2025)" */
export function useWaveLabel(): (w: Wave) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (w) => t('research.waveOption', { label: w.label, date: format.date(w.opensAt) });
}

export interface StatFormat {
  /** A statistic with `digits` decimals; "–" when it cannot be computed. */
  num(x: number | null | undefined, digits?: number): string;
  /** A p-value: three decimals, "< 0.001" below that. */
  p(x: number | null | undefined): string;
  /** "[lower, upper]" with `digits` decimals. */
  ci(ci: { lower: number; upper: number } | null | undefined, digits?: number): string;
  /** A share 0–1 as per cent with one decimal. */
  percent(share: number | null | undefined): string;
  /** A count. */
  count(n: number): string;
  /** Up to one decimal: whole numbers stay whole (a rank statistic: 2 534 or 2 534,5). */
  short(x: number): string;
}

export const NOT_COMPUTABLE = '–';

/** Statistical notation, the same in every language (passed to the texts as placeholders). */
export const SYMBOLS = { t: 't', p: 'p', z: 'z', v: 'V', w: 'W', dz: 'd_z', g: 'g' } as const;

export function useStatFormat(): StatFormat {
  const format = useFormat();
  return useMemo(() => {
    const upToOne = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1 });
    const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? NOT_COMPUTABLE : format.number(x, digits));
    return {
      num,
      p: (x) => (x === null || x === undefined ? NOT_COMPUTABLE : x < 0.001 ? `< ${format.number(0.001, 3)}` : format.number(x, 3)),
      ci: (ci, digits = 2) => (ci ? `[${num(ci.lower, digits)}; ${num(ci.upper, digits)}]` : NOT_COMPUTABLE),
      percent: (share) => (share === null || share === undefined ? NOT_COMPUTABLE : `${format.number(100 * share, 1)} %`),
      count: (n) => format.number(n),
      short: (x) => upToOne.format(x),
    };
  }, [format]);
}

/** A spinner while loading, the server's message when it failed, else the content. */
export function LoadState<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (loaded.state === 'failed') {
    const message = loaded.error instanceof ApiError && loaded.error.detail ? loaded.error.detail : t('research.loadFailed');
    return (
      <Alert data-color="warning">
        <Paragraph>{message}</Paragraph>
      </Alert>
    );
  }
  if (loaded.data === undefined) return <Spinner aria-label={t('common.loading')} data-size="lg" />;
  return <>{children(loaded.data)}</>;
}

export interface StatRow {
  id: string;
  /** The row header (a scale, a group, an item). */
  label: ReactNode;
  /** One per column; null: the row is withheld, said once across it. */
  cells: readonly ReactNode[] | null;
}

/**
 * A table of statistics (a ScrollTable): a caption, a column of row headers and right-aligned figures.
 */
export function StatTable({ captionId, caption, rowHeader, columns, rows, withheld, className }: {
  captionId: string;
  caption: string;
  rowHeader: string;
  columns: readonly string[];
  rows: readonly StatRow[];
  withheld?: ReactNode;
  className?: string;
}) {
  return (
    <ScrollTable caption={caption} captionId={captionId} className={className ? `research-table ${className}` : 'research-table'} size="sm">
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell scope="col">{rowHeader}</Table.HeaderCell>
          {columns.map((c, i) => (
            <Table.HeaderCell key={i} scope="col" className="num">
              {c}
            </Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((r) => (
          <Table.Row key={r.id}>
            <Table.HeaderCell scope="row">{r.label}</Table.HeaderCell>
            {r.cells === null ? (
              <Table.Cell colSpan={columns.length}>{withheld}</Table.Cell>
            ) : (
              r.cells.map((c, i) => (
                <Table.Cell key={i} className="num">
                  {c}
                </Table.Cell>
              ))
            )}
          </Table.Row>
        ))}
      </Table.Body>
    </ScrollTable>
  );
}
