// Search with the Pagefind index of this page's edition (its language is the page's <html lang>):
// as one types in the header's form, and every result of ?q= on the Search page. Without this
// script the forms open the Search page, which lists every indicator and story. Readers may type
// Vietnamese with or without its marks: the query is folded to bare letters, and the index spells
// đ as ḍ, which Pagefind folds to d (see sitegen/render/search.py); what is shown spells it đ
// again. A figure is a heading of its indicator page (kind "indicator"), so it comes once however
// many stories cite it. Down arrow goes from the box to the results.

const MAX_FIGURES = 3;
const MAX_PAGES = 8;
const RANKED = 20; // results whose text is read to put exact marks and figures first
const PAGE = 20; // results the Search page adds at a time

/** Vietnamese without its marks: "Định Bắc Kạn" -> "Dinh Bac Kan" (sitegen.render.search.fold does the same). */
export function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/** Text from the index as readers write it: ḍ back to đ. */
export function shown(text) {
  return text.normalize("NFC").replace(/\u1E0D/g, "đ").replace(/\u1E0C/g, "Đ");
}

/** A text's words, lower case, as written (marks kept) or folded. */
function words(text, folded = true) {
  const plain = shown(text || "").toLowerCase();
  return (folded ? fold(plain) : plain).split(/[\s:,()“”"·.;!?]+/).filter(Boolean);
}

/** How many of the query's marked words a text has with the very same marks ("ký" is not "kỳ"). */
export function exactness(text, query) {
  const marked = words(query, false).filter((w) => fold(w) !== w);
  if (!marked.length) return 0;
  const have = words(text, false);
  return marked.filter((w) => have.some((h) => h.startsWith(w))).length;
}

/** The figures on an indicator page: its headings with ids (h3), each with the indicator's names. */
function figuresOf(d) {
  if (d.meta.kind !== "indicator") return [];
  return (d.anchors || []).filter((a) => a.element === "h3" && a.id && a.text)
    .map((a) => ({ url: `${d.url}#${a.id}`, title: shown(a.text).trim(), indicator: d.meta.title, other: d.meta.other }));
}

/** A figure answers a query that names its indicator (and maybe its province, value or period), all words found. */
function answers(f, query) {
  const has = (haystack, word) => haystack.some((w) => w.startsWith(word));
  const label = [...words(f.indicator), ...words(f.other)];
  const all = [...label, ...words(f.title)];
  const asked = words(query);
  return asked.every((w) => has(all, w)) && asked.some((w) => has(label, w));
}

/** The share of a figure's indicator name (in either language) the query's words cover. */
function coverage(f, query) {
  const asked = words(query);
  const fit = (label) => label.filter((w) => asked.some((q) => w.startsWith(q))).length / (label.length || 1);
  return Math.max(fit(words(f.indicator)), fit(words(f.other)));
}

/**
 * What a query finds: every page (the first RANKED read, with exact marks first), the figures that
 * answer it (once each, best first), and the provinces it names that none of them is about.
 */
async function find(pf, query, provinces) {
  const found = await pf.search(fold(query));
  const first = await Promise.all(found.results.slice(0, RANKED).map((r) => r.data()));
  const ranked = first.map((d, at) => ({ d, at, exact: exactness(d.content, query) }))
    .sort((a, b) => b.exact - a.exact || a.at - b.at).map(({ d }) => d);
  const seen = new Set();
  const marked = words(query, false).filter((w) => fold(w) !== w).length;  // "kỳ" asks for no "ký"
  const figures = ranked.flatMap(figuresOf).filter((f) => answers(f, query))
    .filter((f) => exactness(`${f.indicator} ${f.other} ${f.title}`, query) === marked)
    .filter((f) => !seen.has(f.url.split("#")[0] + fold(f.title)) && seen.add(f.url.split("#")[0] + fold(f.title)))
    .map((f, at) => ({ f, at, fit: coverage(f, query) }))
    .sort((a, b) => b.fit - a.fit || a.at - b.at).map(({ f }) => f);
  const asked = words(query);
  const named = provinces.filter((p) => words(p).every((w) => asked.includes(w)));
  const topic = query.trim().split(/\s+/).filter((w) => !named.some((p) => words(p).includes(words(w)[0]))).join(" ");
  // Said only where no page found has a figure of that province at all: never wrong, if sometimes silent.
  const missing = topic ? named.filter((p) => !ranked.some((d) => figuresOf(d).some((f) => f.title.startsWith(p)))) : [];
  return { count: found.results.length, pages: ranked, rest: found.results.slice(RANKED), figures, missing, topic };
}

function setUp(form, page) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-list");
  const strings = form.dataset;
  const provinces = (strings.provinces || "").split("|").filter(Boolean);
  let pagefind = null;
  let asked = 0;
  let timer = 0;

  const load = () => {
    pagefind ??= import(new URL("../pagefind/pagefind.js", import.meta.url).href).then(async (pf) => {
      await pf.init();
      return pf;
    });
    return pagefind;
  };

  const clear = () => {
    list.replaceChildren();
    list.hidden = true;
    status.textContent = "";
  };

  const counted = (count, query) => {
    const said = count === 0 ? strings.none : count === 1 ? strings.one : strings.other;
    return said.replace("{n}", count.toLocaleString(document.documentElement.lang)).replace("{q}", query);
  };

  const noFigures = (found, said) => found.missing.map((p) => (said.endsWith(".") ? " " : ". ") + strings.noFigures
    .replace("{province}", p).replace("{topic}", found.topic)).join("");

  const run = async () => {
    const query = input.value.trim();
    const mine = ++asked;
    if (!query) return clear();
    let found;
    try {
      found = await find(await load(), query, provinces);
    } catch (error) {
      if (mine === asked) status.textContent = strings.failed;
      throw error;
    }
    if (mine !== asked) return; // a newer query is on its way
    const all = new URL(form.action);
    all.searchParams.set("q", query);
    const more = element("li", "search-hit search-more-link");
    more.append(link(all.href, strings.all.replace("{n}", found.count.toLocaleString(document.documentElement.lang))));
    list.replaceChildren(...found.figures.slice(0, MAX_FIGURES).map(figureItem),
      ...found.pages.slice(0, MAX_PAGES).map(pageItem), ...(found.count ? [more] : []));
    list.hidden = list.children.length === 0;
    const said = counted(found.count, query);
    status.textContent = said + noFigures(found, said);
  };

  const figureItem = (f) => {
    const li = element("li", "search-hit search-figure");
    li.append(element("span", "search-kind", strings.figure), " ", link(f.url, shown(f.indicator)), " ",
      element("strong", "search-value", f.title));
    return li;
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("focus", () => load(), { once: true });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && input.value) {
      input.value = "";
      clear();
    } else if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("a")?.focus();
    }
  });
  // Arrow keys move between the results (Tab does too); Escape goes back to the box.
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    const to = { ArrowDown: links[at + 1], ArrowUp: at > 0 ? links[at - 1] : input, Escape: input }[event.key];
    if (to) {
      event.preventDefault();
      to.focus();
    }
  });
  // Enter opens the Search page with every result (the form's own action), as it does without this script.
  if (page) listAll(page, load, provinces, strings, counted, noFigures);
}

/** The Search page: every result of ?q=, PAGE at a time, figures under their indicator page. */
async function listAll(form, load, provinces, strings, counted, noFigures) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-list");
  const more = form.querySelector(".search-more");
  const query = (new URLSearchParams(location.search).get("q") || "").trim();
  input.value = query;
  if (!query) return;
  let found;
  try {
    found = await find(await load(), query, provinces);
  } catch (error) {
    status.textContent = strings.failed;
    throw error;
  }
  const said = counted(found.count, query);
  status.textContent = said + noFigures(found, said);
  const figures = found.figures;
  let waiting = [...found.pages.map((d) => Promise.resolve(d)), ...found.rest.map((r) => r.data())];
  const next = async () => {
    const batch = await Promise.all(waiting.slice(0, PAGE));
    waiting = waiting.slice(PAGE);
    list.append(...batch.map((d) => {
      const li = pageItem(d);
      const mine = figures.filter((f) => f.url.split("#")[0] === d.url);
      if (mine.length) {
        const sub = element("ul", "search-figures");
        sub.append(...mine.map((f) => {
          const item = element("li", "search-figure");
          item.append(element("span", "search-kind", strings.figure), " ", link(f.url, f.title));
          return item;
        }));
        li.append(sub);
      }
      return li;
    }));
    list.hidden = list.children.length === 0;
    more.hidden = waiting.length === 0;
  };
  more.addEventListener("click", next);
  await next();
}

const pageItem = (d) => {
  const li = element("li", "search-hit");
  const title = shown(d.meta.title || d.url);
  li.append(link(d.url, title), excerpt(d.excerpt, title, d.meta.other && shown(d.meta.other)));
  return li;
};

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function link(href, text) {
  const a = element("a", "", text);
  a.href = href;
  return a;
}

/**
 * Pagefind's excerpt ("… <mark>word</mark> …", only < and > escaped) as text and <mark> nodes,
 * without the names the link above it already shows (the page's title, the other edition's name):
 * the end of one where the excerpt begins, or else the first place it is whole.
 */
export function excerpt(html, ...names) {
  const tokens = html.split(/\s+/).filter(Boolean).map((t) => ({
    marked: t.includes("<mark>"),
    text: shown(t.replace(/<\/?mark>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")),
  }));
  const bare = (w) => w.replace(/[.,:;·]+$/, "");
  for (const name of names.filter(Boolean)) {
    const said = name.split(/\s+/).map(bare);
    const from = (at, k) => said.slice(k).every((w, i) => tokens[at + i] && bare(tokens[at + i].text) === w);
    const end = said.findIndex((_, k) => from(0, k));
    const at = tokens.findIndex((_, i) => from(i, 0));
    if (end >= 0) tokens.splice(0, said.length - end);
    else if (at >= 0) tokens.splice(at, said.length);
  }
  while (tokens.length && !/[\p{L}\p{N}]/u.test(tokens[0].text)) tokens.shift();
  const p = element("p", "search-excerpt");
  tokens.forEach((t, i) => p.append(i ? " " : "", t.marked ? element("mark", "", t.text) : t.text));
  return p;
}

if (typeof document !== "undefined") {
  const header = document.querySelector("form.search:not(.search-page)");
  if (header) setUp(header, document.querySelector("form.search-page"));
}
