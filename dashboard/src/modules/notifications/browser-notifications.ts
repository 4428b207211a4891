import type { BrowserPermission } from './alert-plan';

export function browserPermission(): BrowserPermission {
  return typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function requestBrowserPermission(): Promise<BrowserPermission> {
  if (browserPermission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return browserPermission();
  }
}

/**
 * A system notification; the tag makes several open tabs show one. Clicking it brings the dashboard to the front
 * and runs `onClick` (opening the conversation).
 */
export function showBrowserNotification({ title, body, tag, onClick }: { title: string; body: string; tag: string; onClick?: () => void }) {
  if (browserPermission() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the bell still shows it.
  }
}
