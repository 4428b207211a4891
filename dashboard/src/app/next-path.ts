/** Where to go after signing in: only paths inside this app (never `//evil.example` or a full URL). */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
