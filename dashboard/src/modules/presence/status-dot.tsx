import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { presenceColor, type PresenceStatus } from './presence-status';

/** The coloured dot of an activity status; its name is given to screen readers and on hover. */
export function StatusDot({ status, size = 10, withBorder = false }: { status: PresenceStatus; size?: number; withBorder?: boolean }) {
  const { t } = useTranslation();
  const label = t(`presence.status.${status}`);
  return (
    <Box
      component="span"
      role="img"
      aria-label={label}
      title={label}
      data-status={status}
      style={{
        display: 'inline-block',
        flex: 'none',
        width: size,
        height: size,
        borderRadius: '50%',
        background: `var(--mantine-color-${presenceColor[status].replace('.', '-')})`,
        boxShadow: withBorder ? '0 0 0 2px var(--mantine-color-body)' : undefined,
      }}
    />
  );
}
