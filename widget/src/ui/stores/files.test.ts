import { afterEach, describe, expect, it } from 'vitest';
import { $fileProblem, $files, sendFiles } from './files.ts';
import { conversationEvents } from './conversation.ts';

afterEach(() => conversationEvents.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' }));

describe('files in the widget', () => {
  it('shows the newest list of files, and forgets it when the conversation ends', () => {
    const offered = { id: 'f1', direction: 'incoming', name: 'manual.pdf', size: 4096, mimeType: 'application/pdf', bytes: 0, state: 'offered' } as const;
    conversationEvents.emit({ type: 'files', transfers: [offered] });
    expect($files.get()).toEqual([offered]);
    conversationEvents.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($files.get()).toEqual([]);
  });

  it('says why a file cannot go before an agent is there', () => {
    sendFiles([new File(['x'], 'note.txt')]);
    expect($fileProblem.get()).toBe('Files can be sent once you are talking with an agent.');
  });
});
