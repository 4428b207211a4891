// Prints the gzipped size of what a visitor downloads (the loader, the iframe's page, its JS and CSS) and fails
// when the total is over the budget: the widget runs on other people's sites, so it must stay small.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = process.env.WIDGET_DIST ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetKb = Number(process.env.WIDGET_BUDGET_KB ?? 60);

if (!fs.existsSync(path.join(dist, 'loader.js')) || !fs.existsSync(path.join(dist, 'frame.html'))) {
  console.error(`No build in ${dist}: run npm run build -w widget first.`);
  process.exit(2);
}
const assets = fs.existsSync(path.join(dist, 'assets')) ? fs.readdirSync(path.join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => path.join('assets', f)) : [];
const files = ['loader.js', 'frame.html', ...assets.sort()];
let total = 0;
for (const file of files) {
  const kb = gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;
  total += kb;
  console.log(`${file.padEnd(36)} ${kb.toFixed(1).padStart(6)} KB gzip`);
}
console.log(`${'total (loader + chat)'.padEnd(36)} ${total.toFixed(1).padStart(6)} KB gzip   (budget ${budgetKb} KB)`);
if (total > budgetKb) {
  console.error(`Over budget: ${total.toFixed(1)} KB > ${budgetKb} KB gzipped.`);
  process.exit(1);
}
