import type { StepType } from '../workflow-types';

/** Small inline icons for step types (no icon library in the bundle), one drawing per family. */
const PATHS: Record<string, string> = {
  message: 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12z',
  question: 'M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z',
  person: 'M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
  branch: 'M6 3v12M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM18 9a9 9 0 0 1-9 9',
  tag: 'M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8zM7 7h.01',
  field: 'M3 5h18v14H3zM7 9h4M7 13h10',
  door: 'M3 21h18M5 21V3h10v18M15 3l4 2v16M11 12h.01',
  note: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6M8 13h8M8 17h5',
  clock: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2',
  globe: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20',
  robot: 'M4 8h16v12H4zM12 4v4M9 13h.01M15 13h.01M9.5 17h5',
  jump: 'M5 12h14M13 6l6 6-6 6',
  end: 'M6 6h12v12H6z',
  play: 'M6 4l14 8-14 8z',
};

const FAMILY: Record<StepType, keyof typeof PATHS> = {
  send_message: 'message',
  ask_question: 'question',
  add_note: 'note',
  assign: 'person',
  unassign: 'person',
  open_conversation: 'door',
  close_conversation: 'door',
  pause_bot: 'robot',
  resume_bot: 'robot',
  add_tags: 'tag',
  remove_tags: 'tag',
  update_contact_field: 'field',
  update_lifecycle: 'field',
  branch: 'branch',
  wait: 'clock',
  jump_to: 'jump',
  end: 'end',
  trigger_workflow: 'play',
  http_request: 'globe',
};

export function StepIcon({ type, size = 16 }: { type: StepType; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d={PATHS[FAMILY[type]]} />
    </svg>
  );
}
