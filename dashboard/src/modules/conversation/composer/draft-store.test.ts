import { describe, expect, it } from 'vitest';
import { createDraftStore } from './draft-store';

/** A stand-in for the browser's localStorage (the platform, not our code). */
class MemoryStorage {
  private map = new Map<string, string>();
  failWrites = false;
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  keys() {
    return [...this.map.keys()];
  }
}

const file = { id: 9, filename: 'factura.pdf', contentType: 'application/pdf', size: 1200, url: '/api/v1/attachments/9' };

describe('draft store', () => {
  it('keeps drafts per conversation and per mode', () => {
    const storage = new MemoryStorage();
    const store = createDraftStore(storage, 1, () => 1000);
    store.set(10, 'reply', { text: 'Hola', attachments: [file] });
    store.set(10, 'note', { text: 'ojo con este cliente' });
    store.set(11, 'reply', { text: 'Otra' });
    expect(store.get(10, 'reply')).toEqual({ text: 'Hola', attachments: [file], updatedAt: 1000 });
    expect(store.get(10, 'note')?.text).toBe('ojo con este cliente');
    expect(store.get(11, 'reply')?.text).toBe('Otra');
    expect(store.get(11, 'note')).toBeNull();
  });

  it('survives a reload (a new store over the same storage) and separates people', () => {
    const storage = new MemoryStorage();
    createDraftStore(storage, 1).set(10, 'reply', { text: 'a medio escribir' });
    expect(createDraftStore(storage, 1).get(10, 'reply')?.text).toBe('a medio escribir');
    expect(createDraftStore(storage, 2).get(10, 'reply')).toBeNull();
  });

  it('removes empty drafts and cleared ones', () => {
    const storage = new MemoryStorage();
    const store = createDraftStore(storage, 1);
    store.set(10, 'reply', { text: 'x' });
    store.set(10, 'reply', { text: '   ' });
    expect(storage.keys()).toEqual([]);
    store.set(10, 'note', { text: 'y' });
    store.clear(10, 'note');
    expect(store.get(10, 'note')).toBeNull();
  });

  it('remembers the mode per conversation', () => {
    const storage = new MemoryStorage();
    const store = createDraftStore(storage, 1);
    expect(store.getMode(10)).toBeNull();
    store.setMode(10, 'note');
    expect(createDraftStore(storage, 1).getMode(10)).toBe('note');
    store.setMode(10, 'reply');
    expect(store.getMode(10)).toBeNull();
  });

  it('drops drafts older than 30 days when created', () => {
    const storage = new MemoryStorage();
    const day = 24 * 3600_000;
    createDraftStore(storage, 1, () => 0).set(10, 'reply', { text: 'viejo' });
    createDraftStore(storage, 1, () => 20 * day).set(11, 'reply', { text: 'reciente' });
    storage.setItem('atiende.draft.1.12.reply', 'not json');
    storage.setItem('other.key', 'kept');
    const store = createDraftStore(storage, 1, () => 31 * day);
    expect(store.get(10, 'reply')).toBeNull();
    expect(store.get(11, 'reply')?.text).toBe('reciente');
    expect(storage.keys().sort()).toEqual(['atiende.draft.1.11.reply', 'other.key']);
  });

  it('keeps working when storage refuses writes or is missing', () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    const store = createDraftStore(storage, 1);
    expect(() => store.set(10, 'reply', { text: 'x' })).not.toThrow();
    expect(store.get(10, 'reply')).toBeNull();
    const none = createDraftStore(null, 1);
    none.set(1, 'note', { text: 'x' });
    expect(none.get(1, 'note')).toBeNull();
  });
});
