import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEditor } from './editor-context';

/**
 * Rows of two texts: a JSON path read into a variable (an HTTP response, a webhook payload) or a header's name and
 * value. `keys` names the two properties of each row.
 */
export function PairRows<K extends string>({
  label,
  rows,
  keys,
  placeholders,
  onChange,
  addLabel,
}: {
  label: string;
  rows: Array<Record<K, string>>;
  keys: [K, K];
  placeholders: [string, string];
  onChange: (rows: Array<Record<K, string>>) => void;
  addLabel: string;
}) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const set = (i: number, key: K, value: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {rows.map((row, i) => (
        <Group key={i} gap={6} wrap="nowrap" data-testid="pair-row">
          {keys.map((key, k) => (
            <TextInput key={key} size="xs" style={{ flex: 1 }} placeholder={placeholders[k]} aria-label={`${placeholders[k]} ${i + 1}`} value={row[key]} onChange={(e) => set(i, key, e.currentTarget.value)} />
          ))}
          {!readOnly && (
            <ActionIcon variant="subtle" color="red" size="sm" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('workflows.rows.remove', { n: i + 1 })}>
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Button variant="subtle" size="compact-xs" style={{ alignSelf: 'flex-start' }} onClick={() => onChange([...rows, { [keys[0]]: '', [keys[1]]: '' } as Record<K, string>])}>
          {addLabel}
        </Button>
      )}
    </Stack>
  );
}
