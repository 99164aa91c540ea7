// A case's page on the agency desk: its facts, edited by the owner (`PATCH`, with the read's ETag
// as If-Match), closed or reopened; the agencies that take part and how, a referral to another,
// and the referrals still waiting withdrawn; its notes (read and add); its files, uploaded
// (hashed in the browser), downloaded (checked against their SHA-256), each with its chain of
// custody (the owner agency's to read); its identifiers, added or checked (`identifiers.js`), and
// the hits on them; its operations, planned and cancelled, with their conflicts
// (`operations.js`); the legal process, emergency and preservation requests your agency served
// from it, the forms that ask for them (`requests.js`), and legal process withdrawn until it is
// answered; and for the owner, its audit trail (`audit.js`). All from the public routes: the case
// and its notes, files, identifiers, operations, referrals and audit under `/v1/cases/{id}`, the
// custody under `/v1/files/{id}/custody`, and the agency's lists of hits, conflicts, referrals and
// requests kept to this case (`case_id`), as no route lists those per case.

import { all, get, getTagged, patch, post } from "../api.js";
import { h, fill, when, badge, failure, announce } from "../dom.js";
import { table, section, facts, form, field, action, agencyField, marking, turns } from "../parts.js";
import { fileUpload } from "../upload.js";
import { fileDownload } from "../download.js";
import { requestForms } from "./requests.js";
import { identifier, contactOf, identifiersSection } from "./identifiers.js";
import { operationsSection } from "./operations.js";
import { auditSection } from "./audit.js";

const words = (text) => String(text || "").replaceAll("_", " ");

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

/**
 * The agencies of the case and each one's part, as the case shows them to this caller; a referral
 * still waiting that this agency sent (`waiting`, by agency) can be withdrawn (`withdrawn()` after).
 */
function participants(found, org, waiting, withdrawn) {
  const mine = (code) => (code === org ? `${code} (your agency)` : code);
  const rows = [
    { org: found.owner, part: "owner: opened the case, decides its marking, closes it" },
    ...found.participants.filter((code) => code !== found.owner)
      .map((code) => ({ org: code, part: "participant: accepted a referral, works the case" })),
    ...found.pending_referrals_to.map((code) => ({ org: code, part: "referred: has not answered yet (no access)", referral: waiting.get(code) })),
  ];
  return table("The agencies of the case and their part", [
    ["Agency", (item) => mine(item.org)],
    ["Part", (item) => item.part],
    ["", (item) => (item.referral ? action(`Withdraw the referral to ${item.org}`, async () => {
      await post(`/v1/referrals/${encodeURIComponent(item.referral.referral_id)}/withdraw`);
      await withdrawn();
    }, { key: `withdraw-${item.referral.referral_id}`, tone: "quiet", done: `Referral to ${item.org} withdrawn` }) : null)],
  ], rows);
}

/** The chain of custody of one file, in the place `into` (focused once shown), if `mine()`
 * still holds when it answers (`turns`: no other file's was asked for meanwhile). */
async function showCustody(into, file, mine) {
  fill(into, h("p", { class: "muted", "aria-busy": "true" }, "Loading…"));
  try {
    const chain = await all(`/v1/files/${encodeURIComponent(file.file_id)}/custody`);
    if (!mine()) return;
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
    if (!mine()) return;
    fill(into, failure(error));
  }
  const heading = into.querySelector("h3");
  if (heading) heading.focus();
}

/** The agency's list at `path`, kept to the case's items. */
async function ofCase(path, caseId, query = {}) {
  return (await all(path, query)).filter((item) => item.case_id === caseId);
}

/** Legal process the agency may still withdraw: until the platform answers it. */
const UNANSWERED = new Set(["sent", "acknowledged"]);

/** Withdraw legal process not yet answered, with the reason the platform reads. */
function withdrawal(item, withdrawn) {
  return h("details", {}, h("summary", {}, `Withdraw the ${words(item.kind)} to ${item.platform}`), form(
    `Withdraw the ${words(item.kind)} to ${item.platform}`,
    field("Why it is withdrawn", "textarea", { name: "reason", required: true, maxlength: 2000 }),
    async (values) => {
      await post(`/v1/legal-requests/${encodeURIComponent(item.request_id)}/withdraw`, { reason: values.reason });
      withdrawn();
    },
    { submit: "Withdraw", done: `Withdrawn: ${item.platform} is told` },
  ));
}

const PRIORITIES = [["routine", "routine (14 days to answer)"], ["priority", "priority (3 days)"], ["urgent", "urgent (24 hours)"]];

/** Refer the case to another agency: it sees the case once it accepts. */
function referral(path, directory, own, referred) {
  return h("details", {}, h("summary", {}, "Refer the case to another agency"), form("Refer the case", [
    agencyField("Agency", "to_org", directory, own),
    field("Why it is theirs too", "textarea", { name: "reason", required: true, maxlength: 2000 }),
    field("Priority", "select", { name: "priority" }, PRIORITIES),
  ], async (values) => {
    await post(`${path}/referrals`, { to_org: values.to_org, reason: values.reason, priority: values.priority });
    referred();
  }, { submit: "Refer", done: "Referred: the agency finds it in its inbox", reset: true }));
}

/** Close an open case, or reopen a closed one (the owner; the API says why to anyone else). */
function closing(view, path, found) {
  const closed = found.status === "closed";
  return h("div", { class: "row" },
    action(closed ? "Reopen the case" : "Close the case", async () => {
      await post(`${path}/${closed ? "reopen" : "close"}`);
      openCase(view, found.case_id); // its status changes what the page offers
    }, { key: "closing", tone: "quiet", done: closed ? "Case reopened" : "Case closed" }),
    h("span", { class: "muted" }, closed ? "Only the owner agency reopens a case."
      : "Only the owner agency closes a case; the referrals still waiting are withdrawn."));
}

/**
 * The owner's edit of the title, summary and marking, sent with the ETag of the case as read
 * (If-Match): when someone changed it since, the API's 412 is shown, and the case can be read again.
 */
function editing(view, path, found, etag) {
  const tlp = marking();
  tlp.querySelector("select").value = found.tlp;
  const summary = field("Summary", "textarea", { name: "summary", maxlength: 10000 });
  summary.querySelector("textarea").defaultValue = found.summary;
  const stale = h("div", {});
  const again = () => openCase(view, found.case_id);
  return h("details", {}, h("summary", {}, "Edit the case"), form("Edit the case", [
    field("Title", "input", { name: "title", required: true, maxlength: 200, value: found.title }),
    summary,
    tlp,
  ], async (values) => {
    fill(stale);
    const changes = Object.fromEntries(["title", "summary", "tlp"].filter((name) => values[name] !== found[name])
      .map((name) => [name, values[name]]));
    if (!Object.keys(changes).length) throw { title: "Nothing changed", detail: "change the title, the summary or the marking" };
    try {
      await patch(path, changes, etag);
    } catch (error) {
      if (error.status === 412) fill(stale, action("Read the case again", async () => again(), { key: "read-again" }));
      throw error;
    }
    announce("Case changed");
    again(); // its facts, as the API now has them
  }, { submit: "Save the changes" }), stale);
}

/** The case's page. */
export function openCase(view, id) {
  const path = `/v1/cases/${encodeURIComponent(id)}`;
  return view.open(async (page) => {
    const [{ answer: found, etag }, directory] = await Promise.all([
      getTagged(path),
      all("/v1/organisations").catch(() => []), // the agencies and platforms offered; else typed
    ]);
    const owner = found.owner === view.claims.org;
    const writes = view.claims.scopes.has("cases:write");
    const open = found.status !== "closed";

    let known = found; // read again when a referral changes who takes part
    const refers = view.claims.scopes.has("referrals:write");
    const agencies = section("agencies", "Agencies", async () => {
      const waiting = refers && known.pending_referrals_to.length
        ? await ofCase("/v1/referrals", found.case_id, { box: "outbound", status: "pending" }) : [];
      return participants(known, view.claims.org, new Map(waiting.map((one) => [one.to_org, one])), readAgencies);
    });
    const readAgencies = async () => {
      known = await get(path);
      await agencies.refresh();
    };
    if (open && refers) {
      agencies.node.append(referral(path, directory, view.claims.org, readAgencies));
    }

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
    const custodyTurn = turns();
    let caseFiles = [];
    // What the agency asks of platforms from the case (`requests.js`): the page's last section.
    const asks = writes && open ? requestForms(path, {
      directory,
      documents: () => caseFiles,
      sent: () => requests.refresh(),
      emergencies: view.claims.scopes.has("emergency:request"),
    }) : null;
    const files = section("files", "Files", async (mine) => {
      const read = await all(`${path}/files`);
      if (mine()) {
        caseFiles = read;
        if (asks) asks.filesChanged();
      }
      return table(
        "The case's files, newest first",
        [
          ["Name", (item) => [item.name, item.purpose === "legal_process" ? " (a document to serve)" : ""]],
          ["Kind", (item) => `${item.media_type}, ${item.size} bytes`],
          ["Status", (item) => badge(item.status, item.status === "rejected" ? "bad" : item.status === "available" ? "good" : "")],
          ["Declared", (item) => [when(item.declared_at), ` by ${item.org}`]],
          ["", (item) => h("div", { class: "stack" },
            item.status === "available" ? fileDownload(item.file_id, `Download ${item.name}`) : null,
            owner ? h("button", {
              type: "button", class: "quiet", dataset: { key: `custody-${item.file_id}` },
              onclick: () => showCustody(custody, item, custodyTurn()),
            }, `Chain of custody of ${item.name}`) : null)],
        ],
        read,
        { empty: "No file yet." },
      );
    });
    files.node.append(owner ? custody
      : h("p", { class: "muted" }, `Only ${found.owner}, the owner agency, reads a file's chain of custody.`));
    if (writes && open) {
      files.node.append(h("h3", {}, "Upload a file"), fileUpload(path, {
        label: "File (hashed in your browser before it is sent)",
        name: "Upload a file to the case",
        fields: [
          field("What it is (optional)", "input", { name: "description", maxlength: 2000 }),
          field("Purpose", "select", { name: "purpose" }, [
            ["evidence", "evidence, for the case's agencies"],
            ["legal_process", "a signed document to serve on a platform"],
          ]),
        ],
        changed: () => files.refresh(),
      }));
    }

    const identifiers = identifiersSection(path, {
      writes: writes && open,
      checks: view.claims.scopes.has("deconfliction:check"),
      added: () => hits.refresh(),
    });
    const operations = operationsSection(found.case_id, { org: view.claims.org, writes: writes && open });
    const trail = owner ? auditSection(found.case_id) : null;

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
          ["", (item) => (writes && UNANSWERED.has(item.status) ? withdrawal(item, () => requests.refresh()) : null)],
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

    if (asks) requests.node.append(h("h3", {}, "Ask a platform"), ...asks.forms);

    const shown = page.show(
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
      owner && writes ? editing(view, path, found, etag) : null,
      writes ? closing(view, path, found) : null,
      agencies.node,
      notes.node,
      files.node,
      identifiers.node,
      hits.node,
      operations.node,
      requests.node,
      trail ? trail.node : h("p", { class: "muted" }, `Only ${found.owner}, the owner agency, reads the case's audit trail.`),
    );
    if (!shown) return; // the person went on while the case was read
    for (const part of [agencies, notes, files, identifiers, hits, operations, requests, trail]) if (part) part.refresh();
    // Until the person leaves the page: what others add to the case shows without a reload.
    view.onEvent((event) => {
      const type = event.detail_type || "";
      const ours = (event.detail || {}).case_id === found.case_id;
      if (type === "Note Added" && ours) {
        notes.refresh();
        announce("A note was added to the case");
      } else if (type.startsWith("File ") && ours) files.refresh();
      else if (type === "Deconfliction Hit") hits.refresh(); // its case_id may be the other side's
      else if (type === "Operation Conflict") {
        operations.refresh();
        announce("An operation conflicts with another agency's");
      }
      else if (/^(Legal Request|Emergency Request|Preservation)/.test(type)) requests.refresh();
      else if (type.startsWith("Referral") && ours) readAgencies();
    });
  });
}
