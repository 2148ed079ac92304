// Calls the API with the signed-in user's bearer token. A 401 signs the user out and goes back to sign-in with the
// API's reason; any other failure throws an ApiError carrying the RFC 7807 problem.
import { accessToken, signOut } from "./session.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The API answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

export async function call(method, path, body) {
  const headers = { Accept: "application/json", Authorization: `Bearer ${accessToken() ?? ""}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(sameOrigin(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (response.status === 401) {
    signOut(json?.detail ?? "The API refused the token.");
    location.hash = "#/sign-in";
    throw new ApiError(401, json);
  }
  if (!response.ok) throw new ApiError(response.status, json ?? { title: `${response.status} ${response.statusText}` });
  const operation = response.headers.get("Azure-AsyncOperation");
  return { status: response.status, body: json, operation: operation ? sameOrigin(operation) : null };
}

/** Every item of an ARM list: each page's value, following nextLink until a page has none. */
export async function listAll(path) {
  const items = [];
  for (let next = path; next;) {
    const { body } = await call("GET", next);
    items.push(...(body?.value ?? []));
    next = body?.nextLink;
  }
  return items;
}

/** Location, Azure-AsyncOperation and nextLink are absolute; the page calls its own origin only. */
function sameOrigin(url) {
  const parsed = new URL(url, location.origin);
  return parsed.pathname + parsed.search;
}

export const resourcePath = name => `/api/resources/${encodeURIComponent(name)}`;
