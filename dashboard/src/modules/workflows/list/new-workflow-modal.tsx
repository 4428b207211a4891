import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Badge, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../app/error-message';
import { FormActions, QueryState } from '../../settings/settings-ui';
import { useCreateWorkflow, useWorkflowTemplates, type WorkflowTemplate } from '../workflows.api';

type Start = 'blank' | 'template';

function TemplateGallery({ lang, chosen, onChoose }: { lang: string; chosen: WorkflowTemplate | null; onChoose: (template: WorkflowTemplate) => void }) {
  const { t } = useTranslation();
  const templates = useWorkflowTemplates(lang, true);
  return (
    <QueryState query={templates}>
      {() => (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" data-testid="template-gallery">
          {templates.data!.map((template) => {
            const active = chosen?.id === template.id;
            return (
              <UnstyledButton
                key={template.id}
                onClick={() => onChoose(template)}
                aria-pressed={active}
                data-testid="template-card"
                p="sm"
                style={{ borderRadius: 8, border: `1px solid var(--mantine-color-${active ? 'teal-5' : 'gray-3'})`, background: active ? 'var(--mantine-color-teal-0)' : undefined }}
              >
                <Text size="sm" fw={600}>
                  {template.name}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={3}>
                  {template.description}
                </Text>
                <Badge size="xs" variant="light" mt={6}>
                  {t(`workflows.triggers.${template.triggerType}`, { defaultValue: template.triggerType })}
                </Badge>
              </UnstyledButton>
            );
          })}
        </SimpleGrid>
      )}
    </QueryState>
  );
}

/** "Nuevo flujo": a blank draft, or a copy of a shipped template (its name to start with), then the editor. */
export function NewWorkflowModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateWorkflow();
  const [start, setStart] = useState<Start>('blank');
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<WorkflowTemplate | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'es';
  const resetCreate = create.reset;

  useEffect(() => {
    if (!opened) return;
    setStart('blank');
    setName('');
    setTemplate(null);
    setNameError(null);
    resetCreate();
  }, [opened, resetCreate]);

  const choose = (chosen: WorkflowTemplate) => {
    // The name follows the template until the person types their own.
    if (!name.trim() || name === template?.name) setName(chosen.name);
    setTemplate(chosen);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setNameError(t('validation.required'));
    if (start === 'template' && !template) return;
    create.mutate(
      { name: name.trim(), ...(start === 'template' && template ? { templateId: template.id, lang } : {}) },
      {
        onSuccess: (workflow) => {
          onClose();
          navigate(`/workflows/${workflow.id}`);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('workflows.new.title')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {create.error !== null && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <SegmentedControl
            value={start}
            onChange={(v) => setStart(v as Start)}
            data={[
              { value: 'blank', label: t('workflows.new.blank') },
              { value: 'template', label: t('workflows.new.fromTemplate') },
            ]}
            aria-label={t('workflows.new.start')}
            fullWidth
          />
          {start === 'template' && <TemplateGallery lang={lang} chosen={template} onChoose={choose} />}
          <TextInput
            label={t('workflows.fields.name')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setNameError(null);
            }}
            error={nameError}
            maxLength={120}
            required
            data-autofocus
          />
          <FormActions onCancel={onClose} loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
