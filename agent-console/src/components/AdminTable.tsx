import type { ComponentChildren } from 'preact';

/**
 * A table of an Admin page section: the named columns, then one for each row's buttons.
 * @example <AdminTable columns={['Label', 'Key']}>{rows}</AdminTable>
 */
export function AdminTable({ columns, children }: { columns: string[]; children: ComponentChildren }) {
  return (
    // Its own scroller, as History's: on a phone a wide table would otherwise push the whole Admin page sideways.
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
