/**
 * Tables in a box that scrolls sideways on a phone (the page itself does not), the box focusable by keyboard
 * and named by the table's caption.
 * - ScrollTable: the box and the caption; the head and body are the children.
 * - ListTable: records, with column headers from `columns` and the rows (Table.Row) as children.
 */
import { Table } from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';

export function ScrollTable({ caption, children, className, captionId, size }: {
  caption: ReactNode;
  children: ReactNode;
  className: string;
  /** A fixed id for the caption (tests find tables by it); else one of its own. */
  captionId?: string;
  size?: 'sm';
}) {
  const ownId = `${useId().replace(/[^\w-]/g, '')}-caption`;
  const id = captionId ?? ownId;
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <Table border zebra data-size={size} className={className}>
        <caption id={id}>{caption}</caption>
        {children}
      </Table>
    </div>
  );
}

export function ListTable({ captionId, caption, columns, children }: { captionId: string; caption: ReactNode; columns: readonly ReactNode[]; children: ReactNode }) {
  return (
    <ScrollTable caption={caption} captionId={captionId} className="admin-table">
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
    </ScrollTable>
  );
}
