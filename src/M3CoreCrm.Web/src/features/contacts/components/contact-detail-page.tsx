export function ContactDetailPage() {
  return null;
}
