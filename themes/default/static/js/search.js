/* 站内搜索: the /search/ page's script, loaded on that page only. It
   reads the query from the address (/search/?q=…&column=…&year=…&topic=…),
   fetches the parts of the index under search/ that the query needs (the
   format is described in gongkai's internal/search/index.go), and lists
   the pages found in #search-results, best first. No framework, no other
   site, no WebAssembly.

   normalize, cut and queryTerms follow the cutting rules of
   internal/search/segment.go exactly: a test runs both on the cases of
   internal/search/testdata/segment.json. In node this file exports its
   engine instead of starting (internal/search's tests use it). */
(function () {
  'use strict';

  var MAX_WORD = 32;

  function normalize(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) c = 32;
    if (c >= 65 && c <= 90) c += 32;
    return c;
  }
  function isHan(c) {
    return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF ||
      c >= 0xF900 && c <= 0xFAFF || c >= 0x20000 && c <= 0x323AF || c === 0x3007;
  }
  function isWord(c) { return c >= 97 && c <= 122 || c >= 48 && c <= 57; }

  // cut calls emit(key, pos) for each token of s, as Cut in segment.go:
  // bigrams and words at their place (in characters), unigrams at -1.
  function cut(s, emit) {
    var pos = 0, prev = 0, inWord = false, wordPos = 0, w = '';
    for (var ch of s) {
      var c = normalize(ch.codePointAt(0));
      if (isHan(c)) {
        if (inWord) { emit(w, wordPos); inWord = false; w = ''; }
        if (prev) emit(String.fromCodePoint(prev, c), pos - 1);
        emit(String.fromCodePoint(c), -1);
        prev = c;
      } else if (isWord(c)) {
        prev = 0;
        if (!inWord) { inWord = true; wordPos = pos; }
        if (w.length < MAX_WORD) w += String.fromCharCode(c);
      } else {
        if (inWord) { emit(w, wordPos); inWord = false; w = ''; }
        prev = 0;
      }
      pos++;
    }
    if (inWord) emit(w, wordPos);
  }

  function tokens(s) {
    var list = [];
    cut(s, function (k, p) { list.push([k, p]); });
    return list;
  }

  // normText maps each UTF-16 unit as normalize does: the result has the
  // same length, so a place found in it is a place in s.
  function normText(s) {
    var out = '';
    for (var i = 0; i < s.length; i++) out += String.fromCharCode(normalize(s.charCodeAt(i)));
    return out;
  }

  // queryTerms cuts a query into terms, at white space: each term a
  // phrase of tokens at offsets from its first, and the unigrams of its
  // characters that no bigram holds (a lone 年 in 「2020年」).
  function queryTerms(q) {
    var terms = [];
    normText(q).split(/\s+/).forEach(function (text) {
      var toks = [], unis = [], first = -1;
      cut(text, function (k, p) {
        if (p < 0) { unis.push(k); return; }
        if (first < 0) first = p;
        toks.push({ key: k, off: p - first });
      });
      unis = unis.filter(function (u, i) {
        return unis.indexOf(u) === i && !toks.some(function (t) { return t.key.indexOf(u) >= 0; });
      });
      if (toks.length || unis.length) terms.push({ text: text, toks: toks, unis: unis, len: Array.from(text).length });
    });
    return terms;
  }

  function hash(key) {
    var b = new TextEncoder().encode(key), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h;
  }

  function Reader(buf, i) { this.b = buf; this.i = i || 0; }
  Reader.prototype.uv = function () {
    var x = 0, m = 1, c;
    do { c = this.b[this.i++]; x += (c & 127) * m; m *= 128; } while (c & 128);
    return x;
  };

  // Engine answers queries from an index; load(path) resolves to the
  // bytes of a file under search/, uncompressed.
  function Engine(load) {
    this.load = load;
    this.shards = {};
    this.files = {};
  }

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.m) this.m = this.load('index.json').then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
    return this.m.then(function (m) { self.version = m.version; return m; });
  };

  Engine.prototype.file = function (path) {
    if (!this.files[path]) this.files[path] = this.load(path + '?v=' + this.version);
    return this.files[path];
  };

  // shard resolves to the table of shard k: key → entry.
  Engine.prototype.shard = function (k) {
    if (!this.shards[k]) this.shards[k] = this.file('s/' + k + '.bin').then(function (b) {
      var r = new Reader(b), n = r.uv(), table = {}, list = [], dec = new TextDecoder();
      for (var i = 0; i < n; i++) {
        var kl = r.uv(), key = dec.decode(b.subarray(r.i, r.i + kl));
        r.i += kl;
        var e = { df: r.uv(), kind: r.uv() };
        if (e.kind >= 2) e.file = r.uv();
        e.len = r.uv();
        table[key] = e;
        list.push(e);
      }
      var off = r.i;
      list.forEach(function (e) { if (e.kind < 2) { e.bytes = b.subarray(off, off + e.len); off += e.len; } });
      return table;
    });
    return this.shards[k];
  };

  // posting resolves to a token's pages: Map page → sorted places, or for
  // a unigram page → 1 (in the title or 文号) or 0.
  Engine.prototype.posting = function (e) {
    if (!e) return Promise.resolve(new Map());
    if (!e.map) {
      e.map = (e.bytes ? Promise.resolve(e.bytes) : this.file('b/' + e.file + '.bin')).then(function (b) {
        var r = new Reader(b), map = new Map(), doc = 0, first = true;
        while (r.i < b.length) {
          var d = r.uv();
          doc = first ? d : doc + d;
          first = false;
          if (e.kind % 2) { map.set(doc, r.uv() & 1); continue; }
          var n = r.uv(), at = new Array(n), p = 0;
          for (var j = 0; j < n; j++) { p += r.uv(); at[j] = p; }
          map.set(doc, at);
        }
        return map;
      });
    }
    return e.map;
  };

  // cover picks, in each run of bigrams of a term, the cheapest that still
  // hold every character of it: a phrase found where they are is the
  // phrase, and the commonest bigrams need not be fetched.
  function cover(toks, entries) {
    var keep = [], i = 0;
    while (i < toks.length) {
      var run = [toks[i]], j = i + 1;
      while (j < toks.length && Array.from(toks[j].key).length === 2 && Array.from(toks[j - 1].key).length === 2 &&
        isHan(toks[j].key.codePointAt(0)) && toks[j].off === toks[j - 1].off + 1) run.push(toks[j++]);
      i = j;
      if (run.length < 3) { keep = keep.concat(run); continue; }
      // best[k]: cheapest cover of the run's first k+1 bigrams keeping bigram k.
      var cost = run.map(function (t) { var e = entries[t.key]; return e ? e.len : 0; });
      var best = [cost[0]], from = [-1];
      for (var k = 1; k < run.length; k++) {
        var a = best[k - 1], b = k > 1 ? best[k - 2] : Infinity;
        best.push(cost[k] + Math.min(a, b));
        from.push(b < a ? k - 2 : k - 1);
      }
      var picked = [];
      for (k = run.length - 1; k >= 0; k = from[k]) picked.unshift(run[k]);
      keep = keep.concat(picked);
    }
    return keep;
  }

  // search resolves to the pages matching every term of q, best first,
  // with each page's places of each term: {ids, starts: Map id → [[…]…]}.
  // filter: {column, year, topic}, each '' for any.
  Engine.prototype.search = function (q, filter) {
    var self = this, terms = queryTerms(q);
    filter = filter || {};
    return this.manifest().then(function (m) {
      if (!terms.length) return { ids: [], starts: new Map(), terms: terms, m: m };
      var keys = [];
      terms.forEach(function (t) {
        t.toks.forEach(function (x) { keys.push(x.key); });
        keys = keys.concat(t.unis);
      });
      var shardOf = {};
      keys.forEach(function (k) { shardOf[k] = hash(k) % m.shards; });
      var ks = Object.keys(shardOf).map(function (k) { return shardOf[k]; }).filter(function (s, i, a) { return a.indexOf(s) === i; });
      return Promise.all(ks.map(function (k) { return self.shard(k); })).then(function () {
        var entries = {};
        return Promise.all(keys.map(function (k) {
          return self.shard(shardOf[k]).then(function (t) { entries[k] = t[k]; });
        })).then(function () {
          terms.forEach(function (t) { t.use = cover(t.toks, entries); });
          return Promise.all(terms.map(function (t) {
            return Promise.all(t.use.map(function (x) { return self.posting(entries[x.key]); }).concat(
              t.unis.map(function (u) { return self.posting(entries[u]); })));
          }));
        }).then(function (lists) {
          return self.facets(filter, m).then(function (facet) {
            return rank(m, terms, lists, filter, facet);
          });
        });
      });
    });
  };

  // facets resolves to each page's column and topic numbers, when a
  // filter needs them.
  Engine.prototype.facets = function (filter, m) {
    if (!filter.column && !filter.topic) return Promise.resolve(null);
    return this.file('f.bin');
  };

  // rank finds the pages where every term is, and orders them: the whole
  // query as one phrase; every term in the title or 文号; more terms there;
  // then newer first (pages are numbered newest first).
  function rank(m, terms, lists, filter, facet) {
    var col = filter.column ? m.columns.indexOf(filter.column) : -1;
    var top = filter.topic ? m.topics.indexOf(filter.topic) : -1;
    var yr = filter.year ? m.years.filter(function (y) { return String(y[0]) === String(filter.year); }) : null;
    var hits = [];
    var matches = terms.map(function (t, i) {
      var maps = lists[i], pos = maps.slice(0, t.use.length), uni = maps.slice(t.use.length);
      var all = maps.slice().sort(function (a, b) { return a.size - b.size; });
      var found = new Map();
      if (!all.length) return found;
      all[0].forEach(function (_, doc) {
        for (var j = 1; j < all.length; j++) if (!all[j].has(doc)) return;
        var head = uni.length > 0 && uni.every(function (u) { return u.get(doc) === 1; });
        var starts = [];
        if (pos.length) {
          var first = pos[0].get(doc), base = t.use[0].off;
          starts = first.map(function (p) { return p - base; }).filter(function (s) {
            for (var j = 1; j < pos.length; j++) if (!has(pos[j].get(doc), s + t.use[j].off)) return false;
            return true;
          });
          if (!starts.length) return;
          head = starts[0] < m.head;
        }
        found.set(doc, { starts: starts, head: head });
      });
      return found;
    });
    matches[0].forEach(function (_, doc) {
      if (yr && !yr.some(function (y) { return doc >= y[1] && doc <= y[2]; })) return;
      if (col >= 0 && facet[2 * doc] !== col || filter.column && col < 0) return;
      if (top >= 0 && facet[2 * doc + 1] !== top || filter.topic && top < 0) return;
      var per = [];
      for (var i = 0; i < matches.length; i++) {
        var f = matches[i].get(doc);
        if (!f) return;
        per.push(f);
      }
      var inHead = per.filter(function (f) { return f.head; }).length;
      hits.push({ doc: doc, per: per, exact: exact(terms, per) ? 1 : 0, allHead: inHead === per.length ? 1 : 0, inHead: inHead });
    });
    hits.sort(function (a, b) {
      return b.exact - a.exact || b.allHead - a.allHead || b.inHead - a.inHead || a.doc - b.doc;
    });
    return { ids: hits.map(function (h) { return h.doc; }), hits: hits, terms: terms, m: m };
  }

  function has(list, x) {
    if (!list) return false;
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo < list.length && list[lo] === x;
  }

  // exact: the terms follow one another as typed (at most one character
  // between, where the query had a space).
  function exact(terms, per) {
    if (terms.length === 1) return true;
    var from = per[0].starts;
    for (var i = 1; i < terms.length; i++) {
      var len = terms[i - 1].len, next = per[i].starts;
      from = next.filter(function (s) { return from.some(function (p) { return s - p === len || s - p === len + 1; }); });
      if (!from.length) return false;
    }
    return true;
  }

  // docs resolves to the lines of pages ids: [url, title, date, column, 文号, topic].
  Engine.prototype.docs = function (ids) {
    var self = this;
    return this.manifest().then(function (m) {
      return Promise.all(ids.map(function (id) {
        var k = Math.floor(id / m.chunk);
        return self.file('d/' + k + '.bin').then(function (b) {
          var rows = b.rows || (b.rows = JSON.parse(new TextDecoder().decode(b)));
          var r = rows[id - k * m.chunk];
          return { url: r[0], title: r[1], date: r[2], column: m.columns[r[3]], docNo: r[4], topic: m.topics[r[5]] };
        });
      }));
    });
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = { normalize: normalize, cut: cut, tokens: tokens, queryTerms: queryTerms, hash: hash, Engine: Engine };
    return;
  }

  // The page.

  var PAGE = 20; // results shown at a time

  function gunzip(buf) {
    var u = new Uint8Array(buf);
    if (u[0] !== 0x1f || u[1] !== 0x8b) return Promise.resolve(u); // the server unpacked it
    var s = new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(s).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function start() {
    var form = document.querySelector('form[data-index]');
    var out = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    if (!form || !out) return;
    var base = form.getAttribute('data-index');
    if (typeof DecompressionStream === 'undefined' || typeof TextDecoder === 'undefined') {
      status.textContent = '您的浏览器版本较旧，无法使用站内搜索，请从栏目导航查找信息。';
      return;
    }
    var engine = new Engine(function (path) {
      return fetch(base + path, path === 'index.json' ? { cache: 'no-cache' } : {}).then(function (r) {
        if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(gunzip);
    });
    var fields = ['q', 'column', 'year', 'topic'];
    var run = 0;

    function read() {
      var p = new URLSearchParams(location.search), v = {};
      fields.forEach(function (f) {
        v[f] = p.get(f) || '';
        if (form.elements[f]) form.elements[f].value = v[f];
      });
      return v;
    }

    function go(v) {
      var mine = ++run;
      out.textContent = '';
      if (!v.q.trim()) { status.textContent = ''; return; }
      status.textContent = '正在搜索……';
      engine.search(v.q, v).then(function (res) {
        if (mine !== run) return;
        if (!res.ids.length) {
          status.textContent = '没有找到含有「' + v.q.trim() + '」的信息。请检查用字，或换用较短的词语、减少筛选条件。';
          return;
        }
        status.textContent = '找到 ' + res.ids.length + ' 条信息。';
        var ol = document.createElement('ol');
        out.appendChild(ol);
        more(res, ol, 0, mine);
      }).catch(function (e) {
        if (mine === run) status.textContent = '搜索出错，请稍后重试。（' + e.message + '）';
      });
    }

    function more(res, ol, from, mine) {
      var ids = res.ids.slice(from, from + PAGE);
      return engine.docs(ids).then(function (docs) {
        if (mine !== run) return;
        docs.forEach(function (d) { ol.appendChild(item(d, res.terms)); });
        var old = out.querySelector('.search-more');
        if (old) old.remove();
        if (from + PAGE < res.ids.length) {
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'search-more';
          b.textContent = '显示更多结果（还有 ' + (res.ids.length - from - PAGE) + ' 条）';
          b.addEventListener('click', function () {
            b.disabled = true;
            more(res, ol, from + PAGE, mine).then(function () {
              var next = ol.children[from + PAGE];
              if (next) next.querySelector('a').focus();
            });
          });
          out.appendChild(b);
        }
      });
    }

    function item(d, terms) {
      var li = document.createElement('li');
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = d.url;
      mark(a, d.title, terms);
      h.appendChild(a);
      li.appendChild(h);
      var meta = [d.column, d.date, d.docNo, d.topic].filter(Boolean).join(' · ');
      var p = document.createElement('p');
      p.className = 'meta-line';
      mark(p, meta, terms);
      li.appendChild(p);
      passages.observe(li);
      li.dataset.url = d.url;
      li.terms = terms;
      return li;
    }

    // The passage of a result: its page is fetched when the result comes
    // into view, and the first place a term is found shown around it.
    var passages = new IntersectionObserver(function (list) {
      list.forEach(function (en) {
        if (!en.isIntersecting) return;
        var li = en.target;
        passages.unobserve(li);
        fetch(li.dataset.url).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var body = doc.querySelector('.doc .body') || doc.querySelector('main');
          if (!body) return;
          var text = body.textContent.replace(/\s+/g, ' ').trim(), norm = normText(text), at = -1;
          li.terms.some(function (t) {
            at = norm.indexOf(t.text);
            if (at < 0 && t.toks.length) at = norm.indexOf(t.toks[0].key);
            return at >= 0;
          });
          var from = Math.max(0, at - 40), s = text.slice(from, Math.max(at, 0) + 80);
          var p = document.createElement('p');
          p.className = 'passage';
          mark(p, (from > 0 ? '…' : '') + s + (from + s.length < text.length ? '…' : ''), li.terms);
          li.appendChild(p);
        }).catch(function () {});
      });
    }, { rootMargin: '200px' });

    // mark writes s into el, each place a term (or a bigram of one) is
    // found in <mark>.
    function mark(el, s, terms) {
      var norm = normText(s), words = [];
      terms.forEach(function (t) {
        words.push(t.text);
        t.toks.forEach(function (x) { words.push(x.key); });
        words = words.concat(t.unis);
      });
      words.sort(function (a, b) { return b.length - a.length; });
      var i = 0, last = 0;
      while (i < s.length) {
        var w = null;
        for (var j = 0; j < words.length; j++) if (words[j] && norm.startsWith(words[j], i)) { w = words[j]; break; }
        if (!w) { i++; continue; }
        if (i > last) el.appendChild(document.createTextNode(s.slice(last, i)));
        var m = document.createElement('mark');
        m.textContent = s.slice(i, i + w.length);
        el.appendChild(m);
        i += w.length;
        last = i;
      }
      if (last < s.length) el.appendChild(document.createTextNode(s.slice(last)));
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var p = new URLSearchParams(), v = {};
      fields.forEach(function (f) {
        v[f] = form.elements[f] ? form.elements[f].value : '';
        if (v[f]) p.set(f, v[f]);
      });
      history.pushState(null, '', '?' + p.toString());
      go(v);
    });
    window.addEventListener('popstate', function () { go(read()); });
    go(read());
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
