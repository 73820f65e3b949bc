// The script side of internal/search's tests, run by node:
//
//	node run.js SEARCH_JS cut < cases.json     → each case's tokens and query terms
//	node run.js SEARCH_JS query DIR < queries  → each query's results, best first
//
// SEARCH_JS is themes/default/static/js/search.js; DIR an index folder.
'use strict';
const fs = require('fs'), zlib = require('zlib'), path = require('path');
const s = require(path.resolve(process.argv[2]));
const input = JSON.parse(fs.readFileSync(0, 'utf8'));

if (process.argv[3] === 'cut') {
  const out = input.map(c => ({
    tokens: s.tokens(c.text),
    terms: s.queryTerms(c.text).map(t => ({ toks: t.toks.map(x => [x.key, x.off]), unis: t.unis })),
  }));
  process.stdout.write(JSON.stringify(out));
} else {
  const dir = process.argv[4];
  let fetched = 0;
  const e = new s.Engine(p => fs.promises.readFile(path.join(dir, p.split('?')[0])).then(b => {
    fetched += b.length;
    return b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b;
  }));
  (async () => {
    const out = [];
    for (const q of input) {
      fetched = 0;
      const r = await e.search(q.q, q.filter || {});
      const docs = await e.docs(r.ids);
      out.push({ urls: docs.map(d => d.url), fetched });
    }
    process.stdout.write(JSON.stringify(out));
  })().catch(err => { console.error(err); process.exit(1); });
}
