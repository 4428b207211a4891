import { Alert, Button, FileButton, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../app/error-message';
import { problemsOf, problemText } from '../problem-text';
import { useImportWorkflow } from '../workflows.api';

/** Import: the chosen file's text goes to the server as is; it answers the new draft (opened) or the file's problems. */
export function ImportWorkflowButton({ onFailure }: { onFailure: (err: unknown) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const importing = useImportWorkflow();

  const pick = async (file: File | null) => {
    if (!file) return;
    onFailure(null);
    try {
      const workflow = await importing.mutateAsync(await file.text());
      navigate(`/workflows/${workflow.id}`);
    } catch (err) {
      onFailure(err);
    }
  };

  return (
    <FileButton onChange={(file) => void pick(file)} accept="application/json,.json">
      {(props) => (
        <Button variant="default" loading={importing.isPending} {...props}>
          {t('workflows.import.button')}
        </Button>
      )}
    </FileButton>
  );
}

/** Why a file was refused: each of its problems in words, or the error. */
export function ImportFailure({ failure, onClose }: { failure: unknown; onClose: () => void }) {
  const { t } = useTranslation();
  if (!failure) return null;
  const problems = problemsOf(failure);
  return (
    <Alert color="red" role="alert" title={t('workflows.import.refused')} withCloseButton onClose={onClose} data-testid="import-problems">
      {problems ? (
        <List size="sm">
          {problems.map((p, i) => (
            <List.Item key={i}>
              {p.path ? `${p.path}: ` : ''}
              {problemText(t, p)}
            </List.Item>
          ))}
        </List>
      ) : (
        errorMessage(t, failure)
      )}
    </Alert>
  );
}
