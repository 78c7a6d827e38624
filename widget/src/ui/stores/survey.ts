// The short survey a visitor is asked after a conversation an agent took part
// in: a rating from 1 to 5 and an optional comment, sent once or skipped.
import type { Survey } from '@beckon/protocol';
import { atom } from 'nanostores';
import { asApiError, sendSurvey } from '../api.ts';
import { hostEvents } from '../host-events.ts';
import { services } from '../services.ts';

export type SurveyState =
  | { step: 'none' }
  /** `about`: what the visitor rates; `error` says why the last send did not go through. */
  | { step: 'asking'; conversationId: string; token: string; about: SurveyAbout; error?: string }
  | { step: 'sending'; conversationId: string; token: string; about: SurveyAbout }
  | { step: 'thanks' };

/** A conversation that was a call at some point is rated as a call. */
export type SurveyAbout = 'call' | 'chat';

export const $survey = atom<SurveyState>({ step: 'none' });

/**
 * Asks the visitor to rate the conversation that just ended.
 * @example askSurvey(conversationId, conversationToken, 'call');
 */
export function askSurvey(conversationId: string, token: string, about: SurveyAbout): void {
  $survey.set({ step: 'asking', conversationId, token, about });
}

/**
 * Sends the visitor's rating and comment; a survey already sent counts as sent.
 * @example await submitSurvey({ rating: 4, comment: null });
 */
export async function submitSurvey(survey: Survey): Promise<void> {
  const state = $survey.get();
  if (state.step !== 'asking') return;
  const { conversationId, token, about } = state;
  $survey.set({ step: 'sending', conversationId, token, about });
  try {
    await sendSurvey(services().base, conversationId, token, survey);
  } catch (error) {
    const { code, message } = asApiError(error);
    if (code !== 'conflict') return $survey.set({ step: 'asking', conversationId, token, about, error: message });
  }
  $survey.set({ step: 'thanks' });
  hostEvents.emit({ name: 'survey:submitted', detail: { rating: survey.rating, comment: survey.comment } });
}

/**
 * Closes the survey without sending anything.
 * @example <button onClick={skipSurvey}>Skip</button>
 */
export function skipSurvey(): void {
  $survey.set({ step: 'none' });
}
