// The console's start: its settings, the return from the identity provider (or the sign-in
// screen), then the desks the person's token calls for, and the event feed that keeps them
// current. Where the person is (which desk, which request) is kept in this page's memory, never
// in the URL or in storage.

import { config } from "./config.js";
import { completeSignIn, current, signIn, signOut } from "./auth.js";
import { h, fill, announce, failure, startClocks } from "./dom.js";
import { desksFor } from "./desks/index.js";
import { turns } from "./parts.js";
import { onEvent, readsFeed, startFeed, stopFeed } from "./feed.js";

const main = document.getElementById("main");
const nav = document.getElementById("desks");
let unsubscribe = [];
let feedSeconds = 5; // `config.json`'s pace, for the feed and the desks that poll
// Each desk shown and each page opened takes a turn; only the latest draws. A page that
// answers after the person went on (a slow read of one conflict, then another opened) never
// shows over where they are now.
const navigation = turns();

function leave() {
  for (const stop of unsubscribe) stop();
  unsubscribe = [];
}

/** What a desk draws with: the page's heading and content, its pages, its events. */
function makeView(claims, desk) {
  const shown = navigation();
  const draw = (title, ...content) => {
    const heading = h("h1", { tabindex: "-1" }, title);
    fill(main, heading, ...content);
    // The desk's name, never the page's heading: a case's title is case content, and a tab's
    // title reaches the history, the task switcher and a shared screen.
    document.title = `${desk.name} · casebridge console`;
    heading.focus();
    announce(title);
  };
  const view = {
    claims,
    show(title, ...content) {
      if (shown()) draw(title, ...content);
    },
    async open(build) {
      leave();
      const latest = navigation();
      const back = () => h("button", { type: "button", class: "quiet", onclick: () => showDesk(claims, desk) }, `Back to the ${desk.name.toLowerCase()}`);
      const page = {
        /** Draws, if this is still the page the person opened; whether it drew: a page that
         * did not stops there (no section read, no listener). */
        show: (title, ...content) => {
          const drawn = latest();
          if (drawn) draw(title, back(), ...content);
          return drawn;
        },
        back: () => showDesk(claims, desk),
      };
      fill(main, h("p", { class: "muted", "aria-busy": "true" }, "Loading…"));
      try {
        await build(page);
      } catch (error) {
        if (latest()) draw("Could not open it", back(), failure(error));
      }
    },
    onEvent(listener) {
      unsubscribe.push(onEvent(listener));
    },
    /** `act()` every `seconds` (the feed's pace unless told) while the desk is shown. */
    every(act, seconds) {
      const timer = setInterval(act, 1000 * (seconds || feedSeconds));
      unsubscribe.push(() => clearInterval(timer));
    },
  };
  return view;
}

function showDesk(claims, desk) {
  leave();
  for (const button of nav.querySelectorAll("button")) {
    if (button.dataset.desk === desk.id) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  desk.render(makeView(claims, desk));
}

function showDesks(session, settings) {
  const { claims } = session;
  feedSeconds = settings.feed_seconds || 5;
  const desks = desksFor(claims);
  fill(nav, desks.map((desk) => h("button", {
    type: "button", dataset: { desk: desk.id }, onclick: () => showDesk(claims, desk),
  }, desk.name)));
  nav.hidden = false;
  fill(document.getElementById("who-name"), `${claims.name || claims.sub} · ${claims.org}`);
  document.getElementById("who").hidden = false;
  if (!desks.length) {
    navigation(); // a page still loading never draws over it
    fill(main, h("h1", { tabindex: "-1" }, "No desk for you"), h("p", {}, "Your token's scopes call for none of the console's desks."));
    return;
  }
  showDesk(claims, desks[0]);
  // `GET /v1/events` serves agencies and platforms: the operator's desk is current after each of
  // its own acts, the watch floor polls its list (`view.every`).
  if (readsFeed(claims)) startFeed(settings.feed_seconds || 5);
}

function showSignIn(settings, problem) {
  leave();
  navigation(); // a page read with the token that ended never draws over the sign-in
  stopFeed();
  nav.hidden = true;
  document.getElementById("who").hidden = true;
  const heading = h("h1", { tabindex: "-1" }, "Sign in");
  fill(
    main,
    heading,
    problem ? failure(problem) : null,
    h("p", {}, "Sign in with your organisation's identity provider. The console keeps your token in this page only: a reload or closing the tab signs you out."),
    settings.providers.length ? null : h("p", { class: "notice" }, "No identity provider is configured for this console."),
    h("ul", { class: "plain" }, settings.providers.map((provider) => h("li", {},
      h("button", { type: "button", onclick: () => signIn(provider) }, `Sign in with ${provider.label}`),
      provider.organisations && provider.organisations.length
        ? h("p", { class: "muted" }, `For ${provider.organisations.join(", ")}`) : null,
    ))),
  );
  document.title = "Sign in · casebridge console";
  heading.focus();
}

async function start() {
  startClocks();
  const settings = await config();
  document.getElementById("sign-out").addEventListener("click", () => {
    signOut();
    showSignIn(settings);
    announce("Signed out");
  });
  addEventListener("casebridge:signed-out", (event) => {
    if (!current() && nav.hidden) return; // already on the sign-in screen
    signOut();
    showSignIn(settings, { title: event.detail.title || "Signed out", detail: event.detail.detail || "sign in again" });
  });
  let session = null;
  try {
    session = await completeSignIn(settings);
  } catch (error) {
    showSignIn(settings, error);
    return;
  }
  if (session || current()) showDesks(session || current(), settings);
  else showSignIn(settings);
}

start().catch((error) => fill(main, h("h1", {}, "The console could not start"), failure(error)));

