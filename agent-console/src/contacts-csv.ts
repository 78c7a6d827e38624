// History as a spreadsheet: a row per contact, for the reports a team makes elsewhere.
import type { Contact } from '@beckon/protocol';

const time = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

const columns: [string, (contact: Contact) => string | number | null | undefined][] = [
  ['Contact', (contact) => contact.id],
  ['Visitor', (contact) => contact.visitor],
  // Only what the host site verified: a visitor who wrote a name and email gives them in Name and Email.
  ['Verified customer id', (contact) => contact.customer?.id],
  ['Verified email', (contact) => contact.customer?.email],
  ['Page', (contact) => contact.page],
  ['Media', (contact) => contact.media],
  ['Agent', (contact) => contact.agent?.name],
  ['Started', (contact) => time(contact.createdAt)],
  ['Connected', (contact) => time(contact.connectedAt)],
  ['Ended', (contact) => time(contact.endedAt)],
  ['Duration (s)', (contact) => contact.durationSeconds],
  ['Outcome', (contact) => contact.outcome],
  ['On hold (s)', (contact) => contact.hold?.seconds],
  ['Recorded', (contact) => (contact.recorded ? 'yes' : null)],
  ['Wrap-up', (contact) => contact.wrapUp?.disposition],
  ['Wrap-up reason', (contact) => contact.wrapUp?.reason],
  ['Notes', (contact) => contact.wrapUp?.notes],
  ['Rating', (contact) => contact.survey?.rating],
  ['Comment', (contact) => contact.survey?.comment],
  ['Visitor MOS', (contact) => contact.quality?.visitor?.averageMos],
  ['Agent MOS', (contact) => contact.quality?.agent?.averageMos],
  ['Name', (contact) => contact.message?.name ?? contact.callback?.name],
  ['Email', (contact) => contact.message?.email ?? contact.callback?.email],
  ['Message', (contact) => contact.message?.text],
];

/**
 * The contacts as CSV (RFC 4180), a header row first. Text that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
 * carriage return, also after a semicolon or a line break and any quotes
 * there) gets an apostrophe before it: what a visitor wrote is never run.
 * @example contactsCsv([contact]) // 'Contact,Visitor,…\r\nc1,Visitor 4F2A,…\r\n'
 */
export function contactsCsv(contacts: readonly Contact[]): string {
  const cell = (value: string | number | null | undefined) => {
    if (value === null || value === undefined) return '';
    // Also after a semicolon or a line break, and quotes there: a spreadsheet
    // that splits on those (Excel in much of Europe) starts a cell there.
    const text = typeof value === 'string' ? value.replace(/(^|[;\r\n])("*)(?=[=+\-@\t\r])/g, "$1$2'") : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = [columns.map(([name]) => name), ...contacts.map((contact) => columns.map(([, read]) => read(contact)))];
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
