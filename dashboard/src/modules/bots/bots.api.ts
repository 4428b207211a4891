import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { channelsKey } from '../settings/channels.api';

export const botKinds = ['builtin', 'webhook', 'dialogflow', 'llm'] as const;
export type BotKind = (typeof botKinds)[number];

/** Kinds that answer from a knowledge matrix of intents (the others ask a remote service). */
export const hasKnowledge = (kind: BotKind) => kind === 'builtin' || kind === 'llm';
/** Only the built-in bot answers a test message without a channel (`/try`). */
export const canTry = (kind: BotKind) => kind === 'builtin';

export type CollectField = 'name' | 'email' | 'phone';
export const collectFields: CollectField[] = ['name', 'email', 'phone'];

export interface BuiltinSettings {
  handoffMessage: string;
  greeting: string;
  fallback: string;
  /** 0.05..1: how sure the matcher must be to answer. */
  threshold: number;
  /** Misunderstandings in a row before the bot hands the conversation to people (0: never). */
  maxFailures: number;
  collect: Array<{ field: CollectField; prompt: string }>;
}
export interface WebhookSettings {
  handoffMessage: string;
  url: string;
  answerWithinSeconds: number;
}
export interface DialogflowSettings {
  handoffMessage: string;
  projectId: string;
  languageCode: string;
  baseUrl?: string;
  handoffParameter: string;
}
export interface LlmSettings {
  handoffMessage: string;
  baseUrl: string;
  model: string;
  instructions: string;
}
export type BotSettings = BuiltinSettings | WebhookSettings | DialogflowSettings | LlmSettings;

export interface Bot {
  id: number;
  name: string;
  kind: BotKind;
  /** The kind's settings with the server's defaults filled in. */
  settings: Record<string, unknown>;
  /** Its write-only secrets (an access token, an API key) are saved; their values never come back. */
  hasSecrets: boolean;
  channels: Array<{ id: number; name: string; botEnabled: boolean }>;
  intentCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A webhook bot's API token and signing secret: answered once, at creation and rotation. */
export interface BotCredentials {
  apiToken: string;
  signingSecret: string;
}

export interface BotInput {
  name: string;
  kind: BotKind;
  settings: Record<string, unknown>;
  secrets?: Record<string, string>;
}

export interface IntentButton {
  /** The name of the intent a tap answers. */
  id: string;
  title: string;
}

export interface IntentAnswer {
  text: string;
  buttons?: IntentButton[];
  menu?: boolean;
  attachmentId?: number;
}

export interface Intent {
  id: number;
  name: string;
  examples: string[];
  keywords: string[];
  answer: IntentAnswer;
  handoff: boolean;
  position: number;
}

export type IntentInput = Pick<Intent, 'name' | 'examples' | 'keywords' | 'answer' | 'handoff'>;

export interface TryResult {
  replies: Array<{ text: string; buttons?: IntentButton[]; menu?: boolean }>;
  intent: { id?: number; name: string; confidence: number } | null;
  outcome: string;
  handoff: { reason: string; note?: string } | null;
}

export const botKeys = {
  all: ['bots'] as const,
  intents: (botId: number) => ['bots', botId, 'intents'] as const,
};

export function useBots() {
  return useQuery({ queryKey: botKeys.all, queryFn: async ({ signal }) => (await api<{ items: Bot[] }>('/bots', { signal })).items, staleTime: 30_000 });
}

function usePutBot() {
  const queryClient = useQueryClient();
  return (bot: Bot) =>
    queryClient.setQueryData<Bot[]>(botKeys.all, (list) => (list ? (list.some((b) => b.id === bot.id) ? list.map((b) => (b.id === bot.id ? bot : b)) : [...list, bot]) : list));
}

export function useCreateBot() {
  const put = usePutBot();
  return useMutation({
    mutationFn: (input: BotInput) => api<{ bot: Bot; credentials?: BotCredentials }>('/bots', { body: input }),
    onSuccess: ({ bot }) => put(bot),
  });
}

export function useUpdateBot() {
  const put = usePutBot();
  return useMutation({
    mutationFn: ({ id, ...changes }: { id: number; name?: string; settings?: Record<string, unknown>; secrets?: Record<string, string> }) =>
      api<Bot>(`/bots/${id}`, { method: 'PATCH', body: changes }),
    onSuccess: put,
  });
}

export function useDeleteBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/bots/${id}`, { method: 'DELETE' }),
    // Its channels fall back to another bot: the channels list changes too.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: botKeys.all }), queryClient.invalidateQueries({ queryKey: channelsKey })]),
  });
}

export function useRotateBotCredentials() {
  const put = usePutBot();
  return useMutation({
    mutationFn: (id: number) => api<{ bot: Bot; credentials: BotCredentials }>(`/bots/${id}/rotate-credentials`, { method: 'POST' }),
    onSuccess: ({ bot }) => put(bot),
  });
}

export function useIntents(botId: number | null) {
  return useQuery({
    queryKey: botKeys.intents(botId ?? 0),
    queryFn: async ({ signal }) => (await api<{ items: Intent[] }>(`/bots/${botId}/intents`, { signal })).items,
    enabled: botId !== null,
  });
}

/** After any change of a matrix: its list, and the count the bots list shows. */
function useIntentsChanged(botId: number) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: botKeys.intents(botId) }), queryClient.invalidateQueries({ queryKey: botKeys.all })]);
}

export function useSaveIntent(botId: number) {
  const changed = useIntentsChanged(botId);
  return useMutation({
    mutationFn: ({ id, ...input }: IntentInput & { id?: number }) =>
      id ? api<Intent>(`/bots/${botId}/intents/${id}`, { method: 'PATCH', body: input }) : api<Intent>(`/bots/${botId}/intents`, { body: input }),
    onSuccess: changed,
  });
}

export function useDeleteIntent(botId: number) {
  const changed = useIntentsChanged(botId);
  return useMutation({ mutationFn: (id: number) => api(`/bots/${botId}/intents/${id}`, { method: 'DELETE' }), onSuccess: changed });
}

/** The import: the whole matrix replaced in one go. */
export function useReplaceIntents(botId: number) {
  const changed = useIntentsChanged(botId);
  return useMutation({
    mutationFn: (items: unknown[]) => api<{ items: Intent[] }>(`/bots/${botId}/intents`, { method: 'PUT', body: { items } }),
    onSuccess: changed,
  });
}

export function useTryBot(botId: number) {
  return useMutation({ mutationFn: (input: { text: string; payload?: string }) => api<TryResult>(`/bots/${botId}/try`, { body: input }) });
}
