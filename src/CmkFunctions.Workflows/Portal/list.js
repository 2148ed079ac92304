import { listAll } from "./api.js";
import { badge, h, problemAlert } from "./dom.js";
import { kinds } from "./kinds.js";
import { inProgress } from "./states.js";

/** The caller's resources; refreshed every few seconds while any of them has an operation running. */
export function renderList(view) {
  let timer;
  let stopped = false;

  async function load() {
    try {
      const resources = await listAll("/api/resources");
      if (stopped) return;
      view.replaceChildren(
        h("div", { class: "title-row" },
          h("h1", {}, "Resources"),
          h("a", { class: "button primary", href: "#/create" }, "Create")),
        resources.length === 0
          ? h("p", { class: "panel muted" }, "No resources yet. ", h("a", { href: "#/create" }, "Create one"), ".")
          : table(resources));
      if (resources.some(resource => inProgress(resource.provisioningState))) timer = setTimeout(load, 3000);
    } catch (error) {
      if (!stopped && error.status !== 401) view.replaceChildren(h("h1", {}, "Resources"), problemAlert(error));
    }
  }

  load();
  return () => { stopped = true; clearTimeout(timer); };
}

function table(resources) {
  return h("table", { class: "grid" },
    h("caption", { class: "visually-hidden" }, "Resources"),
    h("thead", {}, h("tr", {},
      ["Name", "Kind", "Region", "Provisioning state", "Encryption status"].map(title => h("th", { scope: "col" }, title)))),
    h("tbody", {}, resources.map(resource => h("tr", {},
      h("td", {}, h("a", { href: `#/resources/${encodeURIComponent(resource.name)}` }, resource.name)),
      h("td", {}, kinds[resource.kind]?.displayName ?? resource.kind),
      h("td", {}, resource.region),
      h("td", {}, badge(resource.provisioningState)),
      h("td", {}, badge(resource.encryptionStatus))))));
}
