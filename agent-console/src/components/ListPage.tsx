import type { ComponentChildren } from 'preact';

/**
 * A console page that shows one fetched list as a table: a heading, Refresh, the error, and a line when it is empty (unless `empty` is '').
 * @example <ListPage id="history" title="History" list={list} onRefresh={loadContacts} empty="No contacts yet.">{table}</ListPage>
 */
export function ListPage(props: {
  id: string;
  title: string;
  list: { items: unknown[]; loading: boolean; error: string | null };
  onRefresh(): Promise<void>;
  empty: string;
  children: ComponentChildren;
}) {
  const { items, loading, error } = props.list;
  return (
    <section class="history" aria-labelledby={`${props.id}-title`}>
      <div class="history-head">
        {/* Focusable from script: the keyboard goes on here when a page's last row is taken away. */}
        <h2 id={`${props.id}-title`} tabIndex={-1}>
          {props.title}
        </h2>
        {/* Not disabled while loading: a disabled button drops the focus to the page, and a screen reader with it. */}
        <button type="button" aria-disabled={loading ? 'true' : undefined} onClick={() => !loading && void props.onRefresh()}>
          Refresh
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {props.children}
      {!loading && items.length === 0 && !error && props.empty && <p>{props.empty}</p>}
    </section>
  );
}
