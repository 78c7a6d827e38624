// Drawing a component from nanostores.
import type { ReadableAtom } from 'nanostores';
import { useEffect, useState } from 'preact/hooks';

/**
 * A store's value; the component is drawn again when it changes. A change
 * joins Preact's own batch, drawn in one pass as soon as the task that made
 * it is done. (`@nanostores/preact` drew each component in a timer task of
 * its own: after Accept, about ten such tasks on the console held up the
 * call's signaling messages; see docs/performance.md.)
 * @example const offer = useStore($offer);
 */
export function useStore<T>(store: ReadableAtom<T>): T {
  const [, redraw] = useState({});
  const value = store.get();
  useEffect(() => {
    // A change between the first drawing and this effect is drawn too.
    if (store.get() !== value) redraw({});
    return store.listen(() => redraw({}));
  }, [store]);
  return value;
}
