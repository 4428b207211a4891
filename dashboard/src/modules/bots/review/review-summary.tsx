import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../settings/settings-ui';
import { handoffReasons, useBotSummary } from '../bot-review.api';
import { share } from './review-range';

function Card({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed" component="div">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** The period at a glance: what the bot answered, what it did not understand, whom it handed over and why. */
export function ReviewSummary({ range }: { range: { from: string; to: string } }) {
  const { t, i18n } = useTranslation();
  const summary = useBotSummary(range);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'es');
  return (
    <QueryState query={summary}>
      {() => {
        const s = summary.data!;
        const handoffs = handoffReasons.map((reason) => ({ reason, count: s.handoffs[reason] ?? 0 })).filter((h) => h.count > 0);
        const handedOff = handoffs.reduce((sum, h) => sum + h.count, 0);
        return (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="review-summary">
            <Card testId="summary-turns" label={t('bots.review.summary.turns')} value={number.format(s.turns)} detail={t('bots.review.summary.conversations', { count: s.conversations.withBot })} />
            <Card testId="summary-answered" label={t('bots.review.summary.answered')} value={`${share(s.answered, s.turns)} %`} detail={t('bots.review.summary.answeredCount', { count: s.answered })} />
            <Card testId="summary-fallback" label={t('bots.review.summary.fallback')} value={number.format(s.fallback)} detail={`${share(s.fallback, s.turns)} %`} />
            <Card
              testId="summary-handoffs"
              label={t('bots.review.summary.handoffs')}
              value={number.format(handedOff)}
              detail={
                <Stack gap={0}>
                  {handoffs.map((h) => (
                    <span key={h.reason}>
                      {t(`bots.handoffReasons.${h.reason}`)}: {number.format(h.count)}
                    </span>
                  ))}
                </Stack>
              }
            />
            <Card
              testId="summary-resolved"
              label={t('bots.review.summary.resolved')}
              value={number.format(s.conversations.resolvedByBot)}
              detail={t('bots.review.summary.resolvedShare', { percent: share(s.conversations.resolvedByBot, s.conversations.withBot) })}
            />
            <Card testId="summary-flagged" label={t('bots.review.summary.flagged')} value={number.format(s.flagged)} />
          </SimpleGrid>
        );
      }}
    </QueryState>
  );
}
