// Pieces every desk uses: a table of items, a section that refreshes itself in place (keeping
// the keyboard where it was), facts as a definition list, a form whose submit calls the API, and
// the fields several forms share (a group of checkboxes, a TLP marking, an agency to send to).

import { h, fill, failure, announce } from "./dom.js";

/** A table: `columns` are `[heading, cell(item)]`; an empty list says `empty`. */
export function table(caption, columns, items, { empty = "Nothing here.", urgent = () => false } = {}) {
  if (!items.length) return h("p", { class: "muted" }, empty);
  return h(
    "table",
    {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map(([heading]) => h("th", { scope: "col" }, heading)))),
    h("tbody", {}, items.map((item) => h(
      "tr",
      { class: urgent(item) ? "urgent" : "" },
      columns.map(([, cell]) => h("td", {}, cell(item))),
    ))),
  );
}

/**
 * Turns, for what draws when an answer comes: `const turn = turns();` then, at each read,
 * `const mine = turn();` and after the answer `if (!mine()) return;`. Only the latest turn
 * draws: an earlier read that answers late (a slow one, then a quick one after the next event
 * or click) never shows over it.
 */
export function turns() {
  let newest = 0;
  return () => {
    const taken = ++newest;
    return () => taken === newest;
  };
}

/**
 * A section with a heading whose body `load()` builds; `refresh()` builds it again and puts the
 * focus back on the control that had it (same `data-key`), so that a new event never throws a
 * keyboard user out of their place. Only the latest refresh draws (`turns`); `load(mine)` is
 * given its turn, for what it keeps besides the nodes it returns.
 */
export function section(id, heading, load) {
  const body = h("div", { id: `${id}-body`, "aria-busy": "true" }, h("p", { class: "muted" }, "Loading…"));
  const node = h("section", { "aria-labelledby": `${id}-heading` }, h("h2", { id: `${id}-heading` }, heading), body);
  const turn = turns();
  const refresh = async () => {
    const mine = turn();
    body.setAttribute("aria-busy", "true");
    let built;
    try {
      built = await load(mine); // what `load` keeps besides what it draws, it keeps if `mine()`
    } catch (error) {
      built = failure(error);
    }
    if (!mine()) return;
    const focused = document.activeElement && node.contains(document.activeElement)
      ? document.activeElement.dataset.key : null;
    fill(body, built);
    body.setAttribute("aria-busy", "false");
    if (focused) {
      const again = body.querySelector(`[data-key="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  };
  return { node, refresh };
}

/** Facts: `[[term, description], …]`; a missing description shows as a dash. */
export function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.map(([term, value]) => [
    h("dt", {}, term),
    h("dd", {}, value === undefined || value === null || value === "" ? "—" : value),
  ]));
}

/** A button that runs `act` once at a time, shows its failure beside it, and says when it is done. */
export function action(label, act, { key, tone = "", done = "" } = {}) {
  const place = h("span", {});
  const button = h("button", { type: "button", class: tone, dataset: key ? { key } : undefined }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    fill(place);
    try {
      await act();
      if (done) announce(done);
    } catch (error) {
      fill(place, failure(error));
      button.disabled = false;
    }
  });
  return h("span", { class: "row" }, button, place);
}

/**
 * A form whose submit calls `act(values, formData)`; its failure is shown in the form, its fields
 * kept. With `reset`, a success empties the fields (a form that stays on the page, as a new note's).
 */
export function form(label, fields, act, { submit = "Send", done = "", reset = false } = {}) {
  const place = h("div", {});
  const node = h("form", { class: "stack", "aria-label": label }, fields, h("div", {}, h("button", { type: "submit" }, submit)), place);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = node.querySelector("button[type=submit]");
    button.disabled = true;
    fill(place);
    try {
      const data = new FormData(node);
      await act(Object.fromEntries(data), data); // `data.getAll(name)` for a field of several values
      if (reset) node.reset();
      if (done) announce(done);
    } catch (error) {
      fill(place, failure(error));
    }
    button.disabled = false;
  });
  return node;
}

/** A labelled field: `field("Reason", "textarea", {name: "reason"})` or a select with `options`. */
export function field(label, kind, props = {}, options = []) {
  const id = `field-${props.name}-${Math.random().toString(36).slice(2, 8)}`;
  const control = kind === "select"
    ? h("select", { id, ...props }, options.map(([value, text]) => h("option", { value }, text)))
    : h(kind, { id, ...(kind === "input" ? { type: "text" } : {}), ...props });
  return h("div", { class: "stack" }, h("label", { for: id }, label), control);
}

/** Accounts (identifiers) as a list people read: `INSTAGRAM @plug.nyc`. */
export function accounts(items = []) {
  return h("ul", { class: "plain" }, items.map((item) => h("li", {}, [item.service || item.platform, item.value].filter(Boolean).join(" "))));
}

/** Several of `options` (`[[value, text], …]`) under one `legend`: `data.getAll(name)` reads them. */
export function choices(legend, name, options, checked = []) {
  return h("fieldset", {}, h("legend", {}, legend), options.map(([value, text]) => h("label", { class: "row" },
    h("input", { type: "checkbox", name, value, checked: checked.includes(value) }), text)));
}

const TLP = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"];

/** A TLP 2.0 marking, AMBER unless chosen otherwise (as the API's default). */
export function marking(label = "Marking (TLP)") {
  const node = field(label, "select", { name: "tlp" }, TLP.map((tlp) => [tlp, `TLP:${tlp}`]));
  node.querySelector("select").value = "AMBER";
  return node;
}

/**
 * The agency a case or tip goes to (`name`): chosen among the registry's agencies that take
 * referrals (`directory`, `GET /v1/organisations`), other than `own`; typed as a code when the
 * directory offers none (it could not be read).
 */
export function agencyField(label, name, directory, own) {
  const agencies = (directory || []).filter((org) => org.takes_referrals && org.code !== own);
  return agencies.length
    ? field(label, "select", { name }, agencies.map((org) => [org.code, `${org.code} · ${org.name}`]))
    : field(`${label} (its code in the registry)`, "input", { name, required: true, maxlength: 32, autocomplete: "off" });
}
