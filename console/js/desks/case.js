// A case's page on the agency desk: its facts, the agencies that take part and how, its notes
// (read and add), its files with each one's chain of custody (the owner agency's to read), the
// hits on its identifiers, and the legal process, emergency and preservation requests your agency
// served from it. All from the public routes: the case and its notes and files under
// `/v1/cases/{id}`, the custody under `/v1/files/{id}/custody`, and the agency's lists of hits and
// requests kept to this case (`case_id`), as no route lists those per case.

import { all, get, post } from "../api.js";
import { h, fill, when, badge, failure, announce } from "../dom.js";
import { table, section, facts, form, field } from "../parts.js";

const words = (text) => String(text || "").replaceAll("_", " ");
const contactOf = (contact) => [contact && contact.name, contact && contact.phone, contact && contact.email].filter(Boolean).join(" · ");

/** What each hand-over on a file's chain of custody says, in words. */
const CUSTODY = {
  "file.declare": "declared (its SHA-256 given)",
  "file.verify": "arrived, hash checked",
  "file.reject": "arrived, hash did not match",
  "file.scan": "scanned for malware",
  "file.download": "downloaded",
  "file.transfer": "handed over",
  "file.serve": "served on a platform",
};

/** How a hit came about, from the case's side. */
const HIT = { match: "both hold it", check: "you checked it", checked: "someone checked it" };

function identifier(value) {
  if (!value) return "—";
  const qualifier = value.platform || value.service || value.chain || value.carrier;
  return `${words(value.type)}: ${value.value}${qualifier ? ` (${qualifier})` : ""}`;
}

/** The agencies of the case and each one's part, as the case shows them to this caller. */
function participants(found, org) {
  const mine = (code) => (code === org ? `${code} (your agency)` : code);
  const rows = [
    { org: found.owner, part: "owner: opened the case, decides its marking, closes it" },
    ...found.participants.filter((code) => code !== found.owner)
      .map((code) => ({ org: code, part: "participant: accepted a referral, works the case" })),
    ...found.pending_referrals_to.map((code) => ({ org: code, part: "referred: has not answered yet (no access)" })),
  ];
  return table("The agencies of the case and their part", [
    ["Agency", (item) => mine(item.org)],
    ["Part", (item) => item.part],
  ], rows);
}

/** The chain of custody of one file, in the place `into` (focused once shown). */
async function showCustody(into, file) {
  fill(into, h("p", { class: "muted", "aria-busy": "true" }, "Loading…"));
  try {
    const chain = await all(`/v1/files/${encodeURIComponent(file.file_id)}/custody`);
    fill(into,
      h("h3", { tabindex: "-1" }, `Chain of custody of ${file.name}`),
      h("p", {}, "SHA-256 declared: ", h("code", {}, file.sha256)),
      table(`Every hand-over of ${file.name}, oldest first`, [
        ["When", (item) => when(item.at)],
        ["What", (item) => CUSTODY[item.event] || words(item.event)],
        ["Who", (item) => `${item.subject} (${item.org})`],
        ["Outcome", (item) => badge(item.outcome, item.outcome === "success" ? "good" : "bad")],
        ["SHA-256", (item) => (item.sha256 ? h("code", {}, item.sha256) : "—")],
      ], chain, { empty: "No hand-over recorded yet." }));
  } catch (error) {
    fill(into, failure(error));
  }
  const heading = into.querySelector("h3");
  if (heading) heading.focus();
}

/** The agency's list at `path`, kept to the case's items. */
async function ofCase(path, caseId) {
  return (await all(path)).filter((item) => item.case_id === caseId);
}

/** The case's page. */
export function openCase(view, id) {
  const path = `/v1/cases/${encodeURIComponent(id)}`;
  return view.open(async (page) => {
    const found = await get(path);
    const owner = found.owner === view.claims.org;
    const writes = view.claims.scopes.has("cases:write");

    const notes = section("notes", "Notes", async () => {
      const items = await all(`${path}/notes`);
      if (!items.length) return h("p", { class: "muted" }, "No note yet.");
      return h("ol", { class: "plain notes", "aria-label": "Notes, oldest first" }, items.map((note) => h("li", {},
        h("p", { class: "muted" }, `${note.author_name || note.author_subject} (${note.author_org}) · `, when(note.created_at)),
        h("p", {}, note.text))));
    });
    if (writes) {
      notes.node.append(form("Add a note", [
        field("New note", "textarea", { name: "text", required: true, maxlength: 10000 }),
      ], async (values) => {
        await post(`${path}/notes`, { text: values.text });
        await notes.refresh();
      }, { submit: "Add the note", done: "Note added", reset: true }));
    }

    const custody = h("div", { id: "custody" });
    const files = section("files", "Files", async () => table(
      "The case's files, newest first",
      [
        ["Name", (item) => item.name],
        ["Kind", (item) => `${item.media_type}, ${item.size} bytes`],
        ["Status", (item) => badge(item.status, item.status === "rejected" ? "bad" : item.status === "available" ? "good" : "")],
        ["Declared", (item) => [when(item.declared_at), ` by ${item.org}`]],
        ["", (item) => (owner ? h("button", {
          type: "button", class: "quiet", dataset: { key: `custody-${item.file_id}` },
          onclick: () => showCustody(custody, item),
        }, `Chain of custody of ${item.name}`) : "")],
      ],
      await all(`${path}/files`),
      { empty: "No file yet." },
    ));
    files.node.append(owner ? custody
      : h("p", { class: "muted" }, `Only ${found.owner}, the owner agency, reads a file's chain of custody.`));

    const hits = section("hits", "Hits", async () => table(
      "Who else holds or checked this case's identifiers, newest first",
      [
        ["When", (item) => when(item.at)],
        ["How", (item) => HIT[item.reason] || words(item.reason)],
        ["Identifier", (item) => identifier(item.identifier)],
        ["Agency", (item) => item.other_org],
        ["Whom to call", (item) => contactOf(item.other_contact)],
      ],
      await ofCase("/v1/deconfliction/hits", found.case_id),
      { empty: "No hit on this case's identifiers." },
    ));

    const requests = section("requests", "Legal process and emergencies", async () => {
      const [legal, emergency, preservations] = await Promise.all([
        ofCase("/v1/legal-requests", found.case_id),
        ofCase("/v1/emergency-requests", found.case_id),
        ofCase("/v1/preservations", found.case_id),
      ]);
      return [
        table("Legal process your agency served from this case, newest first", [
          ["Kind", (item) => words(item.kind)],
          ["Platform", (item) => item.platform],
          ["Status", (item) => badge(item.status)],
          ["Sent", (item) => when(item.sent_at)],
          ["Due", (item) => when(item.due_at)],
        ], legal, { empty: "No legal process served from this case by your agency." }),
        table("Emergency disclosure requests your agency asked from this case, newest first", [
          ["Kind", (item) => words(item.emergency.kind)],
          ["Platform", (item) => item.platform],
          ["Status", (item) => badge(item.status, item.status === "awaiting_approval" ? "bad" : "")],
          ["Asked", (item) => [when(item.requested_at), ` by ${item.requested_by.name || item.requested_by.subject}`]],
        ], emergency, { empty: "No emergency request asked from this case by your agency." }),
        table("Preservation requests your agency sent from this case, newest first", [
          ["Platform", (item) => item.platform],
          ["Status", (item) => badge(item.status)],
          ["Requested", (item) => when(item.requested_at)],
          ["Expires", (item) => when(item.expires_at)],
        ], preservations, { empty: "No preservation requested from this case by your agency." }),
      ];
    });

    page.show(
      found.title,
      facts([
        ["Status", badge(found.status)],
        ["Marking", `TLP:${found.tlp}`],
        ["Summary", found.summary],
        ["Substances", found.substances.map(words).join(", ")],
        ["Platforms", found.platforms.join(", ")],
        ["Jurisdiction", found.jurisdiction],
        ["Point of contact", contactOf(found.contact)],
        ["Opened", [when(found.created_at), ` by ${found.created_by}`]],
        ["Changed", when(found.updated_at)],
      ]),
      h("h2", {}, "Agencies"),
      participants(found, view.claims.org),
      notes.node,
      files.node,
      hits.node,
      requests.node,
    );
    for (const part of [notes, files, hits, requests]) part.refresh();
    // Until the person leaves the page: what others add to the case shows without a reload.
    view.onEvent((event) => {
      const type = event.detail_type || "";
      const ours = (event.detail || {}).case_id === found.case_id;
      if (type === "Note Added" && ours) {
        notes.refresh();
        announce("A note was added to the case");
      } else if (type.startsWith("File ") && ours) files.refresh();
      else if (type === "Deconfliction Hit") hits.refresh(); // its case_id may be the other side's
      else if (/^(Legal Request|Emergency Request|Preservation)/.test(type)) requests.refresh();
    });
  });
}
