import { call, resourcePath } from "./api.js";
import { h } from "./dom.js";
import { field, select, showRefusal } from "./forms.js";
import { keyHint, kinds } from "./kinds.js";

/** The create form: its fields follow the chosen kind's rules; a 400 shows every violation beside the form. */
export function renderCreate(view) {
  const name = h("input", { id: "name", name: "name", required: true, pattern: "[A-Za-z0-9][A-Za-z0-9-]*", maxlength: 63, autocomplete: "off" });
  const kind = select("kind", Object.entries(kinds).map(([value, rule]) => [value, rule.displayName]), "hpc-cache");
  const region = h("input", { id: "region", name: "region", required: true, value: "eastus" });
  const subscription = h("input", { id: "subscription", name: "subscription", required: true, autocomplete: "off" });
  const keySource = select("key-source", [["Microsoft.KeyVault", "Customer-managed key (CMK)"], ["Microsoft.Platform", "Microsoft-managed key (MMK)"]], "Microsoft.KeyVault");
  const keyUri = h("input", { id: "key-uri", name: "keyUri", type: "url", autocomplete: "off" });
  const vault = h("input", { id: "key-vault", name: "keyVaultResourceId", autocomplete: "off" });
  const identityType = h("select", { id: "identity-type", name: "identityType" });
  const clientId = h("input", { id: "client-id", name: "clientId", autocomplete: "off" });
  const keyFields = h("div", {},
    field("Key URI", keyUri, { target: "encryption.keyUri", help: keyHint(kind.value) }),
    field("Key vault resource id", vault, { target: "encryption.keyVaultResourceId", help: "/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/…" }));
  const clientField = field("User-assigned identity client id", clientId, { target: "encryption.identity.clientId" });
  const properties = h("fieldset", { class: "properties" });
  const disks = h("fieldset", { class: "disks" });
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary" }, "Create");

  const form = h("form", { class: "panel", "aria-labelledby": "create-title", novalidate: true },
    h("h1", { id: "create-title" }, "Create a resource"),
    h("div", { class: "columns" },
      h("div", {},
        field("Name", name, { target: "name", help: "Letters, digits and hyphens." }),
        field("Kind", kind, { target: "kind" }),
        field("Region", region, { target: "region" }),
        field("Subscription id", subscription, { target: "subscriptionId" })),
      h("div", {},
        field("Key source", keySource, { target: "encryption.keySource" }),
        keyFields,
        field("Identity", identityType, { target: "encryption.identity.type" }),
        clientField)),
    properties,
    disks,
    status,
    h("div", { class: "actions" }, submit, h("a", { class: "button", href: "#/resources" }, "Cancel")));

  let diskRows = [];

  function followKind() {
    const rule = kinds[kind.value];
    keyFields.querySelector(`#${keyUri.id}-help`).textContent = keyHint(kind.value);
    identityType.replaceChildren(...rule.identityTypes.map(type =>
      h("option", { value: type }, type === "system" ? "System-assigned" : "User-assigned")));
    renderProperties(rule);
    diskRows = [];
    disks.replaceChildren(h("legend", {}, "Disks"), h("div", { class: "disk-rows" }),
      h("button", { type: "button", onclick: () => addDisk(rule) }, "Add disk"));
    addDisk(rule);
    followChoices();
  }

  function followChoices() {
    keyFields.hidden = keySource.value !== "Microsoft.KeyVault";
    clientField.hidden = identityType.value !== "user";
    for (const property of properties.querySelectorAll("[data-only-when]")) {
      const [other, value] = property.dataset.onlyWhen.split("=");
      property.hidden = form.querySelector(`#property-${other}`)?.value !== value;
    }
  }

  function renderProperties(rule) {
    properties.hidden = rule.properties.length === 0;
    properties.replaceChildren(h("legend", {}, "Properties"), ...rule.properties.map(property => {
      const id = `property-${property.name}`;
      const values = property.values === "boolean" ? ["false", "true"] : property.values;
      const options = property.required ? values : ["", ...values];
      const control = select(id, options.map(value => [value, value || "(not set)"]), options[0]);
      control.addEventListener("change", followChoices);
      const wrapper = field(property.name, control, { target: `properties.${property.name}` });
      if (property.onlyWhen) {
        const [other, value] = Object.entries(property.onlyWhen)[0];
        wrapper.dataset.onlyWhen = `${other}=${value}`;
      }
      return wrapper;
    }));
  }

  function addDisk(rule) {
    const index = diskRows.length;
    const row = {
      name: h("input", { id: `disk-${index}-name`, value: index === 0 ? `${rule.diskKinds[0]}0` : "", required: true }),
      kind: select(`disk-${index}-kind`, rule.diskKinds.map(value => [value, value]), rule.diskKinds[0]),
      size: h("input", { id: `disk-${index}-size`, type: "number", min: 1, step: 1, value: 1048576, required: true }),
    };
    diskRows.push(row);
    const element = h("div", { class: "disk-row" },
      field(`Disk ${index + 1} name`, row.name, { target: `disks[${index}].name` }),
      field(`Disk ${index + 1} kind`, row.kind, { target: `disks[${index}].kind` }),
      field(`Disk ${index + 1} size (bytes)`, row.size, { target: `disks[${index}].sizeBytes` }),
      h("button", { type: "button", class: "link", "aria-label": `Remove disk ${index + 1}`, onclick: () => { element.remove(); row.removed = true; } }, "Remove"));
    disks.querySelector(".disk-rows").append(element);
  }

  function body() {
    const rule = kinds[kind.value];
    const identity = { type: identityType.value };
    if (identityType.value === "user") identity.clientId = clientId.value.trim();
    const encryption = { keySource: keySource.value, identity };
    if (keySource.value === "Microsoft.KeyVault") {
      encryption.keyUri = keyUri.value.trim();
      encryption.keyVaultResourceId = vault.value.trim();
    }
    const values = {};
    for (const property of rule.properties) {
      const control = form.querySelector(`#property-${property.name}`);
      if (control.closest("[hidden]") || control.value === "") continue;
      values[property.name] = property.values === "boolean" ? control.value === "true" : control.value;
    }
    return {
      kind: kind.value,
      region: region.value.trim(),
      subscriptionId: subscription.value.trim(),
      encryption,
      disks: diskRows.filter(row => !row.removed).map((row, index) => {
        // The API names a disk by its place in the request, which moves up when a row above is removed.
        row.name.dataset.target = `disks[${index}].name`;
        row.kind.dataset.target = `disks[${index}].kind`;
        row.size.dataset.target = `disks[${index}].sizeBytes`;
        return { name: row.name.value.trim(), kind: row.kind.value, sizeBytes: Number(row.size.value) };
      }),
      properties: values,
    };
  }

  kind.addEventListener("change", followKind);
  keySource.addEventListener("change", followChoices);
  identityType.addEventListener("change", followChoices);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    if (!name.value.trim()) {
      showRefusal(form, status, { problem: { title: "Give the resource a name." } });
      name.focus();
      return;
    }
    submit.disabled = true;
    status.replaceChildren(h("p", { class: "muted" }, "Creating…"));
    try {
      await call("PUT", resourcePath(name.value.trim()), body());
      location.hash = `#/resources/${encodeURIComponent(name.value.trim())}`;
    } catch (error) {
      if (error.status !== 401) showRefusal(form, status, error);
    } finally {
      submit.disabled = false;
    }
  });

  view.replaceChildren(form);
  followKind();
  name.focus();
}
