import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { deleteSession } from './auth.repo.js';

export async function signOut(ctx: AppContext, input: { tokenHash: string | null }) {
  if (!input.tokenHash) return;
  await inTransaction(ctx, (tx) => deleteSession(tx, input.tokenHash!));
}
