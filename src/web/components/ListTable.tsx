/**
 * Records as a table in its own scroll region, named by its caption: a wide table scrolls inside the region
 * rather than the page, and the region can be reached by keyboard. The column headers come from `columns`,
 * the rows (Table.Row) are the children.
 */
import { Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

export function ListTable({ captionId, caption, columns, children }: { captionId: string; caption: ReactNode; columns: readonly ReactNode[]; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table zebra border className="admin-table">
        <caption id={captionId}>{caption}</caption>
        <Table.Head>
          <Table.Row>
            {columns.map((c, i) => (
              <Table.HeaderCell key={i} scope="col">
                {c}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>{children}</Table.Body>
      </Table>
    </div>
  );
}
