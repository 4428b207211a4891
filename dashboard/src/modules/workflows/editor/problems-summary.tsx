import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemText } from '../problem-text';
import type { WorkflowDefinition, WorkflowProblem } from '../workflow-types';
import { stepAt, stepPathOf } from './definition-edit';

/** Every problem of the draft, each saying where it is; a step's opens that step. */
export function ProblemsSummary({ problems, definition, onOpenStep }: { problems: WorkflowProblem[]; definition: WorkflowDefinition; onOpenStep: (path: string) => void }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <Alert color="orange" variant="light" title={t('workflows.problems.title', { count: problems.length })} data-testid="problems-summary">
      <Text size="xs" mb={6}>
        {t('workflows.problems.intro')}
      </Text>
      <List size="sm" spacing={2}>
        {problems.map((p, i) => {
          const path = stepPathOf(p.path);
          const step = path ? stepAt(definition, path) : undefined;
          const where = step
            ? t('workflows.problems.atStep', { name: step.name || t(`workflows.steps.types.${step.type}`), id: step.id })
            : p.path.replace(/^definition\./, '').startsWith('trigger')
              ? t('workflows.problems.atTrigger')
              : t('workflows.problems.atWorkflow');
          return (
            <List.Item key={i} data-testid="problem-item">
              {step && path ? (
                <Anchor component="button" type="button" size="sm" onClick={() => onOpenStep(path)}>
                  {where}
                </Anchor>
              ) : (
                <Text span size="sm" fw={500}>
                  {where}
                </Text>
              )}
              {`: ${problemText(t, p)}`}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}
