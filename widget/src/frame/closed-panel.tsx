import { useState } from 'preact/hooks';
import type { VisitorConversation, WidgetApi } from './api';
import { fill, type Strings } from './i18n';

/** Shown under a closed conversation (seed 002): the CSAT survey (1–5 and a comment) and "send me the transcript". */
export function ClosedPanel(props: { t: Strings; api: WidgetApi; conversation: VisitorConversation; knownEmail: string | null; onRated: (score: number, comment: string) => void }) {
  const { t, api, conversation } = props;
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [email, setEmail] = useState('');
  const [askEmail, setAskEmail] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const rate = async () => {
    try {
      await api.rate(conversation.id, score, comment);
      props.onRated(score, comment);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const transcript = async () => {
    if (!props.knownEmail && !askEmail) return setAskEmail(true);
    try {
      setSentTo((await api.transcript(conversation.id, props.knownEmail ? undefined : email)).to);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div class="closed">
      <p class="ended">{t.ended}</p>
      {conversation.rating ? (
        <p class="thanks">{t.thanks}</p>
      ) : (
        <div class="csat">
          <p>{t.rate}</p>
          <div class="stars" role="radiogroup" aria-label={t.rate}>
            {[1, 2, 3, 4, 5].map((n) => (
              <button type="button" key={n} role="radio" aria-checked={score === n} aria-label={fill(t.stars, { n })} class={n <= score ? 'on' : ''} onClick={() => setScore(n)}>
                ★
              </button>
            ))}
          </div>
          <textarea rows={2} placeholder={t.comment} aria-label={t.comment} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
          <button type="button" class="primary" disabled={score === 0} onClick={rate}>{t.sendRating}</button>
        </div>
      )}
      {sentTo ? (
        <p class="sent">{fill(t.transcriptSent, { to: sentTo })}</p>
      ) : (
        <div class="transcript">
          {askEmail ? <input type="email" placeholder={t.yourEmail} aria-label={t.yourEmail} value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} /> : null}
          <button type="button" class="link" onClick={transcript}>{t.transcript}</button>
        </div>
      )}
      {error ? <p class="error" role="alert">{error}</p> : null}
    </div>
  );
}
