/* Gongbao search page: find-in-page semantics for Chinese over a static index.
 *
 * Same algorithm as build/gongbao/search.py (read its docstring): fold the
 * query and the fields (whitespace removed, full-width ASCII to half-width,
 * A-Z to a-z), intersect the postings of each term's grams (its character
 * when it has one, else its overlapping pairs), load only the record chunks
 * of the candidates, keep those where every term is a substring of a field,
 * rank by field weight, then document order.  Loaded only by search/.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var DATA = new URL("data/", script.src);      // <root>/assets/search/data/
  var ROOT = new URL("../../", script.src);     // the site root, any sub-path
  var PAGE_SIZE = 20;
  var HEAD = 3, NUMBER = 2, BODY = 1;
  var WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  var WS_ALL = new RegExp("[" + WS + "]+", "g");
  var WS_ONE = new RegExp("^[" + WS + "]$");
  var FILTERS = ["jurisdiction", "year", "kind", "document", "unit", "official"];

  // ------------------------------------------------------------ folding

  function foldCode(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    if (cp >= 65 && cp <= 90) cp += 32;
    return cp;
  }

  function fold(s) {
    s = s.replace(WS_ALL, "");
    return s.replace(/[\uff01-\uff5eA-Z]/g, function (c) {
      return String.fromCharCode(foldCode(c.charCodeAt(0)));
    });
  }

  // The folded text and, for each of its UTF-16 units, the unit's index in s.
  function foldMap(s) {
    var out = [], map = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (WS_ONE.test(c)) continue;
      out.push(String.fromCharCode(foldCode(s.charCodeAt(i))));
      map.push(i);
    }
    return { text: out.join(""), map: map };
  }

  function terms(query) {
    var seen = {}, out = [];
    (query || "").split(WS_ALL).forEach(function (p) {
      var t = fold(p);
      if (t && !seen[t]) { seen[t] = true; out.push(t); }
    });
    return out;
  }

  function termGrams(term) {
    var cps = Array.from(term);
    if (cps.length === 1) return [term];
    var out = [];
    for (var i = 0; i + 1 < cps.length; i++) out.push(cps[i] + cps[i + 1]);
    return out;
  }

  function bucketOf(gram, buckets) {
    var h = 0x811c9dc5;
    for (var ch of gram) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    return h % buckets;
  }

  // ------------------------------------------------------------ loading

  var cache = {};
  function load(path, version) {
    if (!cache[path]) {
      var url = new URL(path, DATA);
      if (version) url.search = "v=" + version;
      cache[path] = fetch(url, version ? {} : { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  function undelta(deltas) {
    var out = new Array(deltas.length), acc = 0;
    for (var i = 0; i < deltas.length; i++) { acc += deltas[i]; out[i] = acc; }
    return out;
  }

  function lastAtMost(sorted, x) {     // index of the last element <= x
    var lo = 0, hi = sorted.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (sorted[mid] <= x) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // A pair's postings as a Map ordinal -> positions.
  function pairPositions(flat) {
    var out = new Map(), i = 0, ordinal = 0;
    while (i < flat.length) {
      ordinal += flat[i];
      var n = flat[i + 1], ps = new Array(n), acc = 0;
      for (var k = 0; k < n; k++) { acc += flat[i + 2 + k]; ps[k] = acc; }
      out.set(ordinal, ps);
      i += 2 + n;
    }
    return out;
  }

  // Map ordinal -> [best field weight, first position] of the records containing word.
  function termMatches(meta, postings, word) {
    var docs = meta.docs, best = new Map();
    function weight(ordinal, position) {
      var d = docs[lastAtMost(meta.docStarts, ordinal)];
      var body = d.doc && ordinal === d.start && d.body !== null && position >= d.body;
      return [body ? BODY : HEAD, position];
    }
    var grams = termGrams(word);
    if (Array.from(word).length === 1) {
      var flat = postings[word] || [], ordinal = 0;
      for (var k = 0; k < flat.length; k += 2) {
        ordinal += flat[k];
        best.set(ordinal, weight(ordinal, flat[k + 1]));
      }
    } else {
      var byGram = new Map();
      grams.forEach(function (g) { if (!byGram.has(g)) byGram.set(g, pairPositions(postings[g] || [])); });
      var smallest = null;
      byGram.forEach(function (m) { if (!smallest || m.size < smallest.size) smallest = m; });
      smallest.forEach(function (_, ordinal) {
        var found = null;
        for (var i = 0; i < grams.length; i++) {
          var ps = byGram.get(grams[i]).get(ordinal);
          if (!ps) return;
          var shifted = new Set(ps.map(function (p) { return p - i; }));
          found = found ? found.filter(function (p) { return shifted.has(p); }) : Array.from(shifted);
          if (!found.length) return;
        }
        best.set(ordinal, weight(ordinal, Math.min.apply(null, found)));
      });
    }
    docs.forEach(function (d) {
      if (fold(d.doc_number).indexOf(word) < 0) return;
      for (var o = d.start; o < d.end; o++) {
        var b = best.get(o);
        if (!b || b[0] < NUMBER) best.set(o, [NUMBER, b ? b[1] : -1]);
      }
    });
    return best;
  }

  // Resolves to {words, hits: [ordinal] best first, bodyAt: Map ordinal -> folded
  // body offset of a document's first match in its body}.
  async function search(meta, query, filters, bucketsReady) {
    var words = terms(query);
    var active = FILTERS.some(function (k) { return filters[k]; });
    if (!words.length && !active) return { words: words, hits: [] };

    var allowed = [];
    meta.docs.forEach(function (d) {
      if (filters.jurisdiction && d.jurisdiction !== filters.jurisdiction) return;
      if (filters.year && String(d.year) !== String(filters.year)) return;
      if (filters.document && d.id !== filters.document) return;
      if (filters.kind !== "task" && d.doc) allowed.push(d.start);
      if (filters.kind !== "document") for (var o = d.doc ? d.start + 1 : d.start; o < d.end; o++) allowed.push(o);
    });
    var facets = [["unit", "units"], ["official", "officials"]].filter(function (f) { return filters[f[0]]; });
    for (var f of facets) {
      var lists = await load("f/" + f[1] + ".json", meta.v);
      var keep = new Set(undelta(lists[filters[f[0]]] || []));
      allowed = allowed.filter(function (o) { return keep.has(o); });
    }

    var postings = await bucketsReady;
    var scores = new Map(), bodyAt = new Map();
    allowed.forEach(function (o) { scores.set(o, 0); });
    words.forEach(function (w) {
      var matches = termMatches(meta, postings, w), next = new Map();
      scores.forEach(function (s, o) {
        var m = matches.get(o);
        if (!m) return;
        next.set(o, s + m[0]);
        if (m[0] === BODY) {
          var at = m[1] - meta.docs[lastAtMost(meta.docStarts, o)].body;
          if (!bodyAt.has(o) || at < bodyAt.get(o)) bodyAt.set(o, at);
        }
      });
      scores = next;
    });
    var hits = Array.from(scores.keys());
    hits.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
    return { words: words, hits: hits, bodyAt: bodyAt };
  }

  // The postings of every gram of the query: one fetch per bucket, in parallel.
  function loadBuckets(query, buckets, version) {
    var needed = {};
    terms(query).forEach(function (w) {
      termGrams(w).forEach(function (g) { needed[bucketOf(g, buckets)] = true; });
    });
    return Promise.all(Object.keys(needed).map(function (k) {
      return load("g/" + k + ".json", version);
    })).then(function (parts) { return Object.assign.apply(null, [{}].concat(parts)); });
  }

  // The display records of the given ordinals.
  async function records(meta, ordinals) {
    var ks = {};
    ordinals.forEach(function (o) { ks[lastAtMost(meta.chunks, o)] = true; });
    var chunks = {};
    await Promise.all(Object.keys(ks).map(function (k) {
      return load("r/" + k + ".json", meta.v).then(function (c) { chunks[k] = c; });
    }));
    return ordinals.map(function (o) {
      var k = lastAtMost(meta.chunks, o);
      return chunks[k][o - meta.chunks[k]];
    });
  }

  // The body text around folded offset `at` of document d: its block and the next.
  function bodyText(meta, d, at) {
    var j = Math.min(Math.floor(at / meta.block), d.nb - 1);
    var ks = [j].concat(j + 1 < d.nb ? [j + 1] : []);
    return Promise.all(ks.map(function (k) { return load("t/" + (d.blk + k) + ".json", meta.v); }))
      .then(function (parts) { return (j > 0 ? "…" : "") + parts.join(""); });
  }

  // ------------------------------------------------------------ rendering

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // s with every occurrence of the words marked; cut to a window around the
  // first one when s is longer than `width` characters.
  function highlight(s, words, width) {
    var fm = foldMap(s), spans = [];
    words.forEach(function (w) {
      for (var at = fm.text.indexOf(w); at >= 0; at = fm.text.indexOf(w, at + 1)) {
        spans.push([fm.map[at], fm.map[at + w.length - 1] + 1]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var from = 0, to = s.length;
    if (width && s.length > width) {
      from = spans.length ? Math.max(0, spans[0][0] - Math.floor(width / 4)) : 0;
      to = Math.min(s.length, from + width);
    }
    var html = from > 0 ? "…" : "", pos = from;
    spans.forEach(function (sp) {
      var a = Math.max(sp[0], pos), b = Math.min(sp[1], to);
      if (a >= b) return;
      html += escapeHtml(s.slice(pos, a)) + "<mark>" + escapeHtml(s.slice(a, b)) + "</mark>";
      pos = b;
    });
    html += escapeHtml(s.slice(pos, to)) + (to < s.length ? "…" : "");
    return html;
  }

  function matching(list, words) {
    return list.filter(function (x) {
      var f = fold(x);
      return words.some(function (w) { return f.indexOf(w) >= 0; });
    });
  }

  function renderHit(rec, doc, words, body) {
    var li = document.createElement("li");
    li.className = "gb-hit gb-hit--" + (rec.k === "t" ? "task" : "document");
    li.dataset.id = rec.i;
    var href = new URL(rec.u, ROOT).href;
    var meta, head;
    if (rec.k === "t") {
      head = "任务 " + escapeHtml(rec.n || "") + " · " + highlight(doc.doc_number || "", words);
      body = highlight(rec.x, words, 160);
      meta = [escapeHtml(doc.jurisdiction || ""), doc.year ? doc.year + "年" : ""];
    } else {
      head = "文件 · " + highlight(doc.title || doc.doc_number, words);
      body = body ? highlight(body, words, 160) : "";
      meta = [escapeHtml(doc.jurisdiction || ""), highlight(doc.doc_number || "", words),
        escapeHtml(doc.date || "")].concat((rec.R || []).map(function (r) { return highlight(r, words); }));
    }
    meta = meta.filter(Boolean);
    var extra = "";
    var units = rec.k === "t" ? rec.U : matching(rec.U, words);
    if (units.length) extra += "<span>单位：" + units.map(function (u) { return highlight(u, words); }).join("、") + "</span>";
    if (rec.L.length) extra += "<span>领导：" + rec.L.map(function (p) { return highlight(p, words); }).join("、") + "</span>";
    li.innerHTML = '<a class="gb-hit__title" href="' + escapeHtml(href) + '">' + head + "</a>" +
      '<div class="gb-hit__meta">' + meta.join(" · ") + "</div>" +
      (body ? '<div class="gb-hit__text">' + body + "</div>" : "") +
      (extra ? '<div class="gb-hit__units">' + extra + "</div>" : "");
    return li;
  }

  function pageUrl(params, page) {
    var p = new URLSearchParams(params);
    if (page > 1) p.set("page", page); else p.delete("page");
    return "?" + p.toString();
  }

  async function render(meta, state, params) {
    var hits = state.hits, total = hits.length;
    var pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    var page = Math.min(Math.max(1, parseInt(params.get("page"), 10) || 1), pages);
    var status = document.getElementById("gb-status");
    var list = document.getElementById("gb-results");
    var pager = document.getElementById("gb-pager");
    list.innerHTML = "";
    pager.innerHTML = "";
    if (!state.words.length && !FILTERS.some(function (k) { return params.get(k); })) {
      status.textContent = "请输入要查找的词语，多个词用空格分开。";
      return;
    }
    status.innerHTML = "共 <strong>" + total + "</strong> 条结果" +
      (pages > 1 ? "，第 " + page + " / " + pages + " 页" : "");
    list.start = (page - 1) * PAGE_SIZE + 1;
    var ordinals = hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    var both = await Promise.all([records(meta, ordinals), Promise.all(ordinals.map(function (o) {
      var d = meta.docs[lastAtMost(meta.docStarts, o)];
      return state.bodyAt.has(o) ? bodyText(meta, d, state.bodyAt.get(o)) : "";
    }))]);
    var shown = both[0], bodies = both[1];
    shown.forEach(function (rec, i) {
      list.appendChild(renderHit(rec, meta.docs[rec.d], state.words, bodies[i]));
    });
    if (pages > 1) {
      var html = page > 1 ? '<a class="gb-prev" rel="prev" href="' + escapeHtml(pageUrl(params, page - 1)) + '">上一页</a>' : "";
      html += '<span class="gb-page">第 ' + page + " / " + pages + " 页</span>";
      if (page < pages) html += '<a class="gb-next" rel="next" href="' + escapeHtml(pageUrl(params, page + 1)) + '">下一页</a>';
      pager.innerHTML = html;
    }
  }

  // ------------------------------------------------------------ page wiring

  function fillFilters(meta, form) {
    function options(select, values, label) {
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = typeof v === "object" ? v.id : String(v);
        o.textContent = label ? label(v) : String(v);
        select.appendChild(o);
      });
    }
    options(form.elements.jurisdiction, meta.jurisdictions);
    options(form.elements.year, meta.years);
    options(form.elements.document, meta.docs, function (d) {
      var t = d.title || "";
      return (d.doc_number ? d.doc_number + " " : "") + (t.length > 30 ? t.slice(0, 30) + "…" : t);
    });
    // unit and official names come with their filter lists, loaded when the field is first used
    [["unit", "units"], ["official", "officials"]].forEach(function (f) {
      var input = form.elements[f[0]], filled = false;
      function fill() {
        if (filled) return;
        filled = true;
        load("f/" + f[1] + ".json", meta.v).then(function (lists) {
          var dl = document.getElementById("gb-" + f[1]);
          Object.keys(lists).forEach(function (v) {
            var o = document.createElement("option"); o.value = v; dl.appendChild(o);
          });
        });
      }
      input.addEventListener("focus", fill);
      input.addEventListener("input", fill);
    });
  }

  // The form and the header box show what the address asks for.
  function setForm(form, params) {
    form.elements.q.value = params.get("q") || "";
    FILTERS.forEach(function (k) { form.elements[k].value = params.get(k) || ""; });
    var header = document.querySelector(".gb-header-search input[name=q]");
    if (header) header.value = params.get("q") || "";
    if (params.get("q")) document.title = params.get("q") + " - 搜索";
  }

  var metaPromise = null;
  async function run() {
    var t0 = performance.now();
    var params = new URLSearchParams(location.search);
    var status = document.getElementById("gb-status");
    var root = document.getElementById("gb-search");
    root.dataset.state = "busy";
    try {
      var query = params.get("q") || "";
      // the postings need only the bucket count, so they load alongside meta.json
      var bucketsReady = loadBuckets(query, parseInt(root.dataset.buckets, 10), root.dataset.v);
      var first = !metaPromise;
      metaPromise = metaPromise || load("meta.json").then(function (meta) {
        meta.docStarts = meta.docs.map(function (d) { return d.start; });
        return meta;
      });
      var meta = await metaPromise;
      if (meta.buckets !== parseInt(root.dataset.buckets, 10) || meta.v !== root.dataset.v) {
        bucketsReady = loadBuckets(query, meta.buckets, meta.v);  // page and index out of step
      }
      var filters = {};
      FILTERS.forEach(function (k) { filters[k] = params.get(k) || ""; });
      var state = await search(meta, query, filters, bucketsReady);
      await render(meta, state, params);
      var shownAt = performance.now();
      var form = document.getElementById("gb-search-form");
      if (first) fillFilters(meta, form);
      setForm(form, params);
      window.gbSearch = {
        query: query, count: state.hits.length, ms: shownAt - t0, sinceNavigation: shownAt,
        // for tests: every hit's id, best first (loads the chunks of all hits)
        ids: function () {
          return records(meta, state.hits).then(function (rs) { return rs.map(function (r) { return r.i; }); });
        },
      };
      root.dataset.state = "done";
    } catch (err) {
      status.textContent = "搜索出错：" + err.message;
      root.dataset.state = "error";
      throw err;
    }
  }

  function submit(event) {
    event.preventDefault();
    var form = event.target, p = new URLSearchParams();
    var q = form.elements.q.value.trim();
    if (q) p.set("q", q);
    FILTERS.forEach(function (k) { var v = form.elements[k].value; if (v) p.set(k, v); });
    history.pushState(null, "", "?" + p.toString());
    run();
  }

  document.getElementById("gb-search-form").addEventListener("submit", submit);
  document.getElementById("gb-search-form").addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") event.target.form.requestSubmit();
  });
  document.getElementById("gb-pager").addEventListener("click", function (event) {
    var a = event.target.closest("a");
    if (!a) return;
    event.preventDefault();
    history.pushState(null, "", a.getAttribute("href"));
    run();
    document.getElementById("gb-search").scrollIntoView();
  });
  window.addEventListener("popstate", run);
  run();
})();
