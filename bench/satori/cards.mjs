// The peer in bench/cards.py: the same stat cards with Satori (HTML/CSS → SVG, text as
// paths) and resvg-js (SVG → PNG), the way its documentation sets it up for Node: fonts
// given explicitly (our Noto Sans files, read once), no system fonts.
//
//   node cards.mjs CARDS.json OUT_DIR FONTS_DIR
//
// CARDS.json is written by bench/cards.py: one object per card (size, colours, goal
// number and name, stat, headline, source, hashtag, file name). Prints one JSON line:
// the cards made and the seconds spent in each stage, start-up (imports and fonts)
// included; bench/cards.py times the whole process from outside as well.

const started = performance.now();
const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
const { join } = await import('node:path');
const { default: satori } = await import('satori');
const { Resvg } = await import('@resvg/resvg-js');

const [cardsFile, outDir, fontsDir] = process.argv.slice(2);
if (!cardsFile || !outDir || !fontsDir) {
  console.error('usage: node cards.mjs CARDS.json OUT_DIR FONTS_DIR');
  process.exit(2);
}
const cards = JSON.parse(readFileSync(cardsFile, 'utf8'));
const fonts = [
  { name: 'Noto Sans', data: readFileSync(join(fontsDir, 'NotoSans-Regular.ttf')), weight: 400, style: 'normal' },
  { name: 'Noto Sans', data: readFileSync(join(fontsDir, 'NotoSans-Bold.ttf')), weight: 700, style: 'normal' },
];
mkdirSync(outDir, { recursive: true });
const seconds = { startup: (performance.now() - started) / 1000, svg: 0, rasterize: 0, encode: 0, write: 0 };

const h = (type, style, ...children) => ({ type, props: { style, children } });

// The same card as lnob's `stat` template on a 1080² canvas (1 unit = 1 px): badge with
// the goal number and name, the big number, a short rule, the headline, and a footer
// with the source at the start and the hashtag at the end, in the goal's colours.
function card(c) {
  const u = c.width / 1080;
  const M = 80 * u;
  return h('div', {
    width: c.width, height: c.height, display: 'flex', backgroundColor: c.colour, color: c.text,
    fontFamily: 'Noto Sans', fontWeight: 700,
  }, h('div', {
    display: 'flex', flexDirection: 'column', position: 'absolute', left: M, top: M,
    width: c.width - 2 * M, height: c.height - 2 * M,
  },
    h('div', { display: 'flex', alignItems: 'center', height: 112 * u },
      h('div', {
        display: 'flex', width: 112 * u, height: 112 * u, borderRadius: 18 * u, backgroundColor: c.text,
        color: c.colour, fontSize: 69 * u, alignItems: 'center', justifyContent: 'center',
      }, c.number),
      h('div', { display: 'flex', marginLeft: 25 * u, fontSize: 34 * u, lineHeight: 1.12 }, c.goal_name)),
    h('div', { display: 'flex', marginTop: 90 * u, fontSize: 234 * u, lineHeight: 1.05 }, c.stat),
    h('div', { display: 'flex', marginTop: 24 * u, width: 120 * u, height: 10 * u, borderRadius: 5 * u,
      backgroundColor: c.text }),
    h('div', { display: 'flex', marginTop: 40 * u, fontSize: 60 * u, lineHeight: 1.2 }, c.headline),
    h('div', { display: 'flex', flexGrow: 1 }),
    h('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', fontSize: 25 * u },
      h('div', { display: 'flex', width: '56%', fontWeight: 400, lineHeight: 1.2 }, c.source),
      h('div', { display: 'flex' }, c.hashtag))));
}

for (const c of cards) {
  let t = performance.now();
  const svg = await satori(card(c), { width: c.width, height: c.height, fonts });
  seconds.svg += (performance.now() - t) / 1000;
  t = performance.now();
  const pixels = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  seconds.rasterize += (performance.now() - t) / 1000;
  t = performance.now();
  const png = pixels.asPng();
  seconds.encode += (performance.now() - t) / 1000;
  t = performance.now();
  writeFileSync(join(outDir, c.file), png);
  seconds.write += (performance.now() - t) / 1000;
}
seconds.total = (performance.now() - started) / 1000;
console.log(JSON.stringify({ cards: cards.length, seconds }));
