import { useState } from 'react';
import { Alert, Anchor, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSettingsAccess } from '../../settings/settings-access';
import { QueryState } from '../../settings/settings-ui';
import { RunsTab } from '../runs/runs-tab';
import { TestRunModal } from '../test-run/test-run-modal';
import { useWorkflow, type Workflow } from '../workflows.api';
import { EditorProvider } from './editor-context';
import { EditorHeader } from './editor-header';
import { ProblemsSummary } from './problems-summary';
import { StepsEditor } from './steps-editor';
import { TriggerCard } from './trigger/trigger-card';
import { useWorkflowDraft } from './use-workflow-draft';

/** /workflows/:workflowId: admins edit, supervisors read. */
export function WorkflowEditorPage() {
  const { t } = useTranslation();
  const { workflowId } = useParams();
  const { me } = useSettingsAccess();
  const id = Number(workflowId);
  const workflow = useWorkflow(id);
  if (!me) return null;
  if (me.role === 'agent') {
    return (
      <Alert m="md" color="yellow">
        {t('workflows.forbidden')}
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/workflows" size="sm">
        {t('workflows.editor.back')}
      </Anchor>
      <QueryState query={workflow}>{() => <WorkflowEditor key={id} workflow={workflow.data!} />}</QueryState>
    </Stack>
  );
}

function WorkflowEditor({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const draft = useWorkflowDraft(workflow);
  const [selected, setSelected] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const definition = draft.draft.definition;
  return (
    <Stack gap="md">
      <EditorHeader workflow={workflow} draft={draft} canManage={isAdmin} onTest={() => setTesting(true)} />
      <Tabs defaultValue="editor" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="editor">{t('workflows.editor.tabs.editor')}</Tabs.Tab>
          <Tabs.Tab value="runs">{t('workflows.editor.tabs.runs', { active: workflow.runs.active, total: workflow.runs.total })}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="editor" pt="md">
          <EditorProvider definition={definition} workflowId={workflow.id} readOnly={!isAdmin} problems={draft.problems}>
            <Stack gap="md" maw={900}>
              <Textarea
                label={t('workflows.fields.description')}
                value={draft.draft.description}
                onChange={(e) => draft.setDescription(e.currentTarget.value)}
                readOnly={!isAdmin}
                autosize
                minRows={1}
                maxRows={4}
                maxLength={1000}
              />
              <ProblemsSummary problems={draft.problems} definition={definition} onOpenStep={setSelected} />
              <TriggerCard trigger={definition.trigger} onChange={(trigger) => draft.setDefinition((d) => ({ ...d, trigger }))} hookUrl={workflow.hookUrl} />
              <div>
                <Title order={5}>{t('workflows.editor.steps')}</Title>
                <Text size="xs" c="dimmed" mb="xs">
                  {t('workflows.editor.stepsHint')}
                </Text>
                <StepsEditor definition={definition} setDefinition={draft.setDefinition} selected={selected} onSelect={setSelected} />
              </div>
            </Stack>
          </EditorProvider>
        </Tabs.Panel>
        <Tabs.Panel value="runs" pt="md">
          <RunsTab workflowId={workflow.id} definition={definition} />
        </Tabs.Panel>
      </Tabs>
      {isAdmin && <TestRunModal opened={testing} onClose={() => setTesting(false)} workflowId={workflow.id} definition={definition} beforeRun={draft.ensureSaved} />}
    </Stack>
  );
}
