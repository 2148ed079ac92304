// The signed-in user's access token, kept in sessionStorage (this tab only) and sent as a bearer token. Its claims are
// decoded for display only: the API validates the token itself.
const TokenKey = "cmk.accessToken";
const ReasonKey = "cmk.signOutReason";

export function accessToken() {
  return sessionStorage.getItem(TokenKey);
}

/** @returns the token's claims, or throws with a sentence saying why the text is not a usable token. */
export function signIn(text) {
  const token = text.trim().replace(/^Bearer\s+/i, "");
  const claims = decode(token);
  if (!claims) throw new Error("That is not a JSON Web Token (three dot-separated parts); paste the access_token value.");
  if (claims.exp && claims.exp * 1000 < Date.now()) throw new Error(`That token expired at ${new Date(claims.exp * 1000).toLocaleString()}; get a new one.`);
  sessionStorage.setItem(TokenKey, token);
  sessionStorage.removeItem(ReasonKey);
  return claims;
}

export function signOut(reason) {
  sessionStorage.removeItem(TokenKey);
  if (reason) sessionStorage.setItem(ReasonKey, reason);
  else sessionStorage.removeItem(ReasonKey);
}

/** Why the user was last signed out by the API (a 401), if it was. */
export function signOutReason() {
  return sessionStorage.getItem(ReasonKey);
}

export function claims() {
  const token = accessToken();
  return token ? decode(token) : null;
}

function decode(token) {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(parts[1].length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), character => character.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === "object" && payload !== null ? payload : null;
  } catch {
    return null;
  }
}
