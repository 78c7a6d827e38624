import { maxSurveyCommentChars } from '@beckon/protocol';
import { useStore } from '@beckon/ui';
import { useState } from 'preact/hooks';
import { $survey, skipSurvey, submitSurvey } from '../stores/survey.ts';

const ratings = [1, 2, 3, 4, 5];

/**
 * The survey after a conversation: a rating from 1 to 5, an optional comment, Submit or Skip.
 * @example <Survey />
 */
export function Survey() {
  const survey = useStore($survey);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  if (survey.step === 'none') return null;
  if (survey.step === 'thanks') return <p role="status">Thank you for your feedback.</p>;
  const sending = survey.step === 'sending';
  return (
    <form
      class="survey"
      onSubmit={(event) => {
        event.preventDefault();
        if (rating !== null) void submitSurvey({ rating, comment: comment.trim() || null });
      }}
    >
      <fieldset class="rating">
        <legend>How was your {survey.about}? (1 is poor, 5 is great)</legend>
        {ratings.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="rating"
              required
              value={value}
              aria-label={`${value} out of 5`}
              checked={rating === value}
              onChange={() => setRating(value)}
            />
            <span aria-hidden="true">{value}</span>
          </label>
        ))}
      </fieldset>
      <label class="picker">
        Anything to add? (optional)
        <textarea rows={3} maxLength={maxSurveyCommentChars} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
      </label>
      {survey.step === 'asking' && survey.error && <p role="alert" class="notice">{survey.error}</p>}
      <div class="actions">
        {/* Never disabled for want of a rating: pressed without one, the browser says to choose one and puts the focus there. */}
        <button type="submit" class="primary" disabled={sending}>
          Submit
        </button>
        <button type="button" onClick={skipSurvey} disabled={sending}>
          Skip
        </button>
      </div>
    </form>
  );
}
