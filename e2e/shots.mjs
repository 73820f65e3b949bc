// Usage: node shots.mjs OUTDIR URL
//
// Pictures of a report page for people (the README shows them), and its
// print checks. Writes to OUTDIR:
//   report-1280.png    a desktop window, at the page's first chart
//   report-elder.png   the same in 长者模式
//   report-360.png     a phone 360 px wide, at the same chart
//   report-print.png   the top of the first A4 page as printed (print media, 794 px)
//   report-print.pdf   the whole page printed to A4
// and prints JSON on stdout: {files: [name...], pdfPages: n, problems: [string]}.
// The print checks: no navigation, the 长者模式 switch and download lines
// hidden, a site link followed by its full URL, the page A4.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const [dir, url] = process.argv.slice(2);
if (!dir || !url) {
  console.error('usage: node shots.mjs OUTDIR URL');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const out = { files: [], pdfPages: 0, problems: [] };
const { context, close } = await launch();
try {
  const page = await context.newPage();
  const shot = async (name, width, height, elder) => {
    await page.setViewportSize({ width, height });
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate((on) => { if (on) localStorage.setItem('gongkai-elder', '1'); else localStorage.removeItem('gongkai-elder'); }, elder);
    await page.reload({ waitUntil: 'load' });
    // The first figure with charts, its table at the top of the window.
    await page.evaluate(() => {
      const fig = document.querySelector('.figures-charts')?.closest('figure');
      if (fig) window.scrollTo(0, fig.getBoundingClientRect().top + window.scrollY - 16);
    });
    await page.screenshot({ path: join(dir, name) });
    out.files.push(name);
  };
  await shot('report-1280.png', 1280, 860, false);
  await shot('report-elder.png', 1280, 860, true);
  await shot('report-360.png', 360, 740, false);

  await page.evaluate(() => localStorage.removeItem('gongkai-elder'));
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await page.goto(url, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const p = await page.evaluate(() => {
    const hidden = (sel) => [...document.querySelectorAll(sel)].every((el) => getComputedStyle(el).display === 'none' || el.offsetParent === null);
    const link = document.querySelector('main a[href^="/"]');
    return {
      nav: hidden('header nav'), toggle: hidden('#elder-switch'), downloads: hidden('.table-download, .figures .links, .downloads'),
      after: link ? getComputedStyle(link, '::after').content : '',
    };
  });
  if (!p.nav) out.problems.push('print: the navigation is printed');
  if (!p.toggle) out.problems.push('print: the 长者模式 switch is printed');
  if (!p.downloads) out.problems.push('print: download links are printed');
  if (!/https?:/.test(p.after)) out.problems.push(`print: a site link is not followed by its URL (::after ${p.after})`);
  await page.screenshot({ path: join(dir, 'report-print.png'), clip: { x: 0, y: 0, width: 794, height: 900 } });
  out.files.push('report-print.png');
  const pdf = await page.pdf({ path: join(dir, 'report-print.pdf'), preferCSSPageSize: true, printBackground: true });
  out.files.push('report-print.pdf');
  const text = pdf.toString('latin1');
  out.pdfPages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  if (!box || Math.abs(+box[1] - 595.3) > 2 || Math.abs(+box[2] - 841.9) > 2) out.problems.push(`print: the PDF's pages are not A4 (MediaBox ${box ? box[1] + '×' + box[2] : 'not found'})`);
} finally {
  await close();
}
process.stdout.write(JSON.stringify(out) + '\n');
