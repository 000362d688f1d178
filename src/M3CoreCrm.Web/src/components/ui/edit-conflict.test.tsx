import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useCallback, useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { ConflictDialog } from './conflict-dialog';
import { InlineEditField } from './inline-edit-field';
import { usePreconditionGuard } from './use-precondition-guard';

/**
 * A record page in miniature: one field edited in place under If-Match. The server's record is changed by someone
 * else after the page loaded, so the first save answers 412.
 */
function RecordHarness() {
  const server = useRef({ lastName: 'Khalil-First', etag: '"2"' });
  const [record, setRecord] = useState({ lastName: 'Khalil', etag: '"1"' });
  const refetchEtag = useCallback(async () => {
    const current = { ...server.current };
    setRecord(current);
    return current.etag;
  }, []);
  const guard = usePreconditionGuard(refetchEtag);
  const save = (lastName: string) =>
    guard.run(async (etag) => {
      if (etag !== server.current.etag) throw new ApiProblem(412, { code: 'precondition.failed', title: 'Precondition Failed' });
      server.current = { lastName, etag: `"${Number(server.current.etag.slice(1, -1)) + 1}"` };
      setRecord({ ...server.current });
    }, record.etag);
  return (
    <>
      <InlineEditField
        label="Last name"
        value={record.lastName}
        resetKey={guard.resolved}
        onSave={(value) => save(value).then(() => undefined)}
      />
      <ConflictDialog
        open={guard.conflict}
        onOpenChange={(open) => !open && guard.dismiss()}
        busy={guard.busy}
        onReload={() => void guard.reload()}
        onOverwrite={() => void guard.overwrite()}
      />
    </>
  );
}

describe('an edit conflict on a field edited in place', () => {
  it('Reload shows the value someone else saved, also when the field is edited again', async () => {
    const user = userEvent.setup();
    render(<RecordHarness />);

    await user.click(screen.getByRole('button', { name: /Edit Last name$/ }));
    await user.clear(screen.getByRole('textbox', { name: 'Last name' }));
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), 'Khalil-Second{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Changed by someone else' });
    await user.click(within(dialog).getByRole('button', { name: 'Reload' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByDisplayValue('Khalil-Second')).not.toBeInTheDocument();
    const field = await screen.findByRole('button', { name: /^Khalil-First, Edit Last name$/ });
    // The keyboard user keeps their place: the field's button has the focus again.
    await waitFor(() => expect(field).toHaveFocus());
    await user.click(screen.getByRole('button', { name: /Edit Last name$/ }));
    expect(screen.getByRole('textbox', { name: 'Last name' })).toHaveValue('Khalil-First');
  });
});
