import { h } from "./dom.js";
import { signIn, signOutReason } from "./session.js";

export function renderSignIn(view) {
  const reason = signOutReason();
  const error = h("p", { class: "field-error", id: "token-error", role: "alert" });
  const token = h("textarea", { id: "token", name: "token", rows: 6, required: true, spellcheck: "false", autocomplete: "off", "aria-describedby": "token-help token-error" });
  const form = h("form", { class: "panel narrow", "aria-labelledby": "sign-in-title" },
    h("h1", { id: "sign-in-title" }, "Sign in"),
    reason ? h("div", { class: "alert", role: "alert" }, h("strong", {}, "You were signed out."), h("p", {}, reason)) : null,
    h("label", { for: "token" }, "Access token"),
    token,
    h("div", { id: "token-help", class: "help" },
      h("p", {}, "Paste an access token for the API. In Azure:"),
      h("pre", {}, "az account get-access-token --resource $CMK_API_AUDIENCE --query accessToken -o tsv"),
      h("p", {}, "Locally, from the local identity endpoint (after ", h("code", {}, ". .dev/env"), "):"),
      h("pre", {}, 'curl -s -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" \\\n  "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=$CMK_API_AUDIENCE&client_id=$CMK_OPERATOR_CLIENT_ID" | jq -r .access_token'),
      h("p", {}, "The token stays in this tab only (sessionStorage) and goes to this host's API only.")),
    error,
    h("button", { type: "submit", class: "primary" }, "Sign in"));
  form.addEventListener("submit", event => {
    event.preventDefault();
    try {
      signIn(token.value);
      location.hash = "#/resources";
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
  view.replaceChildren(form);
  token.focus();
}
