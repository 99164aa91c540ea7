// The public API, with the signed-in person's token: JSON in and out, an Idempotency-Key on
// every creating POST, the ETag of a read sent back as If-Match on its update, problems
// (RFC 9457) thrown as `Problem`s the desks show.

import { config } from "./config.js";
import { current } from "./auth.js";

export class Problem extends Error {
  constructor(status, body) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.title = body.title || `HTTP ${status}`;
    this.detail = body.detail || "";
    this.errors = body.errors || [];
    // A refused act's code (`mfa_too_weak`, `not_verified`…): docs/concepts/verified-requesters.md.
    this.reason = body.reason || "";
  }
}

/** The answer and its ETag (`{answer, etag}`); `call` is the answer alone. */
async function send(method, path, body, accept = "application/json", etag = undefined) {
  const settings = await config();
  const session = current();
  if (!session) {
    dispatchEvent(new CustomEvent("casebridge:signed-out", { detail: { title: "Signed out", detail: "your session ended: sign in again" } }));
    throw new Problem(401, { title: "Signed out", detail: "sign in again" });
  }
  const headers = { Authorization: `Bearer ${session.token}`, Accept: accept };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method === "POST") headers["Idempotency-Key"] = crypto.randomUUID();
  if (etag) headers["If-Match"] = etag;
  const response = await fetch(settings.api_url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
    referrerPolicy: "no-referrer",
  });
  if (response.ok && !accept.includes("json")) return { answer: await response.blob() }; // a chart or a CSV, as it came
  const text = await response.text();
  const answer = text && (response.headers.get("Content-Type") || "").includes("json") ? JSON.parse(text) : null;
  if (response.status === 401) {
    // The token ran out or was refused: back to the sign-in, saying why (main.js listens).
    dispatchEvent(new CustomEvent("casebridge:signed-out", { detail: answer || {} }));
  }
  if (!response.ok) throw new Problem(response.status, answer || {});
  return { answer, etag: response.headers.get("ETag") };
}

const call = async (...args) => (await send(...args)).answer;

/**
 * A file's bytes: `path` answers 303 to a presigned URL on another origin (the evidence bucket),
 * which the browser follows without the token (current browsers drop `Authorization` on a
 * redirect to another origin; an older one would ask the bucket first, whose CORS allows no
 * `Authorization`, and the download fails rather than send it); the URL is never shown, kept or
 * put in the address bar.
 */
export async function fileBytes(path) {
  const settings = await config();
  const session = current();
  if (!session) throw new Problem(401, { title: "Signed out", detail: "sign in again" });
  const response = await fetch(settings.api_url + path, {
    headers: { Authorization: `Bearer ${session.token}` },
    credentials: "omit",
    cache: "no-store",
    referrerPolicy: "no-referrer",
    redirect: "follow",
  });
  if (!response.ok) {
    const text = await response.text();
    const answer = text && (response.headers.get("Content-Type") || "").includes("json") ? JSON.parse(text) : {};
    throw new Problem(response.status, answer);
  }
  return response.arrayBuffer();
}

export const get = (path) => call("GET", path);
/** A change; `etag` (If-Match) where it must be of the version read (a registry entry's refusal, suspension, reinstatement). */
export const post = (path, body, etag) => call("POST", path, body, "application/json", etag);
/** A mutable resource and its ETag, to send back with `patch`: `{answer, etag}`. */
export const getTagged = (path) => send("GET", path);
/** An update of what was read with `etag` (If-Match): a 412 if it changed since. */
export const patch = (path, body, etag) => call("PATCH", path, body, "application/json", etag);
export const remove = (path) => call("DELETE", path);
/** The same read in another media type: JSON ones (`application/geo+json`) parsed, others as a `Blob`. */
export const getAs = (path, accept) => call("GET", path, undefined, accept);

/** A path with its query: `withQuery("/v1/tips", {status: "new"})`; empty values left out. */
export function withQuery(path, query = {}) {
  const kept = Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== "");
  return kept.length ? `${path}?${new URLSearchParams(kept)}` : path;
}

/** Every item of a list, following `next_cursor` up to `pages` pages of 100. */
export async function all(path, query = {}, pages = 5) {
  const items = [];
  let cursor;
  for (let page = 0; page < pages; page += 1) {
    const answer = await get(withQuery(path, { ...query, limit: 100, cursor }));
    items.push(...answer.items);
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return items;
}
