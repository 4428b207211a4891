import type { ReactNode } from 'react';
import { Box, Loader, Paper, ScrollArea, Text, UnstyledButton } from '@mantine/core';

export interface Suggestion {
  key: string;
  label: ReactNode;
  description?: ReactNode;
}

interface SuggestionListProps {
  id: string;
  label: string;
  items: Suggestion[];
  active: number;
  loading?: boolean;
  empty?: string;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
  /** Above its anchor (the composer), or in the flow (inside a popover). */
  floating?: boolean;
}

/**
 * The list the composer shows above the text while a trigger (`/`, `@`) is typed. The textarea keeps
 * the focus and drives it with the arrow keys (aria-activedescendant), as chat apps do.
 */
export function SuggestionList({ id, label, items, active, loading, empty, onPick, onHover, floating = true }: SuggestionListProps) {
  const style = floating ? ({ position: 'absolute', bottom: '100%', left: 0, right: 0, marginBottom: 6, zIndex: 20 } as const) : undefined;
  return (
    <Paper shadow={floating ? 'md' : undefined} withBorder={floating} radius="md" p={4} style={style}>
      <ScrollArea.Autosize mah={240} type="auto">
        <Box id={id} role="listbox" aria-label={label}>
          {items.map((item, i) => (
            <UnstyledButton
              key={item.key}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(i)}
              onMouseEnter={() => onHover(i)}
              px="sm"
              py={6}
              w="100%"
              style={{ display: 'block', borderRadius: 6, background: i === active ? 'var(--mantine-color-teal-light)' : undefined }}
            >
              <Text size="sm" fw={500} truncate>
                {item.label}
              </Text>
              {item.description && (
                <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {item.description}
                </Text>
              )}
            </UnstyledButton>
          ))}
          {loading && items.length === 0 && (
            <Box p="xs">
              <Loader size="xs" />
            </Box>
          )}
          {!loading && items.length === 0 && empty && (
            <Text size="sm" c="dimmed" p="xs">
              {empty}
            </Text>
          )}
        </Box>
      </ScrollArea.Autosize>
    </Paper>
  );
}
