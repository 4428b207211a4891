import { useMemo, useState } from 'react';
import { Alert, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettingsAccess } from '../../settings/settings-access';
import { lastDays, reviewDays, type ReviewDays } from './review-range';
import { ReviewSummary } from './review-summary';
import { TurnList } from './turn-list';
import { UnmatchedQuestions } from './unmatched-questions';

/** /bot-review (seed 000): supervisors check the bot's answers, mark the wrong ones and see what it could not answer. */
export function BotReviewPage() {
  const { t } = useTranslation();
  const { me, isAdmin } = useSettingsAccess();
  const [days, setDays] = useState<ReviewDays>(7);
  // One "now" per visit, so the summary's query key stays put while the page is open.
  const [now] = useState(() => new Date());
  const range = useMemo(() => lastDays(days, now), [days, now]);
  if (!me) return null;
  if (me.role === 'agent') {
    return (
      <Alert m="md" color="yellow">
        {t('bots.review.forbidden')}
      </Alert>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>{t('bots.review.title')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('bots.review.intro')}
          </Text>
        </div>
        <SegmentedControl
          value={String(days)}
          onChange={(value) => setDays(Number(value) as ReviewDays)}
          data={reviewDays.map((d) => ({ value: String(d), label: t('bots.review.lastDays', { count: d }) }))}
          aria-label={t('bots.review.period')}
        />
      </Group>
      <ReviewSummary range={range} />
      <Tabs defaultValue="turns" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="turns">{t('bots.review.tabs.turns')}</Tabs.Tab>
          <Tabs.Tab value="unmatched">{t('bots.review.tabs.unmatched')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="turns" pt="sm">
          <TurnList />
        </Tabs.Panel>
        <Tabs.Panel value="unmatched" pt="sm">
          <UnmatchedQuestions days={days} canEdit={isAdmin} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
