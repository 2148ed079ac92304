// The page's router: #/sign-in, #/resources, #/create, #/resources/{name}, #/resources/{name}/change-key. Without a
// token every view but sign-in sends the user to sign in.
import { renderChangeKey } from "./change-key.js";
import { renderCreate } from "./create.js";
import { h } from "./dom.js";
import { renderList } from "./list.js";
import { renderResource } from "./resource.js";
import { accessToken, claims, signOut } from "./session.js";
import { renderSignIn } from "./signin.js";

const view = document.getElementById("view");
const session = document.getElementById("session");
let leave = null;

function route() {
  leave?.();
  leave = null;
  renderSession();
  const path = location.hash.replace(/^#/, "") || "/resources";
  if (path === "/sign-in" || !accessToken()) {
    if (path !== "/sign-in") {
      location.hash = "#/sign-in";
      return;
    }
    renderSignIn(view);
    return;
  }
  const resource = path.match(/^\/resources\/([^/]+)(\/change-key)?$/);
  if (resource) {
    const name = decodeURIComponent(resource[1]);
    leave = resource[2] ? renderChangeKey(view, name) : renderResource(view, name);
  } else if (path === "/create") {
    leave = renderCreate(view);
  } else {
    leave = renderList(view);
  }
}

/** Who is signed in, from the token's claims (display only). */
function renderSession() {
  const user = claims();
  if (!user) {
    session.replaceChildren(h("span", { class: "muted" }, "Not signed in"));
    return;
  }
  const roles = Array.isArray(user.roles) ? user.roles : user.roles ? [user.roles] : [];
  const expires = user.exp ? new Date(user.exp * 1000).toLocaleTimeString() : "—";
  session.replaceChildren(
    h("details", { class: "who" },
      h("summary", { id: "signed-in-as" }, user.name ?? user.upn ?? user.appid ?? user.oid ?? "Signed in"),
      h("dl", { class: "fields" },
        h("dt", {}, "Tenant (tid)"), h("dd", { id: "claim-tid" }, user.tid ?? "—"),
        h("dt", {}, "Object id (oid)"), h("dd", { id: "claim-oid" }, user.oid ?? "—"),
        h("dt", {}, "Roles"), h("dd", { id: "claim-roles" }, roles.length ? roles.join(", ") : "none"),
        h("dt", {}, "Expires"), h("dd", {}, expires))),
    h("button", { type: "button", onclick: () => { signOut(); location.hash === "#/sign-in" ? route() : (location.hash = "#/sign-in"); } }, "Sign out"));
}

window.addEventListener("hashchange", route);
route();
