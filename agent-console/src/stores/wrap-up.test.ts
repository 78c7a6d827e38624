import { afterEach, describe, expect, it } from 'vitest';
import { $holdingWrapUp, $wrapUps, beginWrapUp, editWrapUp, offersLine, resetWrapUps, saveWrapUp, wrapUpEnded } from './wrap-up.ts';

afterEach(() => resetWrapUps());

describe('wrap-up', () => {
  it('opens a form for the ended contact and needs a disposition before it can be saved', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000, reasons: [] });
    expect($wrapUps.get()).toEqual({ c1: { contactId: 'c1', until: 5_000, holding: true, disposition: '', notes: '', reasons: [], reason: '', saving: false } });
    expect(saveWrapUp('c1')).toBe(false);
    editWrapUp('c1', { disposition: 'resolved', notes: 'Router reset' });
    expect($wrapUps.get().c1).toMatchObject({ disposition: 'resolved', notes: 'Router reset' });
  });

  it('keeps what was typed when the hold times out, and when the same wrap-up is announced again after a reload', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000, reasons: [] });
    editWrapUp('c1', { notes: 'half a sentence' });
    wrapUpEnded({ type: 'wrap-up-ended', contactId: 'c1', saved: false });
    expect($wrapUps.get().c1).toMatchObject({ holding: false, notes: 'half a sentence' });
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 9_000, reasons: [] });
    expect($wrapUps.get().c1).toMatchObject({ holding: true, until: 9_000, notes: 'half a sentence' });
  });

  it('keeps one form per ended contact; offers are held back for the newest only', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000, reasons: [] });
    editWrapUp('c1', { notes: 'first chat' });
    beginWrapUp({ type: 'wrap-up', contactId: 'c2', until: 7_000, reasons: [] });
    expect($wrapUps.get().c1).toMatchObject({ holding: false, notes: 'first chat' });
    expect($wrapUps.get().c2).toMatchObject({ holding: true, notes: '' });
  });

  it('says on an older form that offers wait for the newer wrap-up, and that they come in once it no longer holds them', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000, reasons: [] });
    beginWrapUp({ type: 'wrap-up', contactId: 'c2', until: 7_000, reasons: [] });
    const { c1, c2 } = $wrapUps.get();
    expect(offersLine(c2!, $holdingWrapUp.get(), 1_000)).toBe('New offers in 6 s, or as soon as you save.');
    expect(offersLine(c1!, $holdingWrapUp.get(), 1_000)).toBe('New offers wait for your latest wrap-up.');
    expect(offersLine(c1!, $holdingWrapUp.get(), 7_000)).toBe('New offers are coming in again.');
    wrapUpEnded({ type: 'wrap-up-ended', contactId: 'c2', saved: false });
    expect(offersLine(c1!, $holdingWrapUp.get(), 1_000)).toBe('New offers are coming in again.');
  });

  it('closes a form when the server confirms it saved, and ignores news about other contacts', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: 5_000, reasons: [] });
    wrapUpEnded({ type: 'wrap-up-ended', contactId: 'other', saved: true });
    expect($wrapUps.get().c1).toBeDefined();
    wrapUpEnded({ type: 'wrap-up-ended', contactId: 'c1', saved: true });
    expect($wrapUps.get()).toEqual({});
  });
});

describe('a team with wrap-up reasons', () => {
  it('offers them in the form and sends the one chosen, or none', () => {
    beginWrapUp({ type: 'wrap-up', contactId: 'r1', until: 5_000, reasons: ['Billing', 'Delivery'] });
    expect($wrapUps.get().r1).toMatchObject({ reasons: ['Billing', 'Delivery'], reason: '' });
    editWrapUp('r1', { disposition: 'resolved', reason: 'Delivery' });
    expect($wrapUps.get().r1).toMatchObject({ disposition: 'resolved', reason: 'Delivery' });
  });
});
