// The console's settings, from `config.json` beside it: where the API is, and the identity
// providers to sign in with (written by `make run` locally, by the CDK stack when deployed).

let loaded = null;

export async function config() {
  if (!loaded) {
    const response = await fetch("config.json", { cache: "no-cache", credentials: "omit" });
    if (!response.ok) throw new Error(`config.json: ${response.status}`);
    loaded = await response.json();
  }
  return loaded;
}
