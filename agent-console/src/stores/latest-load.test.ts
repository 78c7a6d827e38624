// A page's fetches as they answer out of order: only the latest request's
// answer or failure is shown, with the loading flag and the error meanwhile.
import { atom } from 'nanostores';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../test-api.ts';
import { latestLoad, type Loading } from './latest-load.ts';
import { $session, sessionFrom } from './session.ts';

interface Found extends Loading {
  found: string[];
}

// A request whose answer (or failure) comes when the test says.
function held() {
  let answer!: (found: string[]) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<string[]>((resolve, reject) => ((answer = resolve), (fail = reject)));
  return { request: () => promise, answer, fail };
}

const $found = atom<Found>({ found: [], loading: false, error: null });
let foundLoad: ReturnType<typeof latestLoad<Found>>;
const load = (request: () => Promise<string[]>) => foundLoad.load(request, (found) => ({ found }));

beforeEach(() => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  $session.set(sessionFrom({ accessToken: 'agent-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'robin@example.com', role: 'agent' } }, Date.now()));
  $found.set({ found: ['kept'], loading: false, error: null });
  foundLoad = latestLoad($found, 'the contacts');
});

describe('a page loading its list', () => {
  it('says it is loading, keeps what it shows meanwhile, then shows the answer', async () => {
    const page = held();
    const loading = load(page.request);
    expect($found.get()).toEqual({ found: ['kept'], loading: true, error: null });
    page.answer(['c2', 'c1']);
    await loading;
    expect($found.get()).toEqual({ found: ['c2', 'c1'], loading: false, error: null });
  });

  it('says why it failed, keeps what it showed, and clears the error on the next load', async () => {
    const page = held();
    const loading = load(page.request);
    page.fail(new Error('the network is down'));
    await loading;
    expect($found.get()).toEqual({ found: ['kept'], loading: false, error: 'Could not load the contacts: the network is down' });
    const again = held();
    const reloading = load(again.request);
    expect($found.get()).toEqual({ found: ['kept'], loading: true, error: null });
    again.answer(['c1']);
    await reloading;
    expect($found.get()).toEqual({ found: ['c1'], loading: false, error: null });
  });

  it('ignores an older answer that comes after a newer one', async () => {
    const older = held();
    const newer = held();
    const olderLoading = load(older.request);
    const newerLoading = load(newer.request);
    newer.answer(['newer']);
    await newerLoading;
    older.answer(['older']);
    await olderLoading;
    expect($found.get()).toEqual({ found: ['newer'], loading: false, error: null });
  });

  it('stays loading when an older request answers or fails before the newer one', async () => {
    const older = held();
    const oldest = held();
    const newer = held();
    const loads = [load(oldest.request), load(older.request), load(newer.request)];
    oldest.answer(['oldest']);
    older.fail(new Error('the network is down'));
    await Promise.all(loads.slice(0, 2));
    expect($found.get()).toEqual({ found: ['kept'], loading: true, error: null });
    newer.answer(['newer']);
    await loads[2];
    expect($found.get()).toEqual({ found: ['newer'], loading: false, error: null });
  });

  it('drops an answer still on its way once forgotten (as on sign-out)', async () => {
    const page = held();
    const loading = load(page.request);
    foundLoad.forget();
    $found.set({ found: [], loading: false, error: null });
    page.answer(['c1']);
    await loading;
    expect($found.get()).toEqual({ found: [], loading: false, error: null });
  });
});
