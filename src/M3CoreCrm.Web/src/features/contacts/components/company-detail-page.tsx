export function CompanyDetailPage() {
  return null;
}
