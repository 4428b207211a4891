import { render } from 'preact';
import type { FrameInit } from '../protocol';
import { App } from './app';
import { pickLanguage, stringsFor } from './i18n';
import './styles.css';

const channel = new URLSearchParams(location.search).get('channel') ?? '';
let init: FrameInit = { page: document.referrer };
try {
  init = { ...init, ...JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}') };
} catch {
  /* a hand-made URL: defaults */
}
// The embedding page as the browser reports it (the loader's word only as a last resort); the server checks it.
const page = location.ancestorOrigins?.[0] || document.referrer || init.page;
const lang = pickLanguage(init.lang, navigator.languages ?? [navigator.language]);
document.documentElement.lang = lang;

render(<App t={stringsFor(lang)} channel={channel} init={init} page={page} />, document.getElementById('app')!);
