// Usage: node shots.mjs OUTDIR URL...
//
// Full-page screenshots of each URL at 375px and 1280px wide, written to
// OUTDIR/<name>-<width>.png (name from the URL path). For people looking
// at the theme; the tests do not use it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const [dir, ...urls] = process.argv.slice(2);
if (!dir || urls.length === 0) {
  console.error('usage: node shots.mjs OUTDIR URL...');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const { context, close } = await launch();
try {
  const page = await context.newPage();
  for (const url of urls) {
    const name = new URL(url).pathname.split('/').filter(Boolean).join('_') || 'home';
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: width === 375 ? 740 : 800 });
      await page.goto(url, { waitUntil: 'load' });
      const file = join(dir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
  }
} finally {
  await close();
}
