// Building the page: elements from data with text nodes only (never HTML strings, so nothing an
// API answer holds can become markup), the live region, and the clocks that count.

/** An element: `h("button", {type: "button", onclick}, "Acknowledge")`. */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name in node && typeof value !== "string") node[name] = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `node` holds. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Says `text` to screen readers (the page's polite live region). */
export function announce(text) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  // A new text node, a moment later: read again even when it repeats.
  setTimeout(() => { region.textContent = text; }, 50);
}

/** A time as people at a desk read it: local, to the minute, with the zone. */
export function when(iso) {
  if (!iso) return "—";
  const at = new Date(iso);
  return h("time", { datetime: iso }, at.toLocaleString(undefined, {
    dateStyle: "medium", timeStyle: "short",
  }));
}

/** A clock that counts down to `due` (and up, in red, once it is past). */
export function clock(due, label = "due") {
  return h("span", { class: "clock", dataset: { due, label } }, remaining(due, label));
}

function remaining(due, label) {
  const left = Math.round((Date.parse(due) - Date.now()) / 1000);
  const span = Math.abs(left);
  const hours = Math.floor(span / 3600);
  const minutes = Math.floor((span % 3600) / 60);
  const seconds = span % 60;
  const text = hours > 48
    ? `${Math.floor(hours / 24)} d ${hours % 24} h`
    : `${hours ? hours + " h " : ""}${String(minutes).padStart(2, "0")} min ${String(seconds).padStart(2, "0")} s`;
  return left >= 0 ? `${text} left` : `${text} past ${label}`;
}

/** A clock that counts up from `since`: "unowned for 6 min 10 s". */
export function elapsed(since, label) {
  return h("span", { class: "clock", dataset: { since, label } }, sinceText(since, label));
}

function sinceText(since, label) {
  const span = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000));
  const hours = Math.floor(span / 3600);
  const minutes = Math.floor((span % 3600) / 60);
  return `${label} ${hours ? hours + " h " : ""}${minutes} min ${String(span % 60).padStart(2, "0")} s`;
}

/** Every clock on the page, once a second; screen readers are not told each tick (no live region). */
export function startClocks() {
  setInterval(() => {
    for (const node of document.querySelectorAll(".clock[data-since]")) {
      node.textContent = sinceText(node.dataset.since, node.dataset.label);
    }
    for (const node of document.querySelectorAll(".clock[data-due]")) {
      const left = Date.parse(node.dataset.due) - Date.now();
      node.textContent = remaining(node.dataset.due, node.dataset.label);
      node.classList.toggle("late", left < 0);
      node.classList.toggle("soon", left >= 0 && left < 5 * 60 * 1000);
    }
  }, 1000);
}

/** A problem (RFC 9457) or any failure, shown where it happened and announced. */
export function failure(error) {
  const text = error && error.title
    ? `${error.title}: ${error.detail || ""}${error.reason ? ` (reason: ${error.reason})` : ""}`
    : String(error);
  announce(text);
  return h("p", { class: "error", role: "alert" }, text);
}

/** A status as a badge. */
export function badge(text, tone = "") {
  return h("span", { class: `badge ${tone}` }, String(text).replaceAll("_", " "));
}
