import { useEffect, useRef } from 'preact/hooks';

/**
 * For a form that opens on request, below a long table: the focus (and so
 * the view) goes to its first field, and back to what opened it once it
 * closes, so keyboard and screen-reader users are not left behind.
 * @example const form = useOpenedForm(); return <form ref={form}>…</form>;
 */
export function useOpenedForm() {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    form.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => {
      // Only if the focus was still in the form (now gone): a click elsewhere keeps its own.
      if (document.activeElement === document.body || form.current?.contains(document.activeElement)) opener?.focus();
    };
  }, []);
  return form;
}
