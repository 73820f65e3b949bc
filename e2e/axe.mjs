// Usage: node axe.mjs URL...
//
// For every URL: runs axe-core (WCAG 2.0/2.1 A and AA rules) at 1280x800,
// then measures horizontal overflow at a 375px-wide phone viewport.
// Prints one JSON array on stdout:
//   [{url, status, violations: [{id, impact, help, helpUrl, tags, nodes: [{target, html, summary}]}],
//     phone: {width, scrollWidth, wide: [selector...]}, error}]
// Exits 0 when every page was checked (whatever it found), 2 on usage
// errors, 1 when the browser itself failed.
import { createRequire } from 'node:module';
import { launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = 375;

const urls = process.argv.slice(2);
if (urls.length === 0) {
  console.error('usage: node axe.mjs URL...');
  process.exit(2);
}

const { context, close } = await launch();
const results = [];
try {
  const page = await context.newPage();
  for (const url of urls) {
    const r = { url, status: 0, violations: [], phone: null, error: null };
    results.push(r);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      const resp = await page.goto(url, { waitUntil: 'load' });
      if (!resp) throw new Error('no response');
      r.status = resp.status();
      await page.addScriptTag({ path: AXE });
      const axe = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      }, TAGS);
      r.violations = axe.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
      }));

      await page.setViewportSize({ width: PHONE, height: 740 });
      await page.goto(url, { waitUntil: 'load' });
      r.phone = await page.evaluate(() => {
        const de = document.documentElement;
        const vw = de.clientWidth;
        // Name the outermost elements that stick out past the viewport.
        const wide = [];
        for (const el of document.body.querySelectorAll('*')) {
          const b = el.getBoundingClientRect();
          if (b.right <= vw + 1 && b.left >= -1) continue;
          if (wide.some((w) => w.el.contains(el))) continue;
          let sel = el.tagName.toLowerCase();
          if (el.id) sel += '#' + el.id;
          if (el.classList.length) sel += '.' + [...el.classList].join('.');
          wide.push({ el, sel: `${sel} (${Math.round(b.left)}..${Math.round(b.right)}px)` });
          if (wide.length >= 5) break;
        }
        return { width: window.innerWidth, scrollWidth: de.scrollWidth, wide: wide.map((w) => w.sel) };
      });
    } catch (e) {
      r.error = String(e && e.message ? e.message : e).split('\n')[0];
    }
  }
} finally {
  await close();
}
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
