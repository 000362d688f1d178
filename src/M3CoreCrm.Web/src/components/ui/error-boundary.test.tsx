import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { connectivity } from '@/lib/api/connectivity';
import { ErrorBoundary } from './error-boundary';
import { ErrorFallback } from './error-fallback';
import { OfflineBanner } from './offline-banner';

function Bomb({ explode }: { explode: boolean }) {
  if (explode) throw new ApiProblem(500, { code: 'server.error', title: 'Internal Server Error', traceId: 'trace-500' });
  return <p>All good</p>;
}

function Harness() {
  const [explode, setExplode] = useState(true);
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <ErrorFallback
          error={error}
          reset={() => {
            setExplode(false);
            reset();
          }}
        />
      )}
    >
      <Bomb explode={explode} />
    </ErrorBoundary>
  );
}

describe('ErrorBoundary', () => {
  it('shows the failure with its code and trace id instead of a blank screen, and recovers on "Try again"', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Harness />);

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This view could not be shown');
    expect(alert).toHaveTextContent('Code: server.error · Trace: trace-500');

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(screen.getByText('All good')).toBeInTheDocument();
  });
});

describe('OfflineBanner', () => {
  it('appears when a request could not reach the server and goes when one gets through', () => {
    render(<OfflineBanner />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();

    act(() => connectivity.reportUnreachable());
    expect(screen.getByRole('status')).toHaveTextContent('You are offline or the server cannot be reached.');

    act(() => connectivity.reportReachable());
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
