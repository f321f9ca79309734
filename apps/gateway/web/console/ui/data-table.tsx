import type { ComponentChildren } from 'preact';

export interface Column {
  text: string;
  /** Counts are right-aligned, in their header too. */
  numeric?: boolean;
}

/**
 * A list as a table every screen draws the same way: it scrolls sideways inside itself on a narrow
 * screen (the page never does), with a caption for screen readers when given and column headers.
 */
export function DataTable({
  className,
  caption,
  captionClass,
  columns,
  children,
}: {
  className: string;
  caption?: string;
  captionClass?: string;
  columns: ReadonlyArray<string | Column>;
  children: ComponentChildren;
}) {
  return (
    <div class="table-scroll">
      <table class={className}>
        {caption ? <caption class={captionClass}>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => {
              const { text, numeric } =
                typeof column === 'string' ? { text: column, numeric: false } : column;
              return (
                <th key={text} scope="col" class={numeric ? 'numeric' : undefined}>
                  {text}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
