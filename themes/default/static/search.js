// Search page of the OCOP catalogue: ocop's search runtime, with the
// state of the search in the address (?q=…&tinh=…&nhom=…&sao=…&loai=…) so a
// search can be shared and the back button works.
const root = document.querySelector(".search-page");
const form = root.querySelector(".search-form");
const input = form.querySelector("#q");
const status = root.querySelector(".search-status");
const list = root.querySelector(".search-results");
const more = root.querySelector(".search-more");
const suggestions = root.querySelector(".search-suggestions");
const FILTERS = ["tinh", "nhom", "sao", "loai"];
// Interface strings of the page's language, from the theme's i18n files.
const STRINGS = JSON.parse(root.dataset.strings || "{}");
const tr = (key, args = {}) =>
  (STRINGS[key] || key).replace(/\{(\w+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
const LABELS = {
  tinh: tr("js_filter_province"),
  nhom: tr("js_filter_group"),
  sao: tr("js_filter_stars"),
  loai: tr("js_filter_kind"),
};
const PAGE = 12;

let index = null;
let shown = [];
let serial = 0;

// What people type: any case, any or no tones, đ or d.
const fold = (text) =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") || "" };
  for (const name of FILTERS) state[name] = params.get(name) || "";
  return state;
}

function formState() {
  const data = new FormData(form);
  const state = { q: (data.get("q") || "").toString() };
  for (const name of FILTERS) state[name] = (data.get(name) || "").toString();
  return state;
}

function writeForm(state) {
  input.value = state.q;
  for (const name of FILTERS) {
    for (const field of form.querySelectorAll(`[name="${name}"]`)) {
      if (field.type === "radio") field.checked = field.value === state[name];
      else field.value = state[name];
    }
  }
}

function addressOf(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

function filtersOf(state) {
  const filters = {};
  for (const name of FILTERS) if (state[name]) filters[name] = state[name];
  return filters;
}

// Marks the words of the query in `text`, comparing folded forms so that
// "nuoc" marks "Nước". Builds DOM nodes: nothing from the index is parsed as HTML.
function highlighted(text, query) {
  const fragment = document.createDocumentFragment();
  const terms = fold(query).split(/\s+/).filter((t) => t.length > 0);
  if (!terms.length) {
    fragment.append(text);
    return fragment;
  }
  for (const word of text.split(/(\s+)/)) {
    if (matches(word, terms)) {
      const mark = document.createElement("mark");
      mark.textContent = word;
      fragment.append(mark);
    } else {
      fragment.append(word);
    }
  }
  return fragment;
}

// Whether a word of a description is one the query asked for: a term
// begins it ("nuoc" in "Nước"), or, for stemmed languages, the two differ
// only by an ending ("teas" and "tea").
function matches(word, terms) {
  const folded = fold(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  if (!folded) return false;
  return terms.some(
    (t) => folded.startsWith(t) || (folded.length >= 3 && t.startsWith(folded) && t.length - folded.length <= 2),
  );
}

// The words of a description around the first one the query matched, so
// that a long description shows why it was found. Only what the producer
// wrote: the index's own aids (the repeated names and
// places it files a record under) never reach the page.
const SNIPPET_WORDS = 28;
function snippet(text, query) {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const terms = fold(query).split(/\s+/).filter((t) => t.length > 0);
  const first = words.findIndex((w) => matches(w, terms));
  const start = first < 0 ? 0 : Math.max(0, Math.min(first - 6, words.length - SNIPPET_WORDS));
  const end = Math.min(words.length, start + SNIPPET_WORDS);
  return (start > 0 ? "… " : "") + words.slice(start, end).join(" ") + (end < words.length ? " …" : "");
}

function stars(count, potential) {
  const badge = document.createElement("span");
  badge.className = `stars stars-${count}`;
  badge.setAttribute("role", "img");
  badge.setAttribute("aria-label", tr("stars_label", { stars: count }) + (potential ? tr("potential_5_star_suffix") : ""));
  const glyphs = document.createElement("span");
  glyphs.setAttribute("aria-hidden", "true");
  glyphs.textContent = "★".repeat(count) + "☆".repeat(5 - count);
  badge.append(glyphs);
  return badge;
}

function resultItem(data, query) {
  const meta = data.meta || {};
  const item = document.createElement("li");
  item.className = "search-result";
  const link = document.createElement("a");
  link.href = data.url;
  const thumb = document.createElement("span");
  thumb.className = "search-thumb";
  if (meta.image) {
    const img = document.createElement("img");
    img.src = meta.image;
    img.alt = "";
    img.width = 80;
    img.height = 60;
    img.loading = "lazy";
    img.decoding = "async";
    thumb.append(img);
  }
  link.append(thumb);
  const body = document.createElement("span");
  body.className = "search-body";
  const title = document.createElement("span");
  title.className = "search-title";
  title.append(highlighted(meta.title || data.url, query));
  body.append(title);
  const details = document.createElement("span");
  details.className = "search-meta";
  if (meta.kind === "Chủ thể") {
    details.append(tr("js_producer_details", { province: meta.province || "", count: meta.count || 0 }));
  } else {
    details.append(highlighted(meta.producer || "", query), ` · ${meta.province || ""} · ${meta.group || ""}`);
  }
  body.append(details);
  if (meta.stars) {
    const line = document.createElement("span");
    line.className = "search-meta";
    line.append(stars(Number(meta.stars), meta.potential === "1"));
    if (meta.price) line.append(` ${meta.price}`);
    body.append(line);
  }
  if (meta.summary && query.trim()) {
    const text = document.createElement("span");
    text.className = "search-excerpt";
    text.append(highlighted(snippet(meta.summary, query), query));
    body.append(text);
  }
  link.append(body);
  item.append(link);
  return item;
}

async function showMore(query) {
  const batch = shown.splice(0, PAGE);
  const mine = serial;
  const data = await Promise.all(batch.map((r) => r.data()));
  if (mine !== serial) return;
  for (const d of data) list.append(resultItem(d, query));
  more.hidden = shown.length === 0;
}

// Writes the counts beside the options; an option that would give no
// result says so and cannot be chosen (unless it is the one chosen).
function updateCounts(counts) {
  const number = (n) => n.toLocaleString(tr("number_locale"));
  for (const name of FILTERS) {
    const values = (counts && counts[name]) || {};
    for (const option of form.querySelectorAll(`option[value][data-count], input[name="${name}"][data-count]`)) {
      const field = option.tagName === "OPTION" ? option.parentElement.closest("select") : option;
      if (!field || field.getAttribute("name") !== name) continue;
      const count = values[option.value] ?? 0;
      const chosen = option.tagName === "OPTION" ? option.selected : option.checked;
      option.disabled = count === 0 && !chosen;
      if (option.tagName === "OPTION") {
        option.textContent = `${option.dataset.label || option.value} (${number(count)})`;
      } else {
        const label = option.closest("label");
        label.classList.toggle("option-empty", count === 0);
        const shown = label.querySelector(".option-count");
        if (shown) shown.textContent = `(${number(count)})`;
      }
    }
  }
}

function offerToDropFilters(state) {
  suggestions.replaceChildren();
  const active = FILTERS.filter((name) => state[name]);
  if (!active.length) {
    suggestions.hidden = true;
    return;
  }
  const text = document.createElement("p");
  text.textContent = tr("js_no_results_filters");
  suggestions.append(text);
  for (const name of active) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = tr("js_remove_filter", { filter: LABELS[name], value: state[name] });
    button.addEventListener("click", () => run({ ...state, [name]: "" }, "push"));
    suggestions.append(button);
  }
  if (active.length > 1) {
    const all = document.createElement("button");
    all.type = "button";
    all.className = "button";
    all.textContent = tr("js_remove_all");
    all.addEventListener("click", () => run({ q: state.q, tinh: "", nhom: "", sao: "", loai: "" }, "push"));
    suggestions.append(all);
  }
  suggestions.hidden = false;
}

async function run(state, history) {
  const mine = ++serial;
  writeForm(state);
  if (history === "push") window.history.pushState(state, "", addressOf(state));
  else if (history === "replace") window.history.replaceState(state, "", addressOf(state));
  const filters = filtersOf(state);
  if (!state.q.trim() && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    suggestions.hidden = true;
    status.textContent = tr("js_prompt");
    return;
  }
  status.textContent = tr("js_searching");
  if (!index) {
    const runtime = await import(root.dataset.bundle);
    index = await runtime.open(root.dataset.language);
  }
  // The counts beside each option come with the results: how many results
  // choosing it would give, with the query and the other filters as they are.
  const search = await index.search(state.q, filters);
  if (mine !== serial) return;
  list.replaceChildren();
  shown = search.results.slice();
  updateCounts(search.counts);
  await showMore(state.q);
  if (mine !== serial) return;
  // The status is set last: it tells assistive technology (and tests) that
  // the results are on the page.
  const total = search.results.length;
  const count = total.toLocaleString(tr("number_locale"));
  status.textContent = total
    ? tr(state.q ? "js_results_for" : "js_results", { count, q: state.q })
    : tr(state.q ? "js_none_for" : "js_none", { q: state.q });
  if (total) suggestions.hidden = true;
  else offerToDropFilters(state);
}

let typing = null;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => run(formState(), "replace"), 200);
});
form.addEventListener("change", (event) => {
  if (event.target !== input) run(formState(), "push");
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  run(formState(), "push");
});
more.addEventListener("click", () => showMore(input.value));
window.addEventListener("popstate", () => run(readState(), null));
// The header's search link on phones leads here: the box is what it is for.
if (location.hash === "#q") input.focus();
run(readState(), null);
