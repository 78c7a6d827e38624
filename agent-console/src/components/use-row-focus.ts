import { useLayoutEffect, useRef } from 'preact/hooks';

// The row button pressed, and where the keyboard may go on once it is gone.
interface Pressed {
  button: HTMLElement;
  row: Element;
  next: Element | null;
  previous: Element | null;
  heading: HTMLElement | null;
}

/**
 * For a list whose rows have buttons that take their row away (Delete,
 * Remove, Revoke) or themselves (Rotate): once the list shows the change and
 * the pressed button is gone, the focus goes on to its row if it stays, else
 * the row that followed it, else the one before (to the button of the same
 * name there, or its first), else to the list page's heading, or where
 * `afterLast` says when the heading went with the list, so keyboard and
 * screen-reader users are not left at the top of the page.
 * @example const fromRow = useRowFocus(list.items); <button onClick={(event) => confirm('Delete it?') && fromRow(event.currentTarget, () => deleteSavedReply(reply))}>Delete</button>
 */
export function useRowFocus(items: unknown[], afterLast?: () => HTMLElement | null): (button: HTMLElement, act: () => unknown) => void {
  const pressed = useRef<Pressed | null>(null);
  useLayoutEffect(() => {
    const last = pressed.current;
    // Still there: the request is out, or failed and the row stays.
    if (!last || last.button.isConnected) return;
    pressed.current = null;
    // Only if the focus went with the button: a click elsewhere keeps its own.
    if (document.activeElement !== document.body) return;
    const row = [last.row, last.next, last.previous].find((candidate) => candidate?.isConnected);
    const buttons = [...(row?.querySelectorAll('button') ?? [])];
    const heading = last.heading?.isConnected ? last.heading : afterLast?.();
    (buttons.find((button) => button.textContent === last.button.textContent) ?? buttons[0] ?? heading)?.focus();
  }, [items]);
  return (button, act) => {
    const row = button.closest('tr, li');
    if (row) {
      pressed.current = {
        button,
        row,
        next: row.nextElementSibling,
        previous: row.previousElementSibling,
        heading: row.closest('section')?.querySelector('h2') ?? null,
      };
    }
    void act();
  };
}
