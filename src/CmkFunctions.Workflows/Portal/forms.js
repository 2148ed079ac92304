import { h, problemAlert } from "./dom.js";

/** A labelled field; target is the JSON path the API names in a violation about it. */
export function field(label, control, { help, target } = {}) {
  const id = control.id;
  if (target) control.dataset.target = target;
  const helpId = help ? `${id}-help` : null;
  if (helpId) control.setAttribute("aria-describedby", helpId);
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    control,
    help ? h("p", { class: "help", id: helpId }, help) : null);
}

export function select(id, values, selected) {
  return h("select", { id, name: id }, values.map(([value, text]) => h("option", { value, selected: value === selected }, text)));
}

/**
 * Shows a refusal next to the form: the whole problem in the form's status area, and each violation with a target
 * under the field that has that target.
 */
export function showRefusal(form, status, error) {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const invalid of form.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
  status.replaceChildren(problemAlert(error));
  for (const violation of error.problem?.violations ?? []) {
    const control = violation.target ? form.querySelector(`[data-target="${CSS.escape(violation.target)}"]`) : null;
    if (!control) continue;
    control.setAttribute("aria-invalid", "true");
    control.after(h("p", { class: "field-error" }, violation.detail));
  }
}
