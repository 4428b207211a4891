import type { ReactNode } from 'react';

/** Simple line glyphs per channel type, drawn inline (no icon font, no image requests). */
const glyphs: Record<string, { color: string; path: ReactNode }> = {
  whatsapp: {
    color: '#25a244',
    path: (
      <>
        <path d="M4 20l1.3-3.9A8 8 0 1 1 8 18.8L4 20" />
        <path d="M9 10c0 3 2 5 5 5l1-1.5-2-1-1 1c-1-.5-2-1.5-2.5-2.5l1-1-1-2L9 10" />
      </>
    ),
  },
  webchat: {
    color: '#1c7ed6',
    path: (
      <>
        <path d="M4 5h16v11H9l-5 4z" />
        <path d="M8 9.5h8M8 12.5h5" />
      </>
    ),
  },
  messenger: {
    color: '#7048e8',
    path: (
      <>
        <path d="M12 3.5c-4.7 0-8.5 3.5-8.5 7.9 0 2.4 1.1 4.5 2.9 6v3.1l2.9-1.6c.9.3 1.8.4 2.7.4 4.7 0 8.5-3.5 8.5-7.9S16.7 3.5 12 3.5z" />
        <path d="M7.5 13.5l3-3 2.5 2 3.5-3" />
      </>
    ),
  },
  instagram: {
    color: '#d6336c',
    path: (
      <>
        <rect x="4" y="4" width="16" height="16" rx="4.5" />
        <circle cx="12" cy="12" r="3.5" />
        <path d="M16.5 7.5v.01" />
      </>
    ),
  },
  telegram: {
    color: '#1098ad',
    path: <path d="M20.5 4.5L3.5 11l6 2 2 6 3-4 4.5 3.5z M9.5 13l11-8.5" />,
  },
  twilio: {
    color: '#e03131',
    path: (
      <>
        <rect x="6" y="3" width="12" height="18" rx="2" />
        <path d="M9.5 8h5M9.5 11h5M9.5 14h3" />
      </>
    ),
  },
  email: {
    color: '#f08c00',
    path: (
      <>
        <rect x="3.5" y="5.5" width="17" height="13" rx="2" />
        <path d="M4 7l8 6 8-6" />
      </>
    ),
  },
  voice: {
    color: '#2f9e44',
    path: <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />,
  },
  forms: {
    color: '#495057',
    path: (
      <>
        <path d="M7 3.5h7l4 4v13H7z" />
        <path d="M14 3.5v4h4M9.5 12h6M9.5 15h6M9.5 18h3" />
      </>
    ),
  },
  api: {
    color: '#495057',
    path: <path d="M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 5l-3 14" />,
  },
};

// WhatsApp through Twilio is WhatsApp to the agent.
glyphs.twilio_whatsapp = glyphs.whatsapp!;

/** The channel type as a small coloured glyph; `label` is what screen readers hear. */
export function ChannelIcon({ type, label, size = 16 }: { type: string; label: string; size?: number }) {
  const glyph = glyphs[type] ?? glyphs.api!;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke={glyph.color}
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ flexShrink: 0 }}
    >
      <title>{label}</title>
      {glyph.path}
    </svg>
  );
}
