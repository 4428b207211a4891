import { useRef } from 'react';
import { ActionIcon, Menu, ScrollArea, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEditor } from './editor-context';
import { insertPlaceholder } from './template-variables';

interface TemplateFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  description?: string;
  placeholder?: string;
  error?: string;
  multiline?: boolean;
  minRows?: number;
}

/** The `{{…}}` menu of a text field: picking a variable puts its placeholder where the caret is. */
function VariableMenu({ onPick }: { onPick: (path: string) => void }) {
  const { t } = useTranslation();
  const { variables, readOnly } = useEditor();
  if (readOnly) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label={t('workflows.variables.insert')} withinPortal>
          <ActionIcon variant="subtle" size="sm" aria-label={t('workflows.variables.insert')}>
            <span aria-hidden style={{ fontSize: 11, fontFamily: 'monospace' }}>
              {'{ }'}
            </span>
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={280} type="auto">
          {variables.map((group) => (
            <div key={group.group}>
              <Menu.Label>{t(`workflows.variables.groups.${group.group}`)}</Menu.Label>
              {group.paths.map((path) => (
                <Menu.Item key={path} onClick={() => onPick(path)} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {`{{${path}}}`}
                </Menu.Item>
              ))}
            </div>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}

/** A text input or textarea that may hold `{{variables}}`, with a picker to insert them. */
export function TemplateField({ label, value, onChange, multiline, minRows = 3, ...rest }: TemplateFieldProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const pick = (path: string) => {
    const input = ref.current;
    const next = insertPlaceholder(value, path, input?.selectionStart ?? value.length, input?.selectionEnd ?? value.length);
    onChange(next.value);
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(next.caret, next.caret);
    });
  };
  const menu = <VariableMenu onPick={pick} />;
  if (multiline) {
    return (
      <Textarea
        ref={ref}
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={minRows}
        maxRows={12}
        rightSection={menu}
        rightSectionProps={{ style: { alignItems: 'flex-start', paddingTop: 4 } }}
        {...rest}
      />
    );
  }
  return <TextInput ref={ref} label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} rightSection={menu} {...rest} />;
}
