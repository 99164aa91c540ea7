// A case's identifiers on its page (`case.js`): those it holds (`GET /v1/cases/{id}/identifiers`),
// added (`POST …/identifiers`) or removed (`DELETE …/identifiers/{identifier_id}`), and identifiers
// checked without keeping them (`POST /v1/deconfliction/checks`). Each answer is shown as the API
// gives it: who else holds them and whom to call (hits), the cases the agency already sees that
// hold them (related), and whether a value is too common to list every holder.

import { all, post, remove } from "../api.js";
import { h, fill, when, announce } from "../dom.js";
import { table, section, form, field, action } from "../parts.js";

const words = (text) => String(text || "").replaceAll("_", " ");
export const contactOf = (contact) => [contact && contact.name, contact && contact.phone, contact && contact.email]
  .filter(Boolean).join(" · ");

/** An identifier as people read it: `phone: +12025550143`, `social handle: plug.nyc (INSTAGRAM)`. */
export function identifier(value) {
  if (!value) return "—";
  const qualifier = value.platform || value.service || value.chain || value.carrier;
  return `${words(value.type)}: ${value.value}${qualifier ? ` (${qualifier})` : ""}`;
}

/** Each type, in words, and the field that qualifies it (as `chalicelib/domain/identifiers.py`). */
const TYPES = [
  ["phone", "Phone number", null],
  ["email", "E-mail address", null],
  ["social_handle", "Social media handle", "platform"],
  ["platform_user_id", "Platform user id", "platform"],
  ["payment_handle", "Payment handle", "service"],
  ["crypto_wallet", "Crypto wallet", "chain"],
  ["parcel_tracking", "Parcel tracking number", "carrier"],
  ["device_id", "Device id (advertising id, IMEI, MAC)", null],
  ["url", "URL", null],
];
const QUALIFIERS = {
  platform: "Platform (INSTAGRAM, TIKTOK, X, TELEGRAM, SNAPCHAT…)",
  service: "Service (CASHAPP, VENMO, PAYPAL, ZELLE…)",
  chain: "Chain (BITCOIN, ETHEREUM, TRON, SOLANA…)",
  carrier: "Carrier (USPS, UPS, FEDEX, DHL, OTHER)",
};

/**
 * A form of one identifier: its type, the qualifier the type needs (shown only then), its value;
 * `act(identifier)` with the body's identifier (`{type, value, platform: "INSTAGRAM"}`).
 */
function identifierForm(label, act, submit) {
  const kind = field("Type", "select", { name: "type" }, TYPES.map(([value, text]) => [value, text]));
  const qualifier = field(QUALIFIERS.platform, "input", { name: "qualifier", maxlength: 32, autocomplete: "off" });
  const value = field("Value (as you have it: the API normalises it)", "input",
    { name: "value", required: true, maxlength: 512, autocomplete: "off", spellcheck: false });
  const select = kind.querySelector("select");
  const input = qualifier.querySelector("input");
  const fit = () => {
    const wanted = TYPES.find(([type]) => type === select.value)[2];
    qualifier.hidden = !wanted;
    input.disabled = !wanted; // a disabled field is not sent
    input.required = Boolean(wanted);
    if (wanted) qualifier.querySelector("label").textContent = QUALIFIERS[wanted];
  };
  select.addEventListener("change", fit);
  fit();
  const node = form(label, [kind, qualifier, value], async (values) => {
    const wanted = TYPES.find(([type]) => type === values.type)[2];
    const one = { type: values.type, value: values.value.trim() };
    if (wanted) one[wanted] = String(values.qualifier || "").trim().toUpperCase();
    await act(one);
  }, { submit, reset: true });
  node.addEventListener("reset", () => setTimeout(fit)); // back to the first type, after the reset
  return node;
}

/** What the API answered to an add or a check, in `into` (its heading focused). */
function showMatches(into, heading, answer, { kept }) {
  const hits = answer.hits || [];
  const related = answer.related_cases || [];
  const said = hits.length
    ? `${hits.length} hit${hits.length === 1 ? "" : "s"}: ${[...new Set(hits.map((hit) => hit.org))].join(", ")} ${hits.length === 1 ? "holds" : "hold"} it`
    : "No other agency holds it";
  fill(into,
    h("h3", { tabindex: "-1" }, heading),
    h("p", {}, kept ? "Kept on the case and matched against every agency's identifiers." :
      "Checked, not kept: nothing was added to the case. Each holder learns that your agency checked, and whom to call."),
    table("Hits: who else holds it, and whom to call (as the API answered)", [
      ["Identifier", (hit) => identifier(hit.identifier)],
      ["Agency", (hit) => hit.org],
      ["Whom to call", (hit) => contactOf(hit.contact)],
    ], hits, { empty: "No hit: no other agency's open case holds it." }),
    related.length ? table("Cases your agency already sees that hold it", [
      ["Identifier", (one) => identifier(one.identifier)],
      ["Case", (one) => one.case_id],
    ], related) : null,
    answer.truncated ? h("p", { class: "notice" },
      "A value is held by too many cases to list every holder: a common value, not a lead.") : null);
  into.querySelector("h3").focus();
  announce(said);
}

/**
 * The case's identifiers (`path` is the case's) as a section: the list, and with `writes` on an
 * open case the forms to add one and to remove one; with `checks` (`deconfliction:check`) the form
 * that checks without keeping. `added()` is told after an add (the hits part reads its list again).
 */
export function identifiersSection(path, { writes, checks, added }) {
  const answered = h("div", {});
  const held = section("identifiers", "Identifiers", async () => table(
    "The identifiers the case holds, newest first",
    [
      ["Identifier", identifier],
      ["Added", (item) => [when(item.added_at), ` by ${item.added_by_org}`]],
      ["", (item) => (writes ? action(`Remove ${identifier(item)}`, async () => {
        await remove(`${path}/identifiers/${encodeURIComponent(item.identifier_id)}`);
        await held.refresh();
      }, { key: `remove-${item.identifier_id}`, tone: "quiet", done: "Identifier removed from the case" }) : null)],
    ],
    (await all(`${path}/identifiers`)).sort((a, b) => String(b.added_at).localeCompare(String(a.added_at))),
    { empty: "No identifier yet: add the target's phone numbers, e-mails, handles… to learn who else holds them." },
  ));
  if (writes) {
    held.node.append(h("details", {}, h("summary", {}, "Add an identifier to the case"),
      identifierForm("Add an identifier", async (one) => {
        const answer = await post(`${path}/identifiers`, { identifiers: [one] });
        await held.refresh();
        showMatches(answered, "What the API answered to the identifier added", answer, { kept: true });
        added();
      }, "Add and match")));
  }
  if (checks) {
    held.node.append(h("details", {}, h("summary", {}, "Check an identifier without keeping it"),
      identifierForm("Check an identifier", async (one) => {
        const answer = await post("/v1/deconfliction/checks", { identifiers: [one] });
        showMatches(answered, "What the API answered to the check", answer, { kept: false });
        added(); // the check is kept as the agency's hits (`reason: check`)
      }, "Check")));
  }
  held.node.append(answered);
  return held;
}
