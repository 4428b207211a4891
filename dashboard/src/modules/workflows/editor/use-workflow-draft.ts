import { useEffect, useMemo, useState } from 'react';
import { problemsOf } from '../problem-text';
import { useSaveWorkflow, useWorkflowCommand, type Workflow } from '../workflows.api';
import type { WorkflowDefinition, WorkflowProblem } from '../workflow-types';

interface Draft {
  name: string;
  description: string;
  definition: WorkflowDefinition;
}

const draftOf = (w: Workflow): Draft => ({ name: w.name, description: w.description ?? '', definition: w.draft });
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The workflow being edited: its name, description and definition held here and saved with the Save button (no
 * autosave: a half-typed step is not worth a request per keystroke, and saving is also what runs the server's
 * checks). The problems shown are the last save's or the last refused publish's.
 */
export function useWorkflowDraft(workflow: Workflow) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(workflow));
  const [saved, setSaved] = useState<Draft>(() => draftOf(workflow));
  const [problems, setProblems] = useState<WorkflowProblem[]>(() => workflow.problems ?? []);
  const save = useSaveWorkflow(workflow.id);
  const publish = useWorkflowCommand('publish');
  const dirty = useMemo(() => !sameDraft(draft, saved), [draft, saved]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saveNow = async (): Promise<Workflow> => {
    const sent = draft;
    try {
      const result = await save.mutateAsync({ name: sent.name.trim(), description: sent.description, definition: sent.definition });
      setSaved(sent);
      setProblems(result.problems ?? []);
      publish.reset();
      return result;
    } catch (err) {
      const found = problemsOf(err);
      if (found) setProblems(found);
      throw err;
    }
  };

  /** Saves first when there are unsaved changes: publishing takes the draft the server holds. */
  const publishNow = async (): Promise<Workflow> => {
    if (dirty) await saveNow();
    try {
      const result = await publish.mutateAsync(workflow.id);
      setProblems([]);
      return result;
    } catch (err) {
      const found = problemsOf(err);
      if (found) setProblems(found);
      throw err;
    }
  };

  return {
    draft,
    dirty,
    problems,
    setName: (name: string) => setDraft((d) => ({ ...d, name })),
    setDescription: (description: string) => setDraft((d) => ({ ...d, description })),
    setDefinition: (change: (definition: WorkflowDefinition) => WorkflowDefinition) => setDraft((d) => ({ ...d, definition: change(d.definition) })),
    save: saveNow,
    saving: save.isPending,
    saveError: save.error,
    publish: publishNow,
    publishing: publish.isPending,
    publishError: publish.error,
    /** Saves pending changes (a test run runs the saved draft). */
    ensureSaved: async () => {
      if (dirty) await saveNow();
    },
  };
}

export type WorkflowDraft = ReturnType<typeof useWorkflowDraft>;
