import { ArrowLeft } from 'lucide-react';
import { Link } from 'react-router';

/** "← Leads": back to the list a record page belongs to (the arrow mirrors in Arabic). */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className="btn btn--ghost btn--sm" style={{ alignSelf: 'flex-start' }}>
      <ArrowLeft size={16} aria-hidden className="flip-rtl" />
      {label}
    </Link>
  );
}
