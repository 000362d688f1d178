import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem';
import { mapServerErrors } from './server-errors';

describe('mapServerErrors', () => {
  const fields = ['firstName', 'email', 'budget.min', 'budget.currency', 'tags'] as const;

  it('maps nested paths, indexed list items and case differences onto form fields', () => {
    const problem = new ApiProblem(400, {
      code: 'validation.failed',
      errors: {
        firstName: ['firstName is required.'],
        'budget.min': ['budget.min must not be negative.'],
        'Budget.Currency': ['budget.currency must be an ISO 4217 code.'],
        'tags[1]': ['A tag is 1 to 50 letters.'],
        'tags[3]': ['Another bad tag.'],
        'interest.projectId': ['No such project.'],
      },
    });

    const mapped = mapServerErrors(problem, fields);

    expect(mapped.fields).toEqual({
      firstName: 'firstName is required.',
      'budget.min': 'budget.min must not be negative.',
      'budget.currency': 'budget.currency must be an ISO 4217 code.',
      tags: 'A tag is 1 to 50 letters. Another bad tag.',
    });
    expect(mapped.other).toEqual(['No such project.']);
  });

  it('maps nothing for an error that is not a problem', () => {
    expect(mapServerErrors(new Error('boom'), fields)).toEqual({ fields: {}, other: [] });
  });
});
