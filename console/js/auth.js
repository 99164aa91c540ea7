// Sign-in: OpenID Connect's authorization code flow with PKCE (RFC 7636, S256) against the
// organisation's identity provider. The token lives in this module's memory only: never in
// storage, a cookie or the URL; a reload signs in again. The one thing kept across the
// redirect to the provider is the PKCE verifier and state, in sessionStorage, removed on return.

const PENDING = "casebridge.signin";
let session = null;

function base64url(bytes) {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function randomText(size = 48) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

async function challengeOf(verifier) {
  return base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
}

/** Where the provider sends the browser back: this page, without query or fragment. */
export function redirectUri() {
  return location.origin + location.pathname;
}

/** Off to `provider`'s authorize endpoint. */
export async function signIn(provider) {
  const verifier = randomText();
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, provider: provider.name }));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: provider.client_id,
    redirect_uri: redirectUri(),
    scope: "openid",
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: "S256",
  });
  location.assign(`${provider.authorization_endpoint}?${query}`);
}

/**
 * On the way back from the provider: the code exchanged for a token at its token endpoint, and
 * the code and state taken out of the address bar. Null when this load is not a return.
 */
export async function completeSignIn(settings) {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return null;
  history.replaceState(null, "", redirectUri());
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  sessionStorage.removeItem(PENDING);
  if (params.has("error")) throw new Error(`the identity provider refused: ${params.get("error")}`);
  if (!pending || pending.state !== params.get("state")) throw new Error("sign-in state did not match; sign in again");
  const provider = settings.providers.find((each) => each.name === pending.provider);
  if (!provider) throw new Error("unknown identity provider");
  const response = await fetch(provider.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    credentials: "omit",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: redirectUri(),
      client_id: provider.client_id,
      code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json();
  if (!response.ok || !answer.access_token) throw new Error(`sign-in failed: ${answer.error || response.status}`);
  session = { token: answer.access_token, claims: claimsOf(answer.access_token) };
  return session;
}

/** The token's claims, read to choose the desks (the API verifies the token; this only reads it). */
function claimsOf(token) {
  const payload = token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  return { ...claims, scopes: new Set((claims.scope || "").split(" ").filter(Boolean)) };
}

export function current() {
  if (session && session.claims.exp * 1000 <= Date.now()) session = null;
  return session;
}

export function signOut() {
  session = null;
}
