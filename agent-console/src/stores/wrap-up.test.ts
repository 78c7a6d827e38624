import { afterEach, describe, expect, it } from 'vitest';
import { $wrapUp, beginWrapUp, editWrapUp, resetWrapUp, saveWrapUp, wrapUpEnded } from './wrap-up.ts';

afterEach(() => resetWrapUp());

describe('wrap-up', () => {
  it('opens a form for the ended call and needs a disposition before it can be saved', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000 });
    expect($wrapUp.get()).toEqual({ contactId: 'c1', until: 5_000, holding: true, disposition: '', notes: '', saving: false });
    expect(saveWrapUp()).toBe(false);
    editWrapUp({ disposition: 'resolved', notes: 'Router reset' });
    expect($wrapUp.get()).toMatchObject({ disposition: 'resolved', notes: 'Router reset' });
  });

  it('keeps what was typed when the hold times out, and when the same wrap-up is announced again after a reload', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000 });
    editWrapUp({ notes: 'half a sentence' });
    wrapUpEnded({ type: 'wrap-up-ended', contactId: 'c1', saved: false });
    expect($wrapUp.get()).toMatchObject({ holding: false, notes: 'half a sentence' });
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 9_000 });
    expect($wrapUp.get()).toMatchObject({ holding: true, until: 9_000, notes: 'half a sentence' });
  });

  it('closes when the server confirms it saved, and ignores news about other calls', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000 });
    wrapUpEnded({ type: 'wrap-up-ended', contactId: 'other', saved: true });
    expect($wrapUp.get()).not.toBeNull();
    wrapUpEnded({ type: 'wrap-up-ended', contactId: 'c1', saved: true });
    expect($wrapUp.get()).toBeNull();
  });
});
