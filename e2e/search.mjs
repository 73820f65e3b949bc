// Usage: node search.mjs SEARCH_URL < queries.json
//
// Searches a site as a visitor does, in headless Chromium: for each query
// {q, typed} it opens the /search/ page — with ?q= in its address, or, when
// typed, empty, then types the query into the box and presses Enter — and
// waits for the results in #search-results. With same, it types into the
// page the query before left open; with after (a file's path), it first
// writes after.ready and waits for the file after to exist, so that a
// test can change the site in between; with lateLines, the files of the
// results' lines (search/d/K.bin) are held back, K=0 longest, so that
// they come in the reverse order; with further, once the results are in,
// it presses 继续在较早的信息中查找 while the page offers it (at most five
// times), and says how often it did and which link then has the focus.
// Prints JSON on stdout: for
// each query the result links in order (paths), the status line, the
// milliseconds from opening the page to the first result, the bytes
// the page fetched, and when the index's files were asked for and came
// ("ask index.json", "got t/K.bin", …, in order).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { launch } from './browser.mjs';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node search.mjs SEARCH_URL < queries.json');
  process.exit(2);
}
const queries = JSON.parse(readFileSync(0, 'utf8'));
const out = [];
const { context, close } = await launch();
try {
  let page = null, bytes = 0, files = [];
  for (const { q, typed, same, after, lateLines, further } of queries) {
    if (after) {
      // The test changes the site now: say so, and wait until it has.
      writeFileSync(after + '.ready', '');
      for (let i = 0; !existsSync(after); i++) {
        if (i > 1200) throw new Error('waited a minute for ' + after);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (!same || !page) {
      if (page) await page.close();
      page = await context.newPage();
      const indexFile = /\/search\/(index\.json|[dtp]\/\d+\.bin)/;
      page.on('request', (req) => {
        const d = indexFile.exec(req.url());
        if (d) files.push('ask ' + d[1]);
      });
      page.on('requestfinished', async (req) => {
        const d = indexFile.exec(req.url());
        if (d) files.push('got ' + d[1]);
        const s = await req.sizes().catch(() => null);
        if (s) bytes += s.responseBodySize + s.responseHeadersSize;
      });
      if (lateLines) {
        await page.route(/\/search\/d\/\d+\.bin/, async (route) => {
          const k = Number(/\/d\/(\d+)\.bin/.exec(route.request().url())[1]);
          await new Promise((r) => setTimeout(r, Math.max(0, 1000 - 100 * k)));
          await route.continue();
        });
      }
    }
    bytes = 0;
    files = [];
    const start = Date.now();
    if (same) {
      await page.fill('input[name="q"]', q);
      await page.press('input[name="q"]', 'Enter');
    } else if (typed) {
      await page.goto(url, { waitUntil: 'load' });
      await page.fill('input[name="q"]', q);
      await page.press('input[name="q"]', 'Enter');
    } else {
      await page.goto(url + '?q=' + encodeURIComponent(q), { waitUntil: 'commit' });
    }
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status');
      return document.querySelector('#search-results li a') || (s && /没有找到|出错|请输入/.test(s.textContent));
    }, null, { timeout: 10000 });
    const ms = Date.now() - start;
    // Each result in view gets its passage once its page is fetched: wait
    // for the first (on a busy machine it may come after the network
    // has been idle a while), then for the rest of the fetches.
    await page.waitForFunction(() => !document.querySelector('#search-results li') ||
      document.querySelector('#search-results .passage'), null, { timeout: 10000 }).catch(() => {});
    await page.waitForLoadState('networkidle').catch(() => {});
    let pressed = 0, offered = [];
    const button = page.locator('#search-results button.search-more', { hasText: '继续在较早的信息中查找' });
    // The results are aria-busy until they are all shown.
    const shown = () => page.waitForFunction(() => document.getElementById('search-results').getAttribute('aria-busy') === 'false', null, { timeout: 10000 });
    if (further) await shown();
    while (further && pressed < 5 && await button.count() > 0) {
      offered.push(await page.evaluate(() => ({
        links: [...document.querySelectorAll('#search-results li h2 a')].map((a) => new URL(a.href).pathname),
        status: document.getElementById('search-status').textContent,
      })));
      await button.click(); // its handler makes the results busy at once
      pressed++;
      await shown();
    }
    // Whatever the query, the results are counted once they are all
    // shown: a query typed into a page that showed others' results
    // finds those there at first, and the new ones come in over them.
    await page.waitForFunction(() => document.getElementById('search-results').getAttribute('aria-busy') !== 'true', null, { timeout: 10000 }).catch(() => {});
    const res = await page.evaluate(() => ({
      links: [...document.querySelectorAll('#search-results li h2 a')].map((a) => new URL(a.href).pathname),
      status: document.getElementById('search-status').textContent,
      marked: document.querySelectorAll('#search-results mark').length,
      title: document.title,
      focused: document.activeElement && document.activeElement.href ? new URL(document.activeElement.href).pathname : '',
    }));
    out.push({ q, ...res, ms, bytes, files, address: page.url(), pressed, offered });
  }
  if (page) await page.close();
} finally {
  await close();
}
process.stdout.write(JSON.stringify(out));
