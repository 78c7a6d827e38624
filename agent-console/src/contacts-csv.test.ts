import type { Contact } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { contactsCsv } from './contacts-csv.ts';

const contact: Contact = {
  id: 'c1', visitor: 'Visitor 4F2A', customer: null, page: 'https://shop.example/help?a=1,b=2', media: 'video', agent: { id: 'a1', name: 'Ada "A" Lee' },
  createdAt: Date.UTC(2026, 10, 27, 9, 0), connectedAt: Date.UTC(2026, 10, 27, 9, 1), endedAt: Date.UTC(2026, 10, 27, 9, 11), durationSeconds: 600,
  outcome: 'completed', hold: { times: 1, seconds: 42 }, wrapUp: { disposition: 'resolved', notes: 'Refund sent.\nFollow up Monday.', seconds: 30, reason: 'Refunds' },
  survey: { rating: 5, comment: '=HYPERLINK("https://evil.example")' }, recorded: true,
};

describe('History as CSV', () => {
  it('has a header and a row per contact, quoting commas, quotes and new lines', () => {
    const [header, row, end] = contactsCsv([contact]).split('\r\n');
    expect(header).toBe('Contact,Visitor,Verified customer id,Verified email,Page,Media,Agent,Started,Connected,Ended,Duration (s),Outcome,On hold (s),Recorded,Wrap-up,Wrap-up reason,Notes,Rating,Comment,Visitor MOS,Agent MOS,Name,Email,Message');
    expect(row).toBe(
      'c1,Visitor 4F2A,,,"https://shop.example/help?a=1,b=2",video,"Ada ""A"" Lee",2026-11-27T09:00:00.000Z,2026-11-27T09:01:00.000Z,2026-11-27T09:11:00.000Z,600,completed,42,yes,resolved,Refunds,"Refund sent.\nFollow up Monday.",5,"\'=HYPERLINK(""https://evil.example"")",,,,,',
    );
    expect(end).toBe('');
  });

  it('leaves Recorded empty for a call that was not recorded', () => {
    const { recorded: _, ...unrecorded } = contact;
    expect(contactsCsv([unrecorded]).split('\r\n')[1]).toContain(',600,completed,42,,resolved,Refunds,');
  });

  it("gives a verified customer's id and email, and never runs one as a formula", () => {
    const verified = { ...contact, visitor: 'Ada Lovelace', customer: { id: '=cmd|calc', name: 'Ada Lovelace', email: 'ada@example.com' } };
    expect(contactsCsv([verified]).split('\r\n')[1]).toMatch(/^c1,Ada Lovelace,'=cmd\|calc,ada@example\.com,"https/);
  });

  it('never lets a spreadsheet run what a visitor wrote as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      const csv = contactsCsv([{ ...contact, message: { name: 'Robin', email: 'robin@example.com', text } }]);
      const last = csv.trimEnd().split(',').at(-1)!.replace(/^"/, '');
      expect(last.startsWith("'"), JSON.stringify(text)).toBe(true);
    }
  });

  it('never lets a spreadsheet that splits on semicolons or lines run a formula from inside a cell', () => {
    // Excel in much of Europe reads a .csv by semicolons and takes no quote in mid-field as one: each piece is a cell of its own.
    for (const text of ['Robin;=1+1', 'Hi;@SUM(A1);x', 'Order\n=1+1', 'Order\r\n-1', 'Hi;"=1+1";x']) {
      const csv = contactsCsv([{ ...contact, message: { name: 'Robin', email: 'robin@example.com', text } }]);
      // A cell may open with quotes, which such a spreadsheet takes away before it looks for a formula.
      const pieces = csv.split(/[;\r\n,]/).map((piece) => piece.replace(/^"+/, ''));
      expect(pieces.filter((piece) => /^[=+\-@\t]/.test(piece)), JSON.stringify(text)).toEqual([]);
    }
  });
});
