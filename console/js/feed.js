// New events without a reload: the organisation's event feed (`GET /v1/events`, docs/events/feed.md),
// read from where it stands when the desk opens, then polled. Each event is handed to the
// listeners once (the feed may repeat an id: delivery is at least once).

import { get, withQuery } from "./api.js";

const listeners = new Set();
const seen = new Set();
let cursor = null;
let timer = null;
let running = false;

/** Whether the token may read the feed: agencies, platforms, watch centers and the operator
 * (oversight reads none: its reports are not news). */
export function readsFeed(claims) {
  return ["cases:read", "legal:respond", "tips:submit", "preservations:respond", "conflicts:watch", "registry:admin"].some((scope) =>
    claims.scopes.has(scope));
}

/** `listener(event)` for every new event (`event.detail_type`, `event.detail`); returns the unsubscribe. */
export function onEvent(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function page() {
  const answer = await get(withQuery("/v1/events", { after: cursor, limit: 100 }));
  cursor = answer.next_cursor || cursor;
  return answer.items || [];
}

/** Catches up to now (what is there already is on the desks), then polls every `seconds`. */
export async function startFeed(seconds = 5) {
  clearTimeout(timer);
  cursor = null;
  running = true;
  try {
    for (let pages = 0; pages < 50; pages += 1) {
      const items = await page();
      for (const item of items) seen.add(item.id);
      if (items.length < 100) break;
    }
  } catch (error) {
    console.warn("feed: cannot catch up", error.title || error);
    return;
  }
  const poll = async () => {
    if (!running) return;
    try {
      for (const item of await page()) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        for (const listener of listeners) listener(item);
      }
    } catch (error) {
      if (running) console.warn("feed: poll failed", error.title || error); // not once signed out
    }
    if (running) timer = setTimeout(poll, seconds * 1000);
  };
  timer = setTimeout(poll, seconds * 1000);
}

export function stopFeed() {
  running = false;
  clearTimeout(timer);
  listeners.clear();
  seen.clear();
  cursor = null;
}
