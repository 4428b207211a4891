import { CloseButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IntentButton } from '../bots.api';
import { buttonTo, MAX_BUTTON_TITLE } from './intent-form';

/**
 * The answer's buttons: each leads to another intent of the matrix (a tap answers it), with a short title that
 * starts as that intent's name.
 */
export function IntentButtonsEditor({
  buttons,
  targets,
  onChange,
  error,
}: {
  buttons: IntentButton[];
  /** Names of the intents a button may lead to. */
  targets: string[];
  onChange: (buttons: IntentButton[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const free = targets.filter((name) => !buttons.some((b) => b.id === name));
  const known = new Set(targets);
  return (
    <Stack gap={6} data-testid="intent-buttons">
      <div>
        <Text size="sm" fw={500}>
          {t('bots.intent.buttons')}
        </Text>
        <Text size="xs" c="dimmed">
          {targets.length ? t('bots.intent.buttonsHint') : t('bots.intent.buttonsNone')}
        </Text>
      </div>
      {buttons.map((button, index) => (
        <Group key={button.id} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" w={200} truncate mt={6} c={known.has(button.id) ? undefined : 'red'} title={known.has(button.id) ? button.id : t('bots.intent.buttonMissing')}>
            → {button.id}
          </Text>
          <TextInput
            aria-label={t('bots.intent.buttonTitle', { name: button.id })}
            value={button.title}
            maxLength={MAX_BUTTON_TITLE}
            onChange={(e) => {
              const title = e.currentTarget.value;
              onChange(buttons.map((b, i) => (i === index ? { ...b, title } : b)));
            }}
            rightSection={
              <Text size="xs" c="dimmed">
                {button.title.length}/{MAX_BUTTON_TITLE}
              </Text>
            }
            rightSectionWidth={48}
            style={{ flex: 1 }}
          />
          <CloseButton mt={4} aria-label={t('bots.intent.buttonRemove', { name: button.id })} onClick={() => onChange(buttons.filter((_, i) => i !== index))} />
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      {free.length > 0 && (
        <Select
          aria-label={t('bots.intent.buttonAdd')}
          placeholder={t('bots.intent.buttonAdd')}
          data={free}
          value={null}
          onChange={(name) => name && onChange([...buttons, buttonTo(name)])}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          maw={320}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </Stack>
  );
}
