import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkflowStatus } from './workflows.api';

const COLOR: Record<WorkflowStatus, string> = { draft: 'gray', published: 'teal', stopped: 'orange' };

export function WorkflowStatusBadge({ status }: { status: WorkflowStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={COLOR[status]} data-testid="workflow-status">
      {t(`workflows.status.${status}`)}
    </Badge>
  );
}
