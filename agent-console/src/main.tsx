// The agent console's entry point, served at /console/.
import { render } from 'preact';
import { App } from './components/App.tsx';
import { restoreSession } from './stores/session.ts';
import { followShift } from './stores/shift.ts';

followShift();
restoreSession();
const root = document.getElementById('app');
if (root) render(<App />, root);
