// The administration desk: an organisation's administrator (`people:admin`) lists its persons
// with their status, verification and roles, registers one, verifies, suspends and reinstates
// them (docs/guides/administrator-first-day.md); the operator (`registry:admin`) reads what waits
// for a second person (`GET /v1/registry/pending`) or any entry by its code, and as the second
// person approves an onboarding or confirms the suspension or reinstatement another person asked
// for (docs/concepts/organisations-and-registry.md).
// Every refusal shown is the API's, with its `reason` (an administrator without MFA: `mfa_too_weak`).

import { all, get, getTagged, post } from "../api.js";
import { h, fill, when, clock, badge, announce, failure } from "../dom.js";
import { table, section, action, form, field, facts, turns } from "../parts.js";

const words = (text) => String(text || "").replaceAll("_", " ");
const TONE = { active: "good", suspended: "bad", revoked: "bad" };
const path = (personId, act) => `/v1/people/${encodeURIComponent(personId)}/${act}`;

/** A form in a disclosure: `reasoned("Suspend", …)` asks for the reason the API records. */
function reasoned(label, what, act, done) {
  return h("details", {}, h("summary", {}, label), form(
    `${label} ${what}`,
    field("Reason", "input", { name: "reason", required: true, maxlength: 500 }),
    (values) => act(values.reason),
    { submit: label, done },
  ));
}

function persons(view) {
  const agency = view.claims.scopes.has("cases:read");
  const roles = agency ? ["officer", "supervisor", "admin"] : ["legal_desk", "admin"];
  const acts = (person) => {
    const change = async (act, body) => {
      // A verification is of the person as listed (If-Match): one changed since is a 412, shown.
      await post(path(person.person_id, act), body, act === "verify" ? `"v${person.version}"` : undefined);
      await list.refresh();
    };
    const key = (act) => `${act}-${person.person_id}`;
    const self = person.issuer === view.claims.iss && person.subject.toLowerCase() === String(view.claims.sub).toLowerCase();
    if (self) return h("span", { class: "muted" }, "You: another administrator verifies, suspends or reinstates you");
    if (person.status === "pending") {
      return action("Verify", () => change("verify", {}), { key: key("verify"), done: `Verified ${person.name}: active for a year` });
    }
    if (person.status === "active") {
      return h("div", { class: "stack" },
        action("Verify again", () => change("verify", {}), { key: key("verify"), done: `Verified ${person.name} again` }),
        reasoned("Suspend", person.name, (reason) => change("suspend", { reason }), `Suspended ${person.name}`),
      );
    }
    if (person.status === "suspended") {
      return reasoned("Reinstate", person.name, (reason) => change("reinstate", { reason }), `Reinstated ${person.name}: verify them again`);
    }
    return "—";
  };
  const list = section("persons", "Persons", async () => table(
    "Your organisation's persons: pending ones first, then by name",
    [
      ["Name", (item) => [item.name, item.title ? h("div", { class: "muted" }, item.title) : null]],
      ["Identity", (item) => [item.subject, h("div", { class: "muted" }, item.issuer)]],
      ["Roles", (item) => item.roles.map(words).join(", ")],
      ["Status", (item) => [badge(item.status, TONE[item.status] || ""), item.status_reason ? h("div", { class: "muted" }, item.status_reason) : null]],
      ["Verified", (item) => item.verified_at
        ? [when(item.verified_at), h("div", { class: "muted" }, `by ${item.verified_by_name || item.verified_by}`)]
        : "not yet"],
      ["Verify again by", (item) => item.reverify_by && item.status === "active" ? clock(item.reverify_by, "reverification") : "—"],
      ["", acts],
    ],
    (await all("/v1/people")).sort((a, b) => (a.status === "pending" ? 0 : 1) - (b.status === "pending" ? 0 : 1) || a.name.localeCompare(b.name)),
    { empty: "No persons registered yet.", urgent: (item) => item.status === "pending" },
  ));
  const register = h("section", { "aria-labelledby": "register-heading" },
    h("h2", { id: "register-heading" }, "Register a person"),
    h("p", { class: "muted" }, "They are pending, and may do nothing sensitive, until an administrator verifies them. Their work e-mail must be on one of your organisation's domains."),
    form(
      "Register a person",
      [
        field("Identity provider (issuer)", "input", { name: "issuer", required: true, value: view.claims.iss || "" }),
        field("Subject at the provider (their token's sub)", "input", { name: "subject", required: true, maxlength: 256 }),
        field("Name", "input", { name: "name", required: true }),
        field("Title", "input", { name: "title" }),
        field("Badge or employee number", "input", { name: "badge" }),
        field("Work e-mail", "input", { name: "email", type: "email", required: true }),
        field("Work phone (E.164, +1…)", "input", { name: "phone", type: "tel" }),
        h("fieldset", {}, h("legend", {}, "Roles"), roles.map((role) => h("label", { class: "row" },
          h("input", { type: "checkbox", name: "roles", value: role }), words(role)))),
      ],
      async (values, data) => {
        const body = { issuer: values.issuer, subject: values.subject, name: values.name, email: values.email, roles: data.getAll("roles") };
        for (const optional of ["title", "badge", "phone"]) if (values[optional]) body[optional] = values[optional];
        const person = await post("/v1/people", body);
        announce(`Registered ${person.name}: pending until verified`);
        await list.refresh();
      },
      { submit: "Register" },
    ),
  );
  return { nodes: [list.node, register], refresh: list.refresh };
}

function registry(view) {
  const place = h("div", {});
  const waiting = (entry) => (entry.status === "proposed"
    ? "its onboarding"
    : entry.pending ? `${words(entry.pending.action)}, asked ${new Date(entry.pending.requested_at).toLocaleString()}${entry.pending.reason ? `: ${entry.pending.reason}` : ""}` : "nothing");
  const pendingList = section("pending", "Waiting for a second person", async () => table(
    "Proposed organisations, then the pending changes of the others",
    [
      ["Code", (item) => item.code],
      ["Name", (item) => item.name],
      ["Kind", (item) => words(item.kind)],
      ["Status", (item) => badge(item.status)],
      ["Waiting for", waiting],
      ["", (item) => h("button", { type: "button", dataset: { key: `review-${item.code}` }, onclick: () => show(item.code).catch((error) => fill(place, failure(error))) }, `Review ${item.code}`)],
    ],
    (await get("/v1/registry/pending")).items,
    { empty: "Nothing waits for a second person." },
  ));
  const turn = turns();
  const show = async (code) => {
    const mine = turn();
    const read = getTagged(`/v1/organisations/${encodeURIComponent(code)}`);
    const tagged = await read.catch((error) => {
      if (mine()) throw error;
    });
    if (!mine()) return; // another entry was opened for review meanwhile
    // The version read: a refusal names it (If-Match), so a change made since is never refused unseen.
    const { answer: entry, etag } = tagged;
    const again = async () => {
      await show(entry.code);
      await pendingList.refresh();
    };
    const pending = entry.pending;
    const decisions = [];
    if (entry.status === "proposed") {
      decisions.push(action(`Approve the onboarding of ${entry.code}`, async () => {
        await post(`/v1/organisations/${encodeURIComponent(entry.code)}/approve`);
        await again();
      }, { key: `approve-${entry.code}`, done: `${entry.code} is onboarded: active` }));
    }
    if (pending && (pending.action === "suspend" || pending.action === "reinstate")) {
      decisions.push(reasoned(pending.action === "suspend" ? "Confirm the suspension" : "Confirm the reinstatement", `of ${entry.code}`, async (reason) => {
        // On the version read (If-Match): a request withdrawn or asked again since is a 412, shown here.
        await post(`/v1/organisations/${encodeURIComponent(entry.code)}/${pending.action}`, { reason }, etag);
        await again();
      }, `${entry.code}: ${pending.action} confirmed`));
    }
    if (entry.status === "proposed" || pending) {
      // One person's act: stopping something takes no second person (the proposer may withdraw).
      const what = entry.status === "proposed" ? "onboarding" : words(pending.action);
      decisions.push(reasoned(`Refuse the ${what}`, `of ${entry.code}`, async (reason) => {
        let refused;
        try {
          refused = await post(`/v1/organisations/${encodeURIComponent(entry.code)}/refuse`, { reason }, etag);
        } catch (error) {
          if (error.status !== 412) throw error;
          await show(entry.code); // what waits now, for the person to read before refusing it
          announce(`${entry.code} changed since you read it: nothing was refused. Read it again.`);
          return;
        }
        await pendingList.refresh();
        // What the API refused: what this page was drawn from (If-Match), said in its words.
        announce(`${entry.code}: the ${words(refused.refused)} refused`);
        if (refused.refused === "onboarding") {
          const said = h("h3", { id: "entry-heading", tabindex: "-1" }, `${entry.code}: its onboarding refused`);
          fill(place, h("section", { "aria-labelledby": "entry-heading", class: "panel" }, said,
            h("p", {}, `No entry is kept. ${entry.ori ? `The ORI ${entry.ori} may be proposed again, under another code; ` : ""}the code ${entry.code} is never proposed again. What was proposed is kept beside it, with the refusal and its reason.`)));
          said.focus();
        } else {
          await show(entry.code);
        }
      }));
    }
    const first = entry.status === "active" && entry.kind !== "operator" ? firstAdministrator(entry) : null;
    const heading = h("h3", { id: "entry-heading", tabindex: "-1" }, `${entry.code} · ${entry.name}`);
    fill(place, h("section", { "aria-labelledby": "entry-heading", class: "panel" },
      heading,
      facts([
        ["Status", badge(entry.status, entry.status === "active" ? "good" : entry.status === "suspended" ? "bad" : "")],
        ["Kind", words(entry.kind)],
        ["ORI", entry.ori],
        ["Jurisdiction", entry.jurisdiction && [entry.jurisdiction.state, entry.jurisdiction.county, entry.jurisdiction.tribe].filter(Boolean).join(", ")],
        ["Verification line", entry.verification_line],
        ["E-mail domains", (entry.email_domains || []).join(", ")],
        ["Identity providers", (entry.identity_providers || []).map((provider) => provider.issuer).join(", ")],
        ["Waiting for a second person", waiting(entry)],
      ]),
      pending && !decisions.length
        ? h("p", { class: "muted" }, `Confirm the ${words(pending.action)} by sending the same settings again over the API: the console does not yet.`)
        : null,
      decisions,
      first,
    ));
    heading.focus(); // the keyboard goes on to the decision, not back through the list
  };
  const lookUp = form(
    "Look up a registry entry",
    field("Registry code", "input", { name: "code", required: true, maxlength: 16, autocapitalize: "characters" }),
    async (values) => {
      fill(place);
      try {
        await show(values.code.trim().toUpperCase());
      } catch (error) {
        fill(place, failure(error));
      }
    },
    { submit: "Look up" },
  );
  pendingList.refresh();
  // A proposal is news (`Organisation Proposed`, in the operator's feed); a first person's request
  // to suspend or reinstate is nobody's event, so the list is also read again each minute.
  view.onEvent((event) => {
    if (!(event.detail_type || "").startsWith("Organisation ")) return;
    pendingList.refresh();
    if (event.detail_type === "Organisation Proposed") announce("A proposed organisation waits for a second person");
  });
  view.every(pendingList.refresh, 60);
  return [
    h("p", { class: "muted" }, "Onboarding, suspending and reinstating an organisation take two persons of the operator. Review what another person proposed or asked for, check it, and decide. The one who asked cannot (the API refuses, 403)."),
    pendingList.node,
    h("section", { "aria-labelledby": "lookup-heading" }, h("h2", { id: "lookup-heading" }, "Read an entry"), lookUp),
    place,
    proposing(async (code) => {
      await pendingList.refresh();
      await show(code);
    }),
  ];
}

/** Words split on commas or spaces, none empty: `"a.gov, b.gov"` is `["a.gov", "b.gov"]`. */
const list = (text) => String(text || "").split(/[\s,]+/).filter(Boolean);

/**
 * The first person of the operator proposes an agency (`POST /v1/organisations`): who it is,
 * where, its verification line, its persons' e-mail domains and the identity provider that
 * speaks for it. It waits, proposed, for a second person (`registry()`'s list).
 */
function proposing(proposed) {
  const kinds = ["local_agency", "state_agency", "tribal_agency", "task_force", "federal_agency"];
  return h("section", { "aria-labelledby": "propose-heading" },
    h("h2", { id: "propose-heading" }, "Propose an agency"),
    h("p", { class: "muted" }, "Check the agency on its own published line first. What you propose is onboarded only when a second person of the operator approves it; then register its first administrator, who registers the rest."),
    form(
      "Propose an agency",
      [
        field("Registry code (2–16 capitals or digits)", "input", { name: "code", required: true, maxlength: 16, pattern: "[A-Za-z0-9]{2,16}", autocapitalize: "characters" }),
        field("Name", "input", { name: "name", required: true, maxlength: 200 }),
        field("Kind", "select", { name: "kind" }, kinds.map((kind) => [kind, words(kind)])),
        field("ORI (NCIC, 9 characters)", "input", { name: "ori", maxlength: 9, autocapitalize: "characters" }),
        field("State (two letters)", "input", { name: "state", required: true, maxlength: 2, autocapitalize: "characters" }),
        field("County", "input", { name: "county", maxlength: 200 }),
        field("Verification line (E.164, +1…)", "input", { name: "verification_line", type: "tel", required: true }),
        field("Work e-mail domains (comma-separated)", "input", { name: "email_domains", required: true }),
        field("Identity provider (issuer URL)", "input", { name: "issuer", type: "url", required: true }),
        field("Its keys (JWKS URL)", "input", { name: "jwks_uri", type: "url", required: true }),
      ],
      async (values) => {
        const jurisdiction = { state: values.state.trim().toUpperCase() };
        if (values.county) jurisdiction.county = values.county.trim();
        const body = {
          code: values.code.trim().toUpperCase(),
          name: values.name.trim(),
          kind: values.kind,
          jurisdiction,
          verification_line: values.verification_line.trim(),
          email_domains: list(values.email_domains),
          identity_providers: [{ issuer: values.issuer.trim(), jwks_uri: values.jwks_uri.trim() }],
        };
        if (values.ori) body.ori = values.ori.trim().toUpperCase();
        const entry = await post("/v1/organisations", body);
        announce(`Proposed ${entry.code}: it waits for a second person`);
        await proposed(entry.code);
      },
      { submit: "Propose" },
    ),
  );
}

/** On an active organisation's entry: the operator registers its first administrator (verified at once). */
function firstAdministrator(entry) {
  const provider = (entry.identity_providers || [])[0];
  const registered = h("ul", { class: "plain" });
  return h("section", { "aria-labelledby": "first-admin-heading" },
    h("h4", { id: "first-admin-heading" }, `Register an administrator of ${entry.code}`),
    h("p", { class: "muted" }, "Checked by you on the organisation's verification line: they are verified at once, and register and verify the organisation's other persons."),
    form(
      `Register an administrator of ${entry.code}`,
      [
        field("Identity provider (issuer)", "input", { name: "issuer", required: true, value: provider ? provider.issuer : "" }),
        field("Subject at the provider (their token's sub)", "input", { name: "subject", required: true, maxlength: 256 }),
        field("Name", "input", { name: "name", required: true }),
        field("Title", "input", { name: "title" }),
        field("Work e-mail", "input", { name: "email", type: "email", required: true }),
      ],
      async (values) => {
        const body = { issuer: values.issuer, subject: values.subject, name: values.name, email: values.email, roles: ["admin"] };
        if (values.title) body.title = values.title;
        const person = await post(`/v1/organisations/${encodeURIComponent(entry.code)}/administrators`, body);
        const said = `Registered ${person.name}, administrator of ${entry.code}: ${person.status}`;
        registered.append(h("li", {}, said));
        announce(said);
      },
      { submit: "Register the administrator" },
    ),
    registered,
  );
}

export const adminDesk = {
  id: "admin",
  name: "Administration",
  shownTo: (claims) => claims.scopes.has("people:admin") || claims.scopes.has("registry:admin"),

  render(view) {
    // The operator administers the registry; `/v1/people` is for agencies' and platforms' own.
    if (view.claims.scopes.has("registry:admin")) {
      view.show(`Administration · ${view.claims.org}`, registry(view));
      return;
    }
    const people = persons(view);
    view.show(`Administration · ${view.claims.org}`, people.nodes);
    people.refresh();
    view.onEvent((event) => {
      if ((event.detail_type || "").startsWith("Person")) people.refresh();
    });
  },
};
