import { describe, expect, it } from 'vitest';
import { parseSurvey } from './survey.ts';

describe('parseSurvey', () => {
  it('accepts a rating with a comment, trimmed', () => {
    expect(parseSurvey({ rating: 4, comment: '  Quick and friendly \n' })).toEqual({ rating: 4, comment: 'Quick and friendly' });
  });

  it('takes a missing, null or blank comment as none, and drops other fields', () => {
    expect(parseSurvey({ rating: 1 })).toEqual({ rating: 1, comment: null });
    expect(parseSurvey({ rating: 5, comment: null, agentId: 'x' })).toEqual({ rating: 5, comment: null });
    expect(parseSurvey({ rating: 3, comment: '   ' })).toEqual({ rating: 3, comment: null });
  });

  it('accepts a comment of exactly 1000 characters', () => {
    expect(parseSurvey({ rating: 2, comment: 'x'.repeat(1000) }).comment).toHaveLength(1000);
  });

  it.each([
    ['no rating', {}, 'rating must be an integer from 1 to 5'],
    ['a rating of 0', { rating: 0 }, 'rating must be an integer from 1 to 5'],
    ['a rating of 6', { rating: 6 }, 'rating must be an integer from 1 to 5'],
    ['a fractional rating', { rating: 4.5 }, 'rating must be an integer from 1 to 5'],
    ['a rating as text', { rating: '4' }, 'rating must be an integer from 1 to 5'],
    ['a comment that is not text', { rating: 4, comment: 42 }, 'comment must be a string'],
    ['a comment over 1000 characters', { rating: 4, comment: 'x'.repeat(1001) }, 'comment must be at most 1000 characters'],
  ])('refuses %s', (_case, body, message) => {
    expect(() => parseSurvey(body)).toThrow(message);
  });

  it('refuses a body that is not an object', () => {
    expect(() => parseSurvey([4])).toThrow('body must be an object');
  });
});
