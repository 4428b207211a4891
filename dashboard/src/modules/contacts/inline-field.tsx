import { useState, type ReactNode } from 'react';
import { Box, Checkbox, Group, Loader, Select, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface BaseProps {
  label: string;
  required?: boolean;
  testId?: string;
}

/** A label and the value; the label reads the required mark (seed 004: a red asterisk). */
function FieldLabel({ label, required }: { label: string; required?: boolean }) {
  return (
    <Text size="xs" c="dimmed">
      {label}
      {required && (
        <Text span c="red" ml={2} aria-hidden>
          *
        </Text>
      )}
    </Text>
  );
}

interface TextFieldProps extends BaseProps {
  value: string;
  display?: ReactNode;
  type?: 'text' | 'email' | 'tel' | 'date' | 'number';
  /** Resolves when saved; rejects with a message to show under the input. */
  onSave: (value: string) => Promise<unknown>;
  validate?: (value: string) => string | null;
}

/**
 * A value edited in place: click (or Enter) to edit, Enter or leaving the field saves, Escape cancels.
 * An error keeps the input open with the message under it.
 */
export function InlineTextField({ label, required, value, display, type = 'text', onSave, validate, testId }: TextFieldProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const begin = () => {
    setDraft(value);
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    if (saving) return;
    if (draft.trim() === value.trim()) {
      setEditing(false);
      return;
    }
    const problem = validate?.(draft) ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    setSaving(true);
    try {
      await onSave(draft.trim());
      setEditing(false);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : t('contacts.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box data-testid={testId}>
      <FieldLabel label={label} required={required} />
      {editing ? (
        <TextInput
          size="xs"
          type={type}
          value={draft}
          autoFocus
          aria-label={label}
          error={error}
          disabled={saving}
          rightSection={saving ? <Loader size={12} /> : null}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => void save()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setEditing(false);
            }
          }}
        />
      ) : (
        <UnstyledButton onClick={begin} w="100%" aria-label={t('contacts.edit', { field: label })} style={{ borderRadius: 4 }}>
          <Text size="sm" c={value ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
            {value ? display ?? value : t('contacts.empty')}
          </Text>
        </UnstyledButton>
      )}
    </Box>
  );
}

interface SelectFieldProps extends BaseProps {
  value: string | null;
  options: Array<{ value: string; label: string }>;
  onSave: (value: string | null) => Promise<unknown>;
  clearable?: boolean;
}

/** A choice saved as soon as it is made. */
export function InlineSelectField({ label, required, value, options, onSave, clearable = true, testId }: SelectFieldProps) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const data = value && !options.some((o) => o.value === value) ? [{ value, label: value }, ...options] : options;
  return (
    <Box data-testid={testId}>
      <FieldLabel label={label} required={required} />
      <Select
        size="xs"
        variant="unstyled"
        aria-label={label}
        data={data}
        value={value}
        placeholder={t('contacts.empty')}
        clearable={clearable && !required}
        searchable={data.length > 8}
        disabled={saving}
        error={error}
        rightSection={saving ? <Loader size={12} /> : undefined}
        comboboxProps={{ withinPortal: true }}
        onChange={async (next) => {
          if (next === value) return;
          setSaving(true);
          setError(null);
          try {
            await onSave(next);
          } catch (err) {
            setError(err instanceof Error && err.message ? err.message : t('contacts.saveFailed'));
          } finally {
            setSaving(false);
          }
        }}
      />
    </Box>
  );
}

/** A yes/no field saved on click. */
export function InlineCheckboxField({ label, required, value, onSave, testId }: BaseProps & { value: boolean; onSave: (v: boolean) => Promise<unknown> }) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  return (
    <Group gap={6} data-testid={testId} wrap="nowrap">
      <Checkbox
        size="xs"
        label={
          <>
            {label}
            {required && (
              <Text span c="red" ml={2} aria-hidden>
                *
              </Text>
            )}
          </>
        }
        checked={value}
        disabled={saving}
        error={error}
        onChange={async (e) => {
          const next = e.currentTarget.checked;
          setSaving(true);
          setError(null);
          try {
            await onSave(next);
          } catch (err) {
            setError(err instanceof Error && err.message ? err.message : t('contacts.saveFailed'));
          } finally {
            setSaving(false);
          }
        }}
      />
      {saving && <Loader size={12} />}
    </Group>
  );
}
