/**
 * `npm run icons`: rasterise extension/icons/icon.svg to the PNG sizes the manifest names,
 * once, with headless Chromium. The PNGs are committed; run this only after editing the SVG.
 */
import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './browsers.ts';
import { ROOT } from './paths.ts';

const SIZES = [16, 32, 48, 128];
const dir = join(ROOT, 'extension/icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');

const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, pipe: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${dataUrl}" width="${size}" height="${size}">`);
    await page.waitForFunction(() => document.images[0]?.complete);
    await page.screenshot({ path: join(dir, `icon-${size}.png`) as `${string}.png`, omitBackground: true });
    console.log(`extension/icons/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
