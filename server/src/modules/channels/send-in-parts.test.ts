import { describe, expect, it } from 'vitest';
import { ChannelSendError, sendInParts, type PartsProgress } from './channel.js';

const progress = (sent: string[] = []): PartsProgress & { recorded: string[] } => {
  const recorded: string[] = [];
  return { sent, recorded, record: async (id) => void recorded.push(id) };
};

describe('a reply sent in several parts', () => {
  it('sends every part in order, recording each, and answers with the first part\'s id', async () => {
    const calls: string[] = [];
    const p = progress();
    const result = await sendInParts(['a', 'b', 'c'].map((id) => async () => (calls.push(id), `id-${id}`)), p);
    expect(result).toEqual({ externalId: 'id-a' });
    expect(calls).toEqual(['a', 'b', 'c']);
    expect(p.recorded).toEqual(['id-a', 'id-b', 'id-c']);
  });

  it('after a failure, a retry resumes after the parts already accepted and still answers with the first id', async () => {
    const calls: string[] = [];
    let failB = true;
    const parts = ['a', 'b', 'c'].map((id) => async () => {
      if (id === 'b' && failB) throw new ChannelSendError('retryable', 'Graph 500');
      calls.push(id);
      return `id-${id}`;
    });
    const first = progress();
    await expect(sendInParts(parts, first)).rejects.toMatchObject({ kind: 'retryable' });
    expect(first.recorded).toEqual(['id-a']);
    failB = false;
    const retry = progress(first.recorded);
    expect(await sendInParts(parts, retry)).toEqual({ externalId: 'id-a' });
    expect(calls).toEqual(['a', 'b', 'c']); // a went out once
    expect(retry.recorded).toEqual(['id-b', 'id-c']);
  });

  it('refuses a reply with nothing to send', async () => {
    await expect(sendInParts([])).rejects.toMatchObject({ kind: 'permanent' });
  });
});
