import { call, resourcePath } from "./api.js";
import { h, problemAlert } from "./dom.js";
import { field, select, showRefusal } from "./forms.js";
import { keyHint, kinds } from "./kinds.js";
import { keyVersion, versionlessKey } from "./states.js";

/**
 * The change-key form (PATCH /api/resources/{name}/encryption): key source, key, version (empty follows the latest
 * where the kind allows it), vault and re-encryption. Once accepted it follows the operation to its end.
 */
export function renderChangeKey(view, name) {
  let stopped = false;
  let poll;

  async function load() {
    try {
      const { body } = await call("GET", resourcePath(name));
      if (!stopped) view.replaceChildren(form(body));
    } catch (error) {
      if (!stopped && error.status !== 401) view.replaceChildren(h("h1", {}, `Change key: ${name}`), problemAlert(error));
    }
  }

  function form(resource) {
    const rule = kinds[resource.kind];
    const encryption = resource.encryption ?? {};
    const sources = [["Microsoft.KeyVault", "Customer-managed key (CMK)"], ["Microsoft.Platform", "Microsoft-managed key (MMK)"]]
      .filter(([value]) => value === encryption.keySource || rule?.keySourceSwitches.includes(value));
    const keySource = select("key-source", sources, encryption.keySource);
    const keyUri = h("input", { id: "key-uri", name: "keyUri", type: "url", required: true, value: versionlessKey(encryption.keyUri ?? encryption.activeKeyId), autocomplete: "off" });
    const version = h("input", { id: "key-version", name: "keyVersion", value: keyVersion(encryption.keyUri) ?? "", autocomplete: "off" });
    const vault = h("input", { id: "key-vault", name: "keyVaultResourceId", value: encryption.keyVaultResourceId ?? "", autocomplete: "off" });
    const reencrypt = h("input", { id: "reencrypt", name: "reencrypt", type: "checkbox" });
    const keyFields = h("div", {},
      field("Key URI (without version)", keyUri, { target: "keyUri", help: keyHint(resource.kind) }),
      field("Key version", version, {
        help: rule?.versionedKeyRequired ? "Required: this kind pins one key version." : "Empty: follow the key's latest version. Given: pin that version.",
      }),
      field("Key vault resource id", vault, { target: "keyVaultResourceId" }));
    const status = h("div", { class: "form-status", "aria-live": "polite" });
    const submit = h("button", { type: "submit", class: "primary" }, "Save");
    const element = h("form", { class: "panel", "aria-labelledby": "change-title", novalidate: true },
      h("p", { class: "crumbs" }, h("a", { href: "#/resources" }, "Resources"), " / ",
        h("a", { href: `#/resources/${encodeURIComponent(name)}` }, name), " / Change key"),
      h("h1", { id: "change-title" }, `Change key: ${name}`),
      h("p", { class: "muted" }, "Active key: ", h("code", {}, encryption.activeKeyId ?? "—")),
      rule?.keySourceSwitchWarning ? h("p", { class: "alert warn" }, rule.keySourceSwitchWarning) : null,
      field("Key source", keySource, { target: "keySource" }),
      keyFields,
      h("div", { class: "field checkbox" }, reencrypt, h("label", { for: "reencrypt" }, "Also re-encrypt every disk with a new data-encryption key")),
      status,
      h("div", { class: "actions" }, submit, h("a", { class: "button", href: `#/resources/${encodeURIComponent(name)}` }, "Cancel")));

    const followSource = () => { keyFields.hidden = keySource.value !== "Microsoft.KeyVault"; };
    keySource.addEventListener("change", followSource);
    followSource();

    element.addEventListener("submit", async event => {
      event.preventDefault();
      const change = { keySource: keySource.value, reencrypt: reencrypt.checked };
      if (keySource.value === "Microsoft.KeyVault") {
        const base = keyUri.value.trim().replace(/\/+$/, "");
        change.keyUri = version.value.trim() ? `${base}/${version.value.trim()}` : base;
        change.keyVaultResourceId = vault.value.trim();
      }
      submit.disabled = true;
      status.replaceChildren(h("p", { class: "muted" }, "Sending…"));
      try {
        const { operation } = await call("PATCH", `${resourcePath(name)}/encryption`, change);
        follow(operation, status);
      } catch (error) {
        submit.disabled = false;
        if (error.status !== 401) showRefusal(element, status, error);
      }
    });
    return element;
  }

  async function follow(operation, status) {
    try {
      const { body } = await call("GET", operation);
      if (stopped) return;
      status.replaceChildren(h("p", { id: "operation-status" }, `Operation ${body.action ?? ""} ${body.status}`));
      if (body.status === "InProgress") {
        poll = setTimeout(() => follow(operation, status), 2000);
      } else if (body.status === "Succeeded") {
        location.hash = `#/resources/${encodeURIComponent(name)}`;
      } else {
        status.append(problemAlert({ problem: { title: `The operation ${body.status.toLowerCase()}.`, detail: body.error?.message } }));
      }
    } catch (error) {
      if (!stopped && error.status !== 401) status.replaceChildren(problemAlert(error));
    }
  }

  load();
  return () => { stopped = true; clearTimeout(poll); };
}
