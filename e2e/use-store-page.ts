// What e2e/use-store.spec.ts needs in its page: the hook, and Preact and nanostores to use it with.
export { useStore } from '@beckon/ui';
export { atom } from 'nanostores';
export { h, render } from 'preact';
