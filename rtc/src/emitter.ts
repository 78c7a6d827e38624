/** A listener registry with `on` returning its own unsubscribe. */
export interface Emitter<E> {
  on(listener: (event: E) => void): () => void;
  emit(event: E): void;
}

/**
 * Creates an emitter of one event union.
 * @example const events = createEmitter<string>(); const off = events.on(console.log); events.emit('hi'); off();
 */
export function createEmitter<E>(): Emitter<E> {
  const listeners = new Set<(event: E) => void>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
  };
}
