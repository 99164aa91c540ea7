// A case's operations on its page (`case.js`): those planned on it (`GET /v1/cases/{id}/operations`)
// with their status and the conflicts the agency keeps for each (`GET /v1/deconfliction/conflicts`,
// by operation), an operation planned (`POST /v1/operations`: kind, place as a circle, window,
// on-scene contact) and one cancelled (`POST /v1/operations/{id}/cancel`), each answer's conflicts
// shown as the API gives them: the other agency and its on-scene contact, nothing else.

import { all, post } from "../api.js";
import { h, fill, when, badge, announce } from "../dom.js";
import { table, section, form, field, action } from "../parts.js";
import { contactOf } from "./identifiers.js";

const words = (text) => String(text || "").replaceAll("_", " ");
const KINDS = ["controlled_buy", "undercover_meet", "surveillance", "search_warrant", "raid", "arrest", "other"];

/** A `datetime-local` value (the person's own time) as RFC 3339 UTC. */
const instant = (local) => new Date(local).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The conflicts of an answer (`OperationChecked`), in `into` (its heading focused), and said. */
function showConflicts(into, heading, answer) {
  const conflicts = answer.conflicts || [];
  fill(into,
    h("h3", { tabindex: "-1" }, heading),
    table("Conflicts: other agencies' operations at the same place and time, and whom to call (as the API answered)", [
      ["Agency", (one) => one.org],
      ["On-scene contact", (one) => contactOf(one.contact)],
    ], conflicts, { empty: "No conflict: no other agency's operation overlaps it in place and time." }));
  into.querySelector("h3").focus();
  announce(conflicts.length
    ? `Conflict with ${[...new Set(conflicts.map((one) => one.org))].join(", ")}: call before you go`
    : "No conflict with another agency's operation");
}

/** The plan of an operation: its kind, its circle, its window, whom to call on scene. */
function planForm(caseId, act) {
  return form("Plan an operation", [
    field("Kind", "select", { name: "kind" }, KINDS.map((kind) => [kind, words(kind)])),
    h("div", { class: "row" },
      field("Latitude", "input", { name: "lat", type: "number", step: "any", min: -80, max: 80, required: true }),
      field("Longitude", "input", { name: "lon", type: "number", step: "any", min: -180, max: 180, required: true }),
      field("Radius (metres, 1 to 5,000)", "input", { name: "radius_m", type: "number", min: 1, max: 5000, required: true })),
    h("div", { class: "row" },
      field("Starts (your time)", "input", { name: "starts_at", type: "datetime-local", required: true }),
      field("Ends (your time; at most 72 hours later)", "input", { name: "ends_at", type: "datetime-local", required: true })),
    h("div", { class: "row" },
      field("On-scene contact's name (optional: yours)", "input", { name: "contact_name", maxlength: 200, autocomplete: "off" }),
      field("On-scene contact's phone (optional: yours)", "input", { name: "contact_phone", type: "tel", maxlength: 40, autocomplete: "off" })),
  ], async (values) => {
    const contact = values.contact_name || values.contact_phone
      ? { name: values.contact_name || undefined, phone: values.contact_phone || undefined } : undefined;
    await act({
      case_id: caseId,
      kind: values.kind,
      location: { lat: Number(values.lat), lon: Number(values.lon), radius_m: Number(values.radius_m) },
      starts_at: instant(values.starts_at),
      ends_at: instant(values.ends_at),
      contact,
    });
  }, { submit: "Plan and check for conflicts", reset: true });
}

/**
 * The case's operations as a section; with `writes` on an open case, plan one, and cancel one the
 * agency planned (`org`).
 */
export function operationsSection(caseId, { org, writes }) {
  const answered = h("div", {});
  const planned = section("operations", "Operations", async () => {
    const [items, conflicts] = await Promise.all([
      all(`/v1/cases/${encodeURIComponent(caseId)}/operations`),
      all("/v1/deconfliction/conflicts"), // whom to call: a failed read shows as one, never as "none"
    ]);
    const clashes = (operation) => conflicts.filter((one) => one.operation_id === operation.operation_id);
    return table("The operations planned on the case, newest first", [
      ["Kind", (item) => `${words(item.kind)} (${item.org})`],
      ["Where", (item) => `${item.location.lat}, ${item.location.lon}, radius ${item.location.radius_m} m`],
      ["When", (item) => [when(item.starts_at), " to ", when(item.ends_at)]],
      ["On-scene contact", (item) => contactOf(item.contact)],
      ["Status", (item) => badge(item.status, item.status === "cancelled" ? "" : "good")],
      ["Conflicts", (item) => {
        if (item.org !== org) return `${item.org}'s to read`; // each agency keeps its own conflicts
        const found = clashes(item);
        return found.length ? h("ul", { class: "plain" }, found.map((one) => h("li", {},
          badge(`conflict with ${one.other_org}`, "bad"), ` call ${contactOf(one.other_contact)}`))) : "none recorded";
      }],
      ["", (item) => (writes && item.org === org && item.status === "planned" ? action(
        `Cancel the ${words(item.kind)}`,
        async () => {
          const answer = await post(`/v1/operations/${encodeURIComponent(item.operation_id)}/cancel`);
          await planned.refresh();
          showConflicts(answered, `The ${words(item.kind)} cancelled`, answer);
        },
        { key: `cancel-${item.operation_id}`, tone: "quiet" },
      ) : null)],
    ], items, { empty: "No operation planned on the case.", urgent: (item) => clashes(item).length > 0 && item.status === "planned" });
  });
  if (writes) {
    planned.node.append(h("details", {}, h("summary", {}, "Plan an operation"), planForm(caseId, async (body) => {
      const answer = await post("/v1/operations", body);
      await planned.refresh();
      showConflicts(answered, `What the API answered to the ${words(body.kind)} planned`, answer);
    })));
  }
  planned.node.append(answered);
  return planned;
}
