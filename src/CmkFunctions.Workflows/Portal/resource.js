import { call, resourcePath } from "./api.js";
import { badge, copyable, formatBytes, formatTime, h, problemAlert } from "./dom.js";
import { kinds } from "./kinds.js";
import { inProgress, keyVersion, timeLeft } from "./states.js";

/**
 * One resource, like the Azure portal's Encryption blade: key, vault, identity, the authorization deadline with a live
 * countdown, key access, disks with their progress, and the key wraps. Refreshes every few seconds while an operation runs.
 */
export function renderResource(view, name) {
  let refresh;
  let countdown;
  let stopped = false;
  let notice = null;
  let shown = null;

  async function load() {
    clearTimeout(refresh);
    try {
      const { body } = await call("GET", resourcePath(name));
      if (stopped) return;
      // Rendering only what changed keeps the reader's place and focus while the view refreshes itself.
      const snapshot = JSON.stringify([body, notice?.message]);
      if (snapshot !== shown) {
        shown = snapshot;
        view.replaceChildren(...render(body, { onAuthorize: authorize, onDelete: remove, notice }).filter(Boolean));
        startCountdown(body);
      }
      if (inProgress(body.provisioningState)) refresh = setTimeout(load, 3000);
    } catch (error) {
      if (stopped || error.status === 401) return;
      view.replaceChildren(h("h1", {}, name), problemAlert(error), h("p", {}, h("a", { href: "#/resources" }, "Back to resources")));
    }
  }

  function startCountdown(resource) {
    clearInterval(countdown);
    const output = view.querySelector("#deadline-countdown");
    if (!output || !resource.authorizationDeadline) return;
    countdown = setInterval(() => { output.textContent = timeLeft(resource.authorizationDeadline); }, 1000);
  }

  async function authorize() {
    try {
      await call("POST", `${resourcePath(name)}/authorize`);
      notice = null;
    } catch (error) {
      notice = error;
    }
    load();
  }

  async function remove() {
    if (!window.confirm(`Delete ${name}? Its disks and its identity are deleted with it.`)) return;
    try {
      await call("DELETE", resourcePath(name));
      location.hash = "#/resources";
    } catch (error) {
      notice = error;
      load();
    }
  }

  load();
  return () => { stopped = true; clearTimeout(refresh); clearInterval(countdown); };
}

function render(resource, { onAuthorize, onDelete, notice }) {
  const kind = kinds[resource.kind];
  const encryption = resource.encryption ?? {};
  const canChangeKey = resource.provisioningState === "Succeeded" && (kind?.keyChanges || kind?.keySourceSwitches.length);
  return [
    h("p", { class: "crumbs" }, h("a", { href: "#/resources" }, "Resources"), " / ", resource.name),
    h("div", { class: "title-row" },
      h("div", {},
        h("h1", {}, resource.name),
        h("p", { class: "muted" }, `${kind?.displayName ?? resource.kind} · ${resource.region} · subscription ${resource.subscriptionId}`)),
      h("div", { class: "actions" },
        canChangeKey ? h("a", { class: "button primary", href: `#/resources/${encodeURIComponent(resource.name)}/change-key` }, "Change key") : null,
        resource.provisioningState === "WaitingForKey" ? h("button", { type: "button", onclick: onAuthorize }, "Check access now") : null,
        h("button", { type: "button", class: "danger", onclick: onDelete }, "Delete"))),
    notice ? problemAlert(notice) : null,
    h("div", { class: "badges" },
      h("span", {}, "Provisioning state ", h("span", { id: "provisioning-state" }, badge(resource.provisioningState))),
      h("span", {}, "Encryption status ", h("span", { id: "encryption-status" }, badge(resource.encryptionStatus))),
      inProgress(resource.provisioningState) ? h("span", { class: "muted refreshing" }, "Refreshing every 3 s") : null),
    resource.error ? h("div", { class: "alert", role: "alert" }, h("strong", {}, resource.error.code), h("p", {}, resource.error.message)) : null,
    waiting(resource),
    section("Encryption", fields([
      ["Key source", encryption.keySource === "Microsoft.KeyVault" ? "Customer-managed key (Microsoft.KeyVault)" : "Microsoft-managed key (Microsoft.Platform)", "key-source"],
      ["Key URI", copyable(encryption.keyUri, "key URI"), "key-uri"],
      ["Active key version", keyVersion(encryption.activeKeyId) ?? "—", "active-key-version"],
      ["Active key", copyable(encryption.activeKeyId, "active key"), "active-key"],
      ["Key vault", copyable(encryption.keyVaultResourceId, "key vault resource id"), "key-vault"],
    ])),
    section("Identity", resource.identity
      ? fields([
          ["Type", resource.identity.type === "system" ? "System-assigned" : "User-assigned", "identity-type"],
          ["Principal (object) id", copyable(resource.identity.principalId, "principal id"), "principal-id"],
          ["Client id", copyable(resource.identity.clientId, "client id"), "client-id"],
        ])
      : h("p", { class: "muted" }, "No identity.")),
    section("Key access", keyAccess(resource)),
    section("Disks", disks(resource)),
    section("Key wraps", keyWraps(encryption.keyWraps ?? [])),
  ];
}

function waiting(resource) {
  if (resource.provisioningState !== "WaitingForKey") return null;
  return h("section", { class: "panel waiting", "aria-labelledby": "waiting-title" },
    h("h2", { id: "waiting-title" }, "Waiting for access to the key"),
    h("p", {}, "Grant the identity below Get, Wrap Key and Unwrap Key on the key (an access policy, or the role Key Vault Crypto Service Encryption User). The service checks again every few seconds."),
    fields([
      ["Authorization deadline", formatTime(resource.authorizationDeadline), "authorization-deadline"],
      ["Time left", h("span", { id: "deadline-countdown", role: "timer" }, resource.authorizationDeadline ? timeLeft(resource.authorizationDeadline) : "—"), null],
      ["Reason", resource.keyAccess?.reason ?? "—", "waiting-reason"],
    ]));
}

function keyAccess(resource) {
  const access = resource.keyAccess ?? {};
  return fields([
    ["Last confirmed", formatTime(access.lastConfirmedAt), "access-confirmed"],
    ["Inaccessible since", formatTime(access.inaccessibleSince), "access-lost"],
    ["Reason", access.reason ?? "—", "access-reason"],
    ["Warning", access.warning ? `${access.warning.code}: ${access.warning.message}` : "—", "access-warning"],
  ]);
}

function disks(resource) {
  if (!resource.disks?.length) return h("p", { class: "muted" }, "No disks.");
  return h("div", {},
    resource.progress ? progressBar(resource.progress, "Overall") : null,
    h("table", { class: "grid" },
      h("caption", { class: "visually-hidden" }, "Disks"),
      h("thead", {}, h("tr", {}, ["Name", "Kind", "Size", "Key source", "State", "Progress"].map(title => h("th", { scope: "col" }, title)))),
      h("tbody", {}, resource.disks.map(disk => h("tr", {},
        h("td", {}, disk.name),
        h("td", {}, disk.kind),
        h("td", {}, formatBytes(disk.sizeBytes)),
        h("td", { title: disk.reason ?? "" }, disk.keySource, disk.reason ? h("div", { class: "muted small" }, disk.reason) : null),
        h("td", {}, badge(disk.state)),
        h("td", {}, disk.progress ? progressBar(disk.progress, disk.name) : "—"))))));
}

function progressBar(progress, label) {
  const total = progress.chunksTotal || 0;
  return h("div", { class: "progress" },
    h("progress", { max: total || 1, value: total ? progress.chunksDone : 0, "aria-label": `${label} progress` }),
    h("span", { class: "small" }, `${progress.chunksDone}/${progress.chunksTotal} chunks · ${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}`));
}

function keyWraps(wraps) {
  if (!wraps.length) return h("p", { class: "muted" }, "The resource key has not been wrapped yet.");
  return h("table", { class: "grid" },
    h("caption", { class: "visually-hidden" }, "Key wraps"),
    h("thead", {}, h("tr", {}, ["When", "Key", "Version", "Trigger"].map(title => h("th", { scope: "col" }, title)))),
    h("tbody", {}, wraps.map(wrap => h("tr", {},
      h("td", {}, formatTime(wrap.at)),
      h("td", {}, h("code", {}, wrap.keyId)),
      h("td", {}, keyVersion(wrap.keyId) ?? "—"),
      h("td", {}, wrap.trigger)))));
}

function section(title, content) {
  const id = `section-${title.toLowerCase().replace(/\s+/g, "-")}`;
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), content);
}

function fields(rows) {
  return h("dl", { class: "fields" }, rows.flatMap(([label, value, id]) => [h("dt", {}, label), h("dd", { id }, value)]));
}
