import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../settings/settings-ui';
import type { Step, WorkflowDefinition } from '../workflow-types';
import { childLists, insertStep, listAt, moveStep, removeStep, replaceStep, splitStepPath, stepAt, takenIds } from './definition-edit';
import { idMaker, newStep } from './new-step';
import { StepPanel } from './step-panel';
import { StepList, type TreeActions } from './step-tree';

/** The step tree and the side panel of the step being edited; `selected` is that step's path. */
export function StepsEditor({
  definition,
  setDefinition,
  selected,
  onSelect,
}: {
  definition: WorkflowDefinition;
  setDefinition: (change: (d: WorkflowDefinition) => WorkflowDefinition) => void;
  selected: string | null;
  onSelect: (path: string | null) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);

  const remove = (path: string) => {
    setConfirming(null);
    onSelect(null);
    setDefinition((d) => removeStep(d, path));
  };

  const actions: TreeActions = {
    open: onSelect,
    add: (listPath, type) => {
      const step = newStep(type, idMaker(takenIds(definition)));
      const index = listAt(definition, listPath).length;
      setDefinition((d) => insertStep(d, listPath, step));
      onSelect(`${listPath}[${index}]`);
    },
    remove: (path) => {
      const step = stepAt(definition, path);
      if (step && childLists(step).some((l) => l.steps.length)) setConfirming(path);
      else remove(path);
    },
    move: (path, delta) => {
      const { list, index } = splitStepPath(path);
      setDefinition((d) => moveStep(d, path, delta));
      onSelect(selected === path ? `${list}[${index + delta}]` : null);
    },
  };

  const confirmStep = confirming ? stepAt(definition, confirming) : undefined;
  return (
    <>
      <StepList steps={definition.steps} listPath="steps" listName={t('workflows.tree.topLevel')} selected={selected} actions={actions} />
      <StepPanel path={selected} onChange={(path, step: Step) => setDefinition((d) => replaceStep(d, path, step))} onRemove={actions.remove} onClose={() => onSelect(null)} />
      <ConfirmModal
        opened={Boolean(confirmStep)}
        title={t('workflows.tree.removeTitle')}
        message={t('workflows.tree.removeNested', { name: confirmStep?.name || confirmStep?.id || '' })}
        confirmLabel={t('workflows.removeStep')}
        onConfirm={() => confirming && remove(confirming)}
        onClose={() => setConfirming(null)}
      />
    </>
  );
}
