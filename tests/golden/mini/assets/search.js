// Search as you type in the header's form, with the Pagefind index of this page's edition (its
// language is the page's <html lang>). Without this script the form opens the Search page, which
// lists every indicator and story. Readers may type Vietnamese with or without its marks: the
// query is folded to bare letters, and the index spells đ as ḍ, which Pagefind folds to d
// (see sitegen/search.py); what is shown spells it đ again. Down arrow goes from the box to the
// results.

const MAX_FIGURES = 3;
const MAX_PAGES = 8;

/** Vietnamese without its marks: "Định Bắc Kạn" -> "Dinh Bac Kan" (sitegen.search.fold does the same). */
export function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/** Text from the index as readers write it: ḍ back to đ. */
export function shown(text) {
  return text.normalize("NFC").replace(/\u1E0D/g, "đ").replace(/\u1E0C/g, "Đ");
}

const form = typeof document === "undefined" ? null : document.querySelector("form.search");
if (form) setUp(form);

function setUp(form) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-list");
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

  const run = async () => {
    const query = input.value.trim();
    const mine = ++asked;
    if (!query) return clear();
    let figures, pages, count;
    try {
      // Figures and pages are searched apart: a short figure outranks any page that says more.
      const pf = await load();
      const folded = fold(query);
      const [figureHits, pageHits] = await Promise.all([
        pf.search(folded, { filters: { kind: "figure" } }),
        pf.search(folded, { filters: { not: { kind: "figure" } } }),
      ]);
      const candidates = await Promise.all(figureHits.results.slice(0, 20).map((r) => r.data()));
      // Of the figures that answer, those whose indicator the query names most fully come first.
      figures = candidates.filter((d) => answers(d, query))
        .map((d, at) => ({ d, at, fit: coverage(d, query) }))
        .sort((a, b) => b.fit - a.fit || a.at - b.at)
        .map(({ d }) => d).slice(0, MAX_FIGURES);
      pages = await Promise.all(pageHits.results.slice(0, MAX_PAGES).map((r) => r.data()));
      count = figures.length + pageHits.results.length;
    } catch (error) {
      if (mine === asked) status.textContent = form.dataset.failed;
      throw error;
    }
    if (mine !== asked) return; // a newer query is on its way
    list.replaceChildren(...figures.map(figureItem), ...pages.map(pageItem));
    list.hidden = list.children.length === 0;
    const words = count === 0 ? form.dataset.none : count === 1 ? form.dataset.one : form.dataset.other;
    status.textContent = words.replace("{n}", count.toLocaleString(document.documentElement.lang))
      .replace("{q}", query);
  };

  const figureItem = (d) => {
    const li = element("li", "search-hit search-figure");
    li.append(element("span", "search-kind", form.dataset.figure), " ",
      link(d.url, shown(d.meta.title)), " ", element("strong", "search-value", shown(d.meta.value)));
    if (d.meta.period) li.append(" ", element("span", "when", shown(d.meta.period)));
    return li;
  };

  const pageItem = (d) => {
    const li = element("li", "search-hit");
    li.append(link(d.url, shown(d.meta.title || d.url)), excerpt(d.excerpt));
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
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  const given = new URLSearchParams(location.search).get("q");
  if (given && location.pathname.endsWith("/search/")) {
    input.value = given;
    run();
  }
}

/** A figure answers a query that names its indicator (and maybe its province, value or period), all words found. */
function answers(d, query) {
  if (d.meta.kind !== "figure") return false;
  const words = (text) => fold(shown(text || "")).toLowerCase().split(/[\s:,()]+/).filter(Boolean);
  const has = (haystack, word) => haystack.some((w) => w.startsWith(word));
  const label = [...words(d.meta.indicator), ...words(d.meta.other)];
  const all = [...label, ...words(d.meta.province), ...words(d.meta.value), ...words(d.meta.period)];
  const asked = words(query);
  return asked.every((w) => has(all, w)) && asked.some((w) => has(label, w));
}

/** The share of a figure's indicator name (in either language) the query's words cover. */
function coverage(d, query) {
  const words = (text) => fold(shown(text || "")).toLowerCase().split(/[\s:,()“”"]+/).filter(Boolean);
  const asked = words(query);
  const fit = (label) => label.filter((w) => asked.some((q) => w.startsWith(q))).length / (label.length || 1);
  return Math.max(fit(words(d.meta.indicator)), fit(words(d.meta.other)));  // either edition's name
}

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

/** Pagefind's excerpt ("… <mark>word</mark> …", only < and > escaped) as text and <mark> nodes. */
function excerpt(html) {
  const p = element("p", "search-excerpt");
  let marked = false;
  for (const part of html.split(/(<\/?mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
    } else if (part) {
      const text = shown(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      p.append(marked ? element("mark", "", text) : text);
    }
  }
  return p;
}
