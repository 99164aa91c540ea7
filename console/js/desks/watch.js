// The watch floor: the center's unresolved conflicts, most urgent (earliest start) first, on a
// list and a map, with their clocks (unowned for how long, time to the earlier start, contact
// confirmed per side); the list's filter shows one state instead, resolved and cleared ones
// included (`?state=`); a conflict's page owns, hands over (to a person picked from the center's
// persons for its administrators, by person id for the others, who may not list them), notifies,
// records the outcome and reads the history (`/v1/conflicts`). Each conflict's event in the
// center's feed reads the list and the map again, and says when a new conflict arrives. The
// alerts the center's clocks raise (`Conflict Unowned`, `Conflict Contact Overdue`, from its feed)
// stand as notices above the list while they still hold, and are said when they arrive. An
// agency's side of the same conflicts (who owns it, confirm contact, ask for an exigent waiver and,
// for a commander of the same agency, concur) is `agencyConflicts`, on the agency desk.

import { all, get, getAs, post, withQuery } from "../api.js";
import { h, when, clock, elapsed, badge, announce } from "../dom.js";
import { table, section, action, form, field, facts } from "../parts.js";
import { conflictMap } from "../map.js";

const words = (text) => String(text || "").replaceAll("_", " ");
const OUTCOMES = ["joint", "proceed", "delayed", "cancelled"];
const DONE = new Set(["resolved", "cleared"]);
/** The floor's filter: every unresolved conflict (the API's default), or those in one state. */
const STATES = [["", "Unresolved (every state but resolved and cleared)"], ["open", "Open"], ["owned", "Owned"],
  ["notified", "Notified"], ["contacted", "Contacted"], ["resolved", "Resolved"], ["cleared", "Cleared (an operation moved or ended)"]];

/** The two sides in a line: `DEA controlled buy ↔ ATF controlled buy`. */
const sides = (item) => `${item.first.org} ${words(item.first.kind)} and ${item.second.org} ${words(item.second.kind)}`;

/** Who has it, or for how long nobody has. */
function owner(item) {
  if (item.owned_by_name || item.owned_by) return item.owned_by_name || item.owned_by;
  if (DONE.has(item.state)) return "—";
  return elapsed(item.detected_at, "unowned for");
}

/** Each side's contact: confirmed when, or not yet. */
function contact(item) {
  return h("ul", { class: "plain" }, [item.first, item.second].map((side) => h("li", {},
    `${side.org}: `, side.contact_confirmed_at ? ["confirmed ", when(side.contact_confirmed_at)] : "not yet")));
}

/** What was decided, and by whom. */
const outcomeOf = (item) => item.outcome && `${words(item.outcome)}${item.resolved_by_org ? ` (by ${item.resolved_by_org})` : ""}`;

/** The exigent waiver as the record has it: who asked, why, and whether a commander concurred. */
function waiverOf(waiver) {
  if (!waiver) return null;
  return [
    `${waiver.org} asked (${waiver.asked_by_name || "an officer"}, `, when(waiver.asked_at), `): ${waiver.reason}. `,
    waiver.concurred_at ? [`Concurred by ${waiver.concurred_by_name || "a commander"}, `, when(waiver.concurred_at), "."]
      : "Waiting for a commander of the agency to concur.",
  ];
}

function startsIn(item) {
  return DONE.has(item.state) ? when(item.starts_at) : clock(item.starts_at, "the start");
}

/**
 * The feed's events of `types` (its 30 days, up to 10 pages of 100), oldest first: the alerts and
 * the `Conflict Opened` events a desk opened later than they came still count.
 */
async function eventsOf(types) {
  const events = [];
  let after;
  for (let pages = 0; pages < 10; pages += 1) {
    const answer = await get(withQuery("/v1/events", { types: types.join(","), after, limit: 100 }));
    events.push(...answer.items);
    after = answer.next_cursor;
    if (answer.items.length < 100 || !after) break;
  }
  return events;
}

/** Both sides confirmed contact. */
const contacted = (item) => Boolean(item.first.contact_confirmed_at && item.second.contact_confirmed_at);

/** The clocks' alerts, each while it still holds of the conflict as it now stands, in words. */
const ALERTS = {
  "Conflict Unowned": {
    holds: (item) => item.state === "open",
    says: (item) => [`Nobody owns the conflict of ${sides(item)}: `, elapsed(item.detected_at, "unowned for")],
  },
  "Conflict Contact Overdue": {
    holds: (item) => !DONE.has(item.state) && !contacted(item),
    says: (item) => [`${item.first.org} and ${item.second.org} have not both confirmed contact; `,
      clock(item.starts_at, "the start")],
  },
};

/** What an alert's event says in the live region: `Alert: contact overdue, DEA and ATF`. */
function alertSaid(event) {
  const orgs = (event.detail || {}).organisations || {};
  const which = event.detail_type === "Conflict Unowned" ? "a conflict nobody owns" : "contact overdue";
  return `Alert: ${which}${orgs.first ? `, ${orgs.first} and ${orgs.second}` : ""}`;
}

/** The alerts that still hold, the latest of each kind per conflict, the earliest start first. */
function alertsSection(view) {
  return section("alerts", "Alerts", async () => {
    const [events, floor] = await Promise.all([eventsOf(Object.keys(ALERTS)), all("/v1/conflicts")]);
    const byId = new Map(floor.map((item) => [item.conflict_id, item]));
    const standing = new Map(); // `${type} ${id}` → the conflict, once per kind and conflict
    for (const event of events) {
      const item = byId.get(event.detail.watched_conflict_id);
      if (item && ALERTS[event.detail_type].holds(item)) standing.set(`${event.detail_type} ${item.conflict_id}`, [event.detail_type, item]);
    }
    const alerts = [...standing.values()].sort(([, a], [, b]) => a.starts_at.localeCompare(b.starts_at));
    if (!alerts.length) return h("p", { class: "muted" }, "No alert stands: every conflict is owned, and contact is on time.");
    return h("ul", { class: "plain" }, alerts.map(([type, item]) => h("li", { class: "notice" },
      h("strong", {}, type.replace("Conflict ", ""), ". "), ALERTS[type].says(item), " ",
      h("button", {
        type: "button", class: "quiet", dataset: { key: `alert-${type}-${item.conflict_id}` },
        onclick: () => openConflict(view, item.conflict_id),
      }, `Open the conflict of ${item.first.org} and ${item.second.org}`))));
  });
}

export const watchDesk = {
  id: "watch",
  name: "Watch floor",
  shownTo: (claims) => claims.scopes.has("conflicts:watch"),

  render(view) {
    let known = null;
    const shown = field("Show", "select", { name: "state" }, STATES);
    const state = shown.querySelector("select");
    const list = section("conflicts", "Conflicts, most urgent first", async () => {
      const items = await all("/v1/conflicts", { state: state.value });
      const finished = DONE.has(state.value);
      if (!state.value) {
        const ids = new Set(items.map((item) => item.conflict_id));
        if (known && [...ids].some((id) => !known.has(id))) announce("New conflict on the watch floor");
        known = ids;
      }
      const label = STATES.find(([value]) => value === state.value)[1];
      return table(
        `${state.value ? `${label} conflicts` : "Unresolved conflicts"} between operations, the earliest start first`,
        [
          ["Starts", startsIn],
          ["State", (item) => badge(item.state, item.state === "open" ? "bad" : "")],
          ["Operations", sides],
          finished ? ["Outcome", outcomeOf] : ["Owner", owner],
          finished ? ["Resolved", (item) => when(item.resolved_at)] : ["Contact confirmed", contact],
          ["", (item) => h("button", {
            type: "button", dataset: { key: `open-${item.conflict_id}` }, onclick: () => openConflict(view, item.conflict_id),
          }, `Open the conflict of ${item.first.org} and ${item.second.org}`)],
        ],
        items,
        {
          empty: state.value ? `No conflict is ${label.toLowerCase()}.` : "No conflict waits on the watch floor.",
          urgent: (item) => item.state === "open",
        },
      );
    });
    state.addEventListener("change", () => list.refresh());
    list.node.querySelector("h2").after(h("div", { class: "row" }, shown));
    const map = section("map", "Map", async () => {
      const collection = await getAs(withQuery("/v1/conflicts", { limit: 100 }), "application/geo+json");
      const count = new Set((collection.features || []).map((feature) => feature.properties.conflict_id)).size;
      return h("figure", { class: "map-frame" },
        conflictMap(collection, `Map of ${count} unresolved conflict${count === 1 ? "" : "s"}: each operation's place and radius`),
        h("figcaption", { class: "muted" }, "Each operation as a point and its radius, on a plain longitude and latitude grid (no map tiles). The list above holds the same conflicts."));
    });
    const alerts = alertsSection(view);
    view.show(`Watch floor · ${view.claims.org}`, alerts.node, list.node, map.node);
    alerts.refresh();
    list.refresh();
    map.refresh();
    view.onEvent((event) => {
      if (!(event.detail_type || "").startsWith("Conflict ")) return;
      if (ALERTS[event.detail_type]) announce(alertSaid(event));
      alerts.refresh(); // an owner or a contact confirmed ends an alert
      list.refresh();
      map.refresh();
    });
  },
};

/** A side's facts on the conflict's page. */
function side(name, one) {
  // An agency reads of the other side whom to call, never its operation (kind, place, window: null).
  const hidden = "not shown to the other agency";
  return [
    h("h3", {}, `${name}: ${one.org}`),
    facts([
      ["Operation", one.kind ? words(one.kind) : hidden],
      ["Where", one.location ? `${one.location.lat}, ${one.location.lon} (radius ${one.location.radius_m} m)` : hidden],
      ["When", one.starts_at ? [when(one.starts_at), " to ", when(one.ends_at)] : hidden],
      ["On-scene contact", [one.contact.name, one.contact.phone].filter(Boolean).join(", ")],
      ["Notified", when(one.notified_at)],
      ["Contact confirmed", one.contact_confirmed_at ? when(one.contact_confirmed_at) : "not yet"],
      ["Outcome agreed", one.agreed && words(one.agreed)],
      ["What it wrote", one.agreed_note],
    ]),
  ];
}

/** The conflict's page for the center's staff (`watch`) or an agency's officer. */
export function openConflict(view, id, { agency = false } = {}) {
  const path = `/v1/conflicts/${encodeURIComponent(id)}`;
  return view.open(async (page) => {
    const found = await get(path);
    const again = () => openConflict(view, id, { agency });
    const step = (label, suffix, body, done) => action(label, async () => {
      await post(`${path}/${suffix}`, body);
      announce(done);
      await again();
    }, { key: suffix });
    const open = !DONE.has(found.state);
    const acts = !open ? [h("p", { class: "muted" }, `Nothing to do: the conflict is ${words(found.state)}.`)] : agency ? [
      step("Confirm contact", "contact", {}, "Contact confirmed"),
      waiverActs(view, found, path, step, again),
    ] : [
      h("div", { class: "row" },
        step("Own it", "own", {}, "You own the conflict"),
        step("Notify both officers", "notify", {}, "Both officers notified")),
      h("h3", {}, "Hand over"),
      form("Hand the conflict over", await taker(view), async (values) => {
        await post(`${path}/handover`, { to: values.to.trim() });
        await again();
      }, { submit: "Hand over", done: "Handed over" }),
    ];
    const outcome = open ? [
      h("h3", {}, agency ? "Agree to an outcome" : "Record the outcome"),
      agency ? h("p", { class: "muted" }, "The other agency and the watch centers read your note; it stands until either operation changes.") : null,
      form("Record the outcome", [
        field("Outcome", "select", { name: "outcome" }, OUTCOMES.map((one) => [one, words(one)])),
        field("Note", "textarea", { name: "note", required: true, maxlength: 2000 }),
      ], async (values) => {
        await post(`${path}/resolve`, { outcome: values.outcome, note: values.note });
        await again();
      }, { submit: agency ? "Agree" : "Resolve", done: "Outcome recorded" }),
    ] : [];
    page.show(
      `Conflict of ${found.first.org} and ${found.second.org}`,
      facts([
        ["State", badge(found.state, found.state === "open" ? "bad" : "")],
        ["Watch center", found.center],
        ["Also seen by", found.seen_by],
        ["Found", when(found.detected_at)],
        ["Earlier start", open ? clock(found.starts_at, "the start") : when(found.starts_at)],
        ["Owner", owner(found)],
        ["Outcome", outcomeOf(found)],
        ["Note", found.note],
        ["Exigent waiver", waiverOf(found.waiver)],
      ]),
      side("First operation", found.first),
      side("Second operation", found.second),
      h("h2", {}, "Act"),
      acts,
      outcome,
      h("h2", {}, "History"),
      table("What happened to the conflict, oldest first", [
        ["When", (item) => when(item.at)],
        ["Step", (item) => words(item.step)],
        ["By", (item) => item.org],
        ["Detail", (item) => item.detail],
      ], found.history || [], { empty: "No step yet." }),
    );
  });
}

/**
 * Whom to hand a conflict to: the center's active persons, for an administrator (`GET /v1/people`
 * is theirs); for anyone else, a person id typed in, as the center's administrator gives it, with
 * the persons who have owned the floor's conflicts (unresolved and resolved) offered as they type.
 */
async function taker(view) {
  if (view.claims.scopes.has("people:admin")) {
    const people = (await all("/v1/people")).filter((one) => one.status === "active" && one.subject !== view.claims.sub);
    return field("Person of the center", "select", { name: "to", required: true },
      people.map((one) => [one.person_id, `${one.name}${one.title ? `, ${one.title}` : ""}`]));
  }
  const floor = (await Promise.all([all("/v1/conflicts", {}, 1), all("/v1/conflicts", { state: "resolved" }, 1)])).flat();
  const known = new Map(floor.filter((item) => item.owned_by).map((item) => [item.owned_by, item.owned_by_name || item.owned_by]));
  const suffix = Math.random().toString(36).slice(2, 8);
  const node = field("Person of the center: their person id (30 characters)", "input", {
    name: "to", required: true, minlength: 30, maxlength: 30, autocomplete: "off", spellcheck: false,
    list: `owners-${suffix}`, "aria-describedby": `hint-to-${suffix}`,
  });
  node.append(
    h("datalist", { id: `owners-${suffix}` }, [...known].map(([id, name]) => h("option", { value: id, label: name }))),
    h("p", { id: `hint-to-${suffix}`, class: "muted" },
      "Only your center's administrators may list its persons: ask one for the person id, or pick one of those who have owned a conflict here."),
  );
  return node;
}

/**
 * An agency's exigent waiver of a conflict it cannot wait to resolve: an officer asks with the
 * circumstance; a second person of the same agency holding `deconfliction:waive` (a commander,
 * signed in with phishing-resistant MFA) concurs; the center and the other agency are told at once.
 */
function waiverActs(view, found, path, step, again) {
  const waiver = found.waiver;
  if (!waiver) {
    return [h("h3", {}, "Exigent waiver"), h("details", {}, h("summary", {}, "Ask to proceed with the conflict unresolved"), form(
      "Ask for an exigent waiver",
      field("The exigent circumstance", "textarea", { name: "reason", required: true, maxlength: 2000 }),
      async (values) => {
        await post(`${path}/waiver`, { reason: values.reason });
        await again();
      },
      { submit: "Ask for the waiver", done: "Waiver asked: a commander of your agency concurs" },
    ))];
  }
  if (waiver.org !== view.claims.org || waiver.concurred_at) return [];
  return [h("h3", {}, "Exigent waiver"), view.claims.scopes.has("deconfliction:waive")
    ? step("Concur with the waiver", "waiver/concur", {}, "Waiver concurred: the center and the other agency are told")
    : h("p", { class: "muted" }, "A commander of your agency (with the right to waive) concurs; until then the waiver is not on the record.")];
}

/**
 * The agency desk's conflicts: those the feed's `Conflict Opened` named for the agency (its own
 * list, `/v1/deconfliction/conflicts`, does not carry the watch floor's id), unresolved, with
 * who owns each and whether each side confirmed contact.
 */
export function agencyConflicts(view) {
  return section("watched", "Conflicts on the watch floor", async () => {
    const ids = new Set((await eventsOf(["Conflict Opened"])).map((event) => event.detail.watched_conflict_id));
    const items = (await Promise.all([...ids].map((id) => get(`/v1/conflicts/${encodeURIComponent(id)}`).catch(() => null))))
      .filter((item) => item && !DONE.has(item.state))
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
    return table("Your operations' conflicts the watch center works, the earliest start first", [
      ["Starts", startsIn],
      ["Operations", sides],
      ["Watch center", (item) => item.center],
      ["Owner", owner],
      ["Contact confirmed", contact],
      ["Exigent waiver", (item) => (!item.waiver ? "—" : item.waiver.concurred_at ? `${item.waiver.org}: concurred`
        : badge(`${item.waiver.org}: waiting for a commander`, item.waiver.org === view.claims.org ? "bad" : ""))],
      ["", (item) => h("button", {
        type: "button", dataset: { key: `open-${item.conflict_id}` }, onclick: () => openConflict(view, item.conflict_id, { agency: true }),
      }, `Open the conflict with ${item.first.org === view.claims.org ? item.second.org : item.first.org}`)],
    ], items, { empty: "No conflict of your operations is open." });
  });
}
