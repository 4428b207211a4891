/** Moving one custom field up or down: the position changes to send, positions renumbered 0…n-1 in the new order. */
export function moveField<T extends { id: number; position: number }>(fields: T[], id: number, direction: -1 | 1): Array<{ id: number; position: number }> {
  const order = [...fields].sort((a, b) => a.position - b.position || a.id - b.id);
  const from = order.findIndex((f) => f.id === id);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= order.length) return [];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  return order.flatMap((f, position) => (f.position === position ? [] : [{ id: f.id, position }]));
}

/** Where a new field goes: after the last one. */
export const nextPosition = (fields: Array<{ position: number }>) => fields.reduce((max, f) => Math.max(max, f.position + 1), 0);
