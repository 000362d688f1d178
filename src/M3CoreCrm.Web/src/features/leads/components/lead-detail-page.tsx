export function LeadDetailPage() {
  return null;
}
