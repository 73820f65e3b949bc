// The querying half of run.sh: node bench.mjs DIR CONTENT GONGKAI_URL PAGEFIND_URL
//
// Picks phrases of eight characters (longer where eight are on more than
// one page) from the middle of pages of CONTENT, and a few words; queries
// both search pages with each, each time in a fresh browser context (no
// cache), and prints a Markdown table: the rank of the page a phrase was
// copied from, the time from opening the search page to the first result,
// the bytes transferred, and each index's size, file count, build time
// and memory (from DIR/gk.time and DIR/pf.time). Each query is also
// timed as a visitor asks it: in a fresh context that first opened the
// site's home page (the same page for both), so that the browser is
// running and has the site's stylesheet, and the index nothing.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [dir, content, gkURL, pfURL] = process.argv.slice(2);
const { chromium } = createRequire(join(process.env.NPM_DIR, 'x.js'))('playwright-core');

// The pages, by URL.
const pages = [];
for (const sec of readdirSync(content)) {
  const d = join(content, sec);
  if (!statSync(d).isDirectory() || sec === 'data') continue;
  for (const f of readdirSync(d)) {
    if (!f.endsWith('.md') || f === '_index.md') continue;
    pages.push({ url: `/${sec}/${f.slice(0, -3)}/`, body: readFileSync(join(d, f), 'utf8').split('+++')[2] });
  }
}
pages.sort((a, b) => a.url.localeCompare(b.url));
const holding = (s) => pages.filter((p) => p.body.includes(s)).length;

const queries = [];
for (const k of [0.11, 0.29, 0.47, 0.63, 0.88]) {
  const p = pages[Math.floor(k * pages.length)];
  const paras = p.body.split('\n\n').filter((s) => /^[\u4e00-\u9fff]/.test(s) && s.length > 40);
  const para = [...paras[Math.floor(paras.length / 2)]];
  let from = Math.floor(para.length / 2) - 4;
  while (!/[\u4e00-\u9fff]/.test(para[from])) from++;
  let n = 8;
  while (holding(para.slice(from, from + n).join('')) > 1) n++;
  queries.push({ q: para.slice(from, from + n).join(''), want: p.url });
}
for (const q of ['特派员', '孵化', '合法性', '示科发〔2015〕17号', '乡村振兴']) queries.push({ q });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
});
async function run(url, q, home) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (home) await page.goto(new URL('/', url).href, { waitUntil: 'load' });
  let bytes = 0, requests = 0;
  page.on('requestfinished', async (req) => {
    const s = await req.sizes().catch(() => null);
    if (s) { bytes += s.responseBodySize + s.responseHeadersSize; requests++; }
  });
  const start = Date.now();
  await page.goto(url + '?q=' + encodeURIComponent(q), { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('#search-results li a') ||
    /没有找到/.test(document.getElementById('search-status')?.textContent || ''), null, { timeout: 30000 });
  const ms = Date.now() - start;
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300);
  const links = await page.evaluate(() => [...document.querySelectorAll('#search-results li h2 a')].map((a) => new URL(a.href).pathname));
  await context.close();
  return { ms, bytes, requests, links };
}

// One query on each first, not measured: the browser's first page pays
// for starting its renderer and network service, whichever site it is.
await run(gkURL, '科技');
await run(pfURL, '科技');
const rows = [];
for (const { q, want } of queries) {
  const gk = await run(gkURL, q), pf = await run(pfURL, q);
  const gkHome = await run(gkURL, q, true), pfHome = await run(pfURL, q, true);
  const rank = (r) => {
    if (!want) return r.links.length ? '—' : 'none';
    const i = r.links.indexOf(want);
    return i < 0 ? `not in top ${r.links.length}` : String(i + 1);
  };
  rows.push([q + (want ? '' : ' (word)'), rank(gk), rank(pf), gk.ms, pf.ms, kb(gk.bytes), kb(pf.bytes), gkHome.ms, pfHome.ms]);
}
await browser.close();

function kb(n) { return (n / 1024).toFixed(1) + ' KB'; }
function tree(d) {
  let bytes = 0, files = 0;
  for (const f of readdirSync(d, { recursive: true })) {
    const s = statSync(join(d, f));
    if (s.isFile()) { bytes += s.size; files++; }
  }
  return { bytes, files };
}
const gi = tree(join(dir, 'gk', 'search')), pi = tree(join(dir, 'pf', 'pagefind'));
const [gt, gm] = readFileSync(join(dir, 'gk.time'), 'utf8').trim().split(/\s+/).slice(-2);
const [pt, pm] = readFileSync(join(dir, 'pf.time'), 'utf8').trim().split(/\s+/).slice(-2);

const out = [];
out.push(`${pages.length} pages; Chromium headless, fresh context per query, nginx on loopback (text precompressed by the build for gzip_static, gzip on the fly for the rest).`, '');
out.push('| query | gongkai rank | Pagefind rank | gongkai first result | Pagefind first result | gongkai fetched | Pagefind fetched | gongkai, from the home page | Pagefind, from the home page |');
out.push('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) out.push(`| ${r[0]} | ${r[1]} | ${r[2]} | ${r[3]} ms | ${r[4]} ms | ${r[5]} | ${r[6]} | ${r[7]} ms | ${r[8]} ms |`);
out.push('', '| | gongkai | Pagefind |', '|---|---|---|');
out.push(`| index size | ${(gi.bytes / 1048576).toFixed(1)} MB | ${(pi.bytes / 1048576).toFixed(1)} MB |`);
out.push(`| index files | ${gi.files} | ${pi.files} |`);
out.push(`| time | ${gt} s (whole build: pages and index) | ${pt} s (index only) |`);
out.push(`| peak memory | ${(gm / 1024).toFixed(0)} MB (whole build) | ${(pm / 1024).toFixed(0)} MB |`);
console.log(out.join('\n'));
