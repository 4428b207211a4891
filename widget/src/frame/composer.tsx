import { useRef, useState } from 'preact/hooks';
import type { WidgetApi } from './api';
import type { Strings } from './i18n';
import { EmojiPicker } from './emoji-picker';

export interface Upload {
  id: number;
  ref: string;
  filename: string;
}

const TYPING_RENEW_MS = 3000;
const TYPING_IDLE_MS = 4000;

/** Text (Enter sends, Shift+Enter breaks the line), emoji, files, and the typing signal agents see. */
export function Composer({ t, api, onSend }: { t: Strings; api: WidgetApi; onSend: (text: string, files: Upload[]) => void }) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Upload[]>([]);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef({ sentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });

  const signalTyping = () => {
    const now = Date.now();
    if (now - typing.current.sentAt > TYPING_RENEW_MS) {
      typing.current.sentAt = now;
      void api.typing(true);
    }
    clearTimeout(typing.current.idle);
    typing.current.idle = setTimeout(() => {
      typing.current.sentAt = 0;
      void api.typing(false);
    }, TYPING_IDLE_MS);
  };
  const submit = () => {
    if (!text.trim() && files.length === 0) return;
    onSend(text.trim(), files);
    setText('');
    setFiles([]);
    setPicking(false);
    clearTimeout(typing.current.idle);
    typing.current.sentAt = 0;
    void api.typing(false);
  };
  const attach = async (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      try {
        const up = await api.upload(file);
        setFiles((f) => [...f, { id: up.id, ref: up.ref, filename: up.filename }]);
        setError(null);
      } catch (e) {
        setError((e as Error).message);
      }
    }
  };

  return (
    <footer>
      {files.length ? (
        <div class="chips">
          {files.map((f) => (
            <span class="chip" key={f.id}>
              📎 {f.filename}
              <button type="button" aria-label={t.remove} onClick={() => setFiles(files.filter((x) => x.id !== f.id))}>×</button>
            </span>
          ))}
        </div>
      ) : null}
      {error ? <p class="error" role="alert">{error}</p> : null}
      {picking ? <EmojiPicker label={t.emoji} onPick={(e) => (setText(text + e), input.current?.focus())} /> : null}
      <div class="row">
        <textarea
          ref={input}
          rows={1}
          aria-label={t.placeholder}
          placeholder={t.placeholder}
          value={text}
          onInput={(e) => (setText((e.target as HTMLTextAreaElement).value), signalTyping())}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="button" class="icon" aria-label={t.emoji} aria-expanded={picking} onClick={() => setPicking(!picking)}>😊</button>
        <label class="icon" aria-label={t.attach} title={t.attach}>
          <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" /></svg>
          <input type="file" multiple hidden onChange={(e) => attach((e.target as HTMLInputElement).files)} />
        </label>
        <button type="button" class="send" aria-label={t.send} onClick={submit}>➤</button>
      </div>
    </footer>
  );
}
