// Usage: node axe.mjs URL...
//
// Checks every URL in headless Chromium in each of MODES: a desktop, a
// phone 360 px wide, and both again in 长者模式 (large text and high
// contrast, switched on as a visitor would leave it: localStorage), plus
// 长者模式 at 200% zoom (a 1280 px window is 640 CSS px wide). In each:
//   - axe-core, WCAG 2.0/2.1 A and AA (at 1280 and 360 px, and in 长者模式
//     at 1280 px: its colours are the same at every width);
//   - the page does not scroll sideways;
//   - charts: each chart's bars are on one scale from zero (length
//     proportional to the value written beside it), its metrics all have
//     the unit the chart names (checked against the table above it), and
//     its text is at least 12 px as drawn;
//   - tables: at 1280 px every table fits its box; where a table is wider
//     than its box, the strip under it shows the "more" cue (dark pixels
//     in a screenshot); a table that fits shows none;
//   - in 长者模式 the text is at least 1.5 times as large;
//   - the theme's own paragraphs (下载本表 CSV …) are not indented like body
//     text, and the 落款 is right-aligned;
//   - every button, menu and box is at least 44 px tall;
//   - no request leaves 127.0.0.1, no dialog opens.
// Then, once, the 长者模式 switch itself: reachable by Tab with a visible
// focus outline, Enter turns it on, another page keeps it on.
//
// Prints one JSON array on stdout:
//   [{url, status, error, modes: [{mode, violations: [{id, impact, help, nodes: [{target, html, summary}]}],
//     width, scrollWidth, wide: [selector...], problems: [string]}]}, ... ,
//    {url: "(长者模式 switch)", problems: [string]}]
// Exits 0 when every page was checked (whatever it found), 2 on usage
// errors, 1 when the browser itself failed.
import { createRequire } from 'node:module';
import { launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const KEY = 'gongkai-elder'; // js/elder.js's localStorage key
// Two browsers, one per group, run side by side; each group shares its
// localStorage, so 长者模式 is set per group.
const GROUPS = [
  [
    { name: '1280', width: 1280, height: 800, elder: false, axe: true },
    { name: '360', width: 360, height: 740, elder: false, axe: true },
  ],
  [
    { name: '长者模式 1280', width: 1280, height: 800, elder: true, axe: true },
    { name: '长者模式 360', width: 360, height: 740, elder: true, axe: false },
    { name: '长者模式 200%', width: 640, height: 400, elder: true, axe: false },
  ],
];
const NORMAL_FONT = 17; // px: the body text of normal mode (site.css: 1.0625rem)

const urls = process.argv.slice(2);
if (urls.length === 0) {
  console.error('usage: node axe.mjs URL...');
  process.exit(2);
}

const results = urls.map((url) => ({ url, status: 0, error: null, modes: [] }));
const groups = await Promise.all(GROUPS.map((modes) => runGroup(modes)));
for (const g of groups) {
  for (const [i, r] of g.entries()) {
    results[i].status = results[i].status || r.status;
    results[i].error = results[i].error || r.error;
    results[i].modes.push(...r.modes);
  }
}
results.push({ url: '(长者模式 switch)', status: 200, error: null, modes: [{ mode: '1280', violations: [], problems: await withBrowser((page) => switchProblems(page, urls)) }] });

async function withBrowser(f) {
  const { context, close } = await launch();
  try {
    return await f(await context.newPage());
  } finally {
    await close();
  }
}

// runGroup checks every URL in each of modes, in a browser of its own.
function runGroup(modes) {
  return withBrowser(async (page) => {
    const results = urls.map((url) => ({ url, status: 0, error: null, modes: [] }));
    const outside = [];
    page.on('request', (req) => {
      const u = new URL(req.url());
      if (u.protocol !== 'data:' && u.hostname !== '127.0.0.1') outside.push(req.url());
    });
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    for (const mode of modes) {
      await page.setViewportSize({ width: mode.width, height: mode.height });
      await page.goto(urls[0], { waitUntil: 'load' });
      await page.evaluate(([key, on]) => { if (on) localStorage.setItem(key, '1'); else localStorage.removeItem(key); }, [KEY, mode.elder]);
      for (const r of results) {
        if (r.error) continue;
        const m = { mode: mode.name, violations: [], width: 0, scrollWidth: 0, wide: [], problems: [] };
        r.modes.push(m);
        try {
          outside.length = 0;
          dialogs.length = 0;
          const resp = await page.goto(r.url, { waitUntil: 'load' });
          if (!resp) throw new Error('no response');
          r.status = resp.status();
          const elder = await page.evaluate(() => document.documentElement.classList.contains('elder'));
          if (elder !== mode.elder) m.problems.push(`长者模式 is ${elder ? 'on' : 'off'}, want ${mode.elder ? 'on' : 'off'}`);
          if (mode.axe) {
            await page.addScriptTag({ path: AXE });
            const axe = await page.evaluate(async (tags) => {
              // eslint-disable-next-line no-undef
              return await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
            }, TAGS);
            m.violations = axe.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
              nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
            }));
          }
          Object.assign(m, await page.evaluate(measure));
          const font = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
          if (mode.elder && font < 1.5 * NORMAL_FONT - 0.01) m.problems.push(`长者模式 text is ${font}px, not 1.5 times the ${NORMAL_FONT}px of normal mode`);
          if (mode.elder) {
            // 长者模式 underlines links, the menu's and the columns' headings' too.
            const plain = await page.evaluate(() => [...document.querySelectorAll('.site-header nav a, main a')]
              .filter((a) => a.offsetParent !== null && !getComputedStyle(a).textDecorationLine.includes('underline'))
              .map((a) => a.textContent.trim().slice(0, 20)));
            if (plain.length) m.problems.push(`长者模式 links not underlined: ${plain.slice(0, 5).join(', ')}`);
          }
          m.problems.push(...await page.evaluate(chartProblems, { minFont: mode.elder && mode.width >= 1280 ? 20 : 12 }));
          m.problems.push(...await tableProblems(page, mode));
          m.problems.push(...await page.evaluate(() => {
            const bad = [];
            for (const p of document.querySelectorAll('main p[class]:not(.signature)')) {
              if (parseFloat(getComputedStyle(p).textIndent) !== 0) bad.push(`p.${p.className} is indented like body text`);
            }
            for (const p of document.querySelectorAll('p.signature')) {
              if (getComputedStyle(p).textAlign !== 'right') bad.push(`the 落款 is not right-aligned: ${p.textContent.slice(0, 20)}`);
            }
            // Controls an old finger can hit on a phone: 44 px (WCAG 2.5.5).
            for (const c of document.querySelectorAll('button, select, input:not([type=hidden])')) {
              const r = c.getBoundingClientRect();
              if (r.width > 0 && r.height < 43.5) bad.push(`${c.tagName.toLowerCase()}#${c.id || c.name || c.textContent.trim().slice(0, 10)} is ${Math.round(r.height)} px tall, under 44 px: hard to tap`);
            }
            return bad;
          }));
          for (const u of outside) m.problems.push(`a request left the site: ${u}`);
          for (const d of dialogs) m.problems.push(`a dialog opened: ${d}`);
        } catch (e) {
          r.error = `${mode.name}: ` + String(e && e.message ? e.message : e).split('\n')[0];
        }
      }
    }
    return results;
  });
}
process.stdout.write(JSON.stringify(results, null, 1) + '\n');

// measure returns the page's width and scroll width, and names the
// outermost elements that stick out past the viewport.
function measure() {
  const de = document.documentElement;
  const vw = de.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const b = el.getBoundingClientRect();
    if (b.right <= vw + 1 && b.left >= -1) continue;
    if (wide.some((w) => w.el.contains(el))) continue;
    if (el.closest('.table-scroll') && el.closest('.table-scroll') !== el) continue; // scrolls in its box
    let sel = el.tagName.toLowerCase();
    if (el.id) sel += '#' + el.id;
    if (el.classList.length) sel += '.' + [...el.classList].join('.');
    wide.push({ el, sel: `${sel} (${Math.round(b.left)}..${Math.round(b.right)}px)` });
    if (wide.length >= 5) break;
  }
  return { width: vw, scrollWidth: de.scrollWidth, wide: wide.map((w) => w.sel) };
}

// chartProblems checks every chart of the page against its table.
function chartProblems({ minFont }) {
  const bad = [];
  for (const svg of document.querySelectorAll('svg.figures-chart')) {
    const fig = svg.closest('figure');
    const name = `chart ${svg.getAttribute('aria-labelledby').split(' ')[0].replace(/-title$/, '')}`;
    const unitOf = new Map();
    let years = 0;
    if (fig) {
      for (const tr of fig.querySelectorAll('tbody tr')) {
        unitOf.set(tr.querySelector('th').textContent.trim(), (tr.querySelector('td.unit') || {}).textContent?.trim() ?? '');
      }
      years = [...fig.querySelectorAll('thead th')].filter((th) => /^\d{4}年$/.test(th.textContent.trim())).length;
    }
    const unitText = svg.querySelector('text.unit');
    const unit = unitText ? unitText.textContent.trim().replace(/^单位：/, '') : '';
    if (!unitText && [...unitOf.values()].some((u) => u)) bad.push(`${name}: no visible unit`);
    const series = svg.querySelectorAll('g.series');
    if (series.length === 0) bad.push(`${name}: no series`);
    let scale = null;
    for (const g of series) {
      const label = [...g.querySelectorAll('text.metric')].map((t) => t.textContent).join('');
      if (!label) bad.push(`${name}: a series without its metric's name`);
      if (!unitOf.has(label)) bad.push(`${name}: ${label} is not a row of the table`);
      else if (unitOf.get(label) !== unit) bad.push(`${name}: ${label} is in ${unitOf.get(label)}, the chart in ${unit}: two units on one scale`);
      const yearTexts = g.querySelectorAll('text.year');
      if (yearTexts.length !== years) bad.push(`${name}: ${label} has ${yearTexts.length} years on its axis, the table ${years}`);
      const axis = g.querySelector('line.axis');
      const zero = axis ? axis.x1.baseVal.value : NaN;
      for (const rect of g.querySelectorAll('rect.bar')) {
        const valueText = rect.nextElementSibling;
        const value = valueText && valueText.classList.contains('value') ? parseFloat(valueText.textContent.replace(/[,，]/g, '')) : NaN;
        if (Number.isNaN(value)) { bad.push(`${name}: ${label}: a bar without its value written beside it`); continue; }
        const box = rect.getBBox();
        if (box.x < -0.5 || box.x + box.width > svg.viewBox.baseVal.width + 0.5) bad.push(`${name}: ${label}: the bar for ${value} is drawn outside the chart`);
        const start = value < 0 ? box.x + box.width : box.x;
        if (Math.abs(start - zero) > 0.2) bad.push(`${name}: ${label}: the bar for ${value} starts at ${start}, not at the zero axis ${zero}`);
        if (value === 0) { if (box.width > 0.2) bad.push(`${name}: ${label}: a bar for 0 is ${box.width} long`); continue; }
        const per = box.width / Math.abs(value);
        if (scale === null) scale = { per, value, width: box.width };
        else if (Math.abs(box.width - scale.per * Math.abs(value)) > 0.6) {
          bad.push(`${name}: ${label}: bar lengths not proportional to values: ${value} is ${box.width.toFixed(1)} long, ${scale.value} is ${scale.width.toFixed(1)}`);
        }
      }
    }
    const vb = svg.viewBox.baseVal;
    const shown = svg.getBoundingClientRect().width;
    const font = parseFloat(svg.getAttribute('font-size')) * shown / vb.width;
    if (font < minFont) bad.push(`${name}: its text is drawn ${font.toFixed(1)}px high, under ${minFont}px`);
  }
  return bad;
}

// tableProblems: at 1280 px every table fits; wherever one does not fit
// its box, the cue shows above it until its end is scrolled to, and a table
// that fits shows none.
async function tableProblems(page, mode) {
  const bad = [];
  const boxes = await page.$$('.table-scroll');
  for (const [i, box] of boxes.entries()) {
    const info = await box.evaluate((el) => ({ over: el.scrollWidth > el.clientWidth + 1, sw: el.scrollWidth, cw: el.clientWidth, label: el.getAttribute('aria-label') || el.querySelector('caption')?.textContent || '' }));
    const name = `table ${i + 1} (${info.label.slice(0, 20)})`;
    if (mode.width >= 1280 && !mode.elder && info.over) bad.push(`${name}: ${info.sw}px wide in a ${info.cw}px box: scrolls sideways at ${mode.width}px`);
    const cue = await cueInk(page, box);
    if (info.over) {
      if (cue < 30) bad.push(`${name}: wider than its box (${info.sw}px in ${info.cw}px) and no visible cue above it (${cue} dark pixels)`);
    } else if (cue >= 5) {
      bad.push(`${name}: fits its box, yet shows the "more" cue (${cue} dark pixels)`);
    }
  }
  return bad;
}

// cueInk counts the dark pixels of the strip at the top of a table box,
// where the cue is drawn, as the screen shows it.
async function cueInk(page, box) {
  const r = await box.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    const b = el.getBoundingClientRect();
    const strip = parseFloat(getComputedStyle(el).paddingTop);
    return { x: b.left, y: b.top, width: b.width, height: strip };
  });
  if (r.height < 4 || r.width < 4) return 0;
  const png = await page.screenshot({ clip: { x: r.x + r.width / 3, y: r.y + 1, width: r.width * 2 / 3, height: r.height - 2 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 3 * 110) n++;
    return n;
  }, png.toString('base64'));
}

// switchProblems uses the 长者模式 switch as a keyboard user would.
async function switchProblems(page, urls) {
  const bad = [];
  const pages = urls.filter((u) => !/nonexistent/.test(u));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pages[0], { waitUntil: 'load' });
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.reload({ waitUntil: 'load' });
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'elder-switch');
  }
  if (!reached) return ['the 长者模式 switch cannot be reached with Tab'];
  const focus = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    const r = document.activeElement.getBoundingClientRect();
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: r.width > 0 && r.height > 0 };
  });
  if (!focus.visible) bad.push('the 长者模式 switch is not visible');
  if (focus.style === 'none' || focus.width < 2) bad.push(`the focused 长者模式 switch shows no focus outline (${focus.style} ${focus.width}px)`);
  await page.keyboard.press('Enter');
  const on = await page.evaluate(() => ({
    elder: document.documentElement.classList.contains('elder'),
    pressed: document.getElementById('elder-switch').getAttribute('aria-pressed'),
    font: parseFloat(getComputedStyle(document.body).fontSize),
  }));
  if (!on.elder || on.pressed !== 'true') bad.push(`Enter on the switch: 长者模式 ${on.elder ? 'on' : 'off'}, aria-pressed ${on.pressed}`);
  if (on.font < 1.5 * before - 0.01) bad.push(`长者模式 text is ${on.font}px, not 1.5 times ${before}px`);
  await page.goto(pages[pages.length - 1], { waitUntil: 'load' });
  const kept = await page.evaluate(() => document.documentElement.classList.contains('elder') && document.getElementById('elder-switch')?.getAttribute('aria-pressed') === 'true');
  if (!kept) bad.push('长者模式 is not kept on the next page');
  await page.focus('#elder-switch');
  await page.keyboard.press('Space');
  if (await page.evaluate(() => document.documentElement.classList.contains('elder'))) bad.push('Space on the switch does not turn 长者模式 off');
  return bad;
}
