// Builds DOM nodes: h("p", { class: "x", onclick: f }, "text", child). Text is always set as text, never as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  element.append(...children.flat().filter(child => child !== undefined && child !== null && child !== false));
  return element;
}

export function formatBytes(bytes) {
  if (bytes === undefined || bytes === null) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatTime(value) {
  return value ? new Date(value).toLocaleString() : "—";
}

/** A badge whose colour follows the state's meaning. */
export function badge(text) {
  const tone = {
    Succeeded: "good", Healthy: "good",
    Failed: "bad", KeyInaccessible: "bad", Canceled: "bad",
    WaitingForKey: "warn",
  }[text] ?? "busy";
  return h("span", { class: `badge ${tone}` }, text ?? "—");
}

/** A value with a button that copies it to the clipboard. */
export function copyable(value, label) {
  if (!value) return h("span", { class: "muted" }, "—");
  const button = h("button", { type: "button", class: "copy", "aria-label": `Copy ${label}` }, "Copy");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(value);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select and copy";
    }
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  });
  return h("span", { class: "copyable" }, h("code", {}, value), button);
}

/** A problem (RFC 7807) or any error, as an alert: detail, then each violation with its target. */
export function problemAlert(error) {
  const problem = error?.problem ?? {};
  const violations = Array.isArray(problem.violations) ? problem.violations : [];
  return h("div", { class: "alert", role: "alert" },
    h("strong", {}, problem.title ?? error?.message ?? "Something went wrong."),
    violations.length === 0 && problem.detail ? h("p", {}, problem.detail) : null,
    violations.length > 0
      ? h("ul", { class: "violations" }, violations.map(violation => h("li", {},
          violation.target ? h("code", {}, violation.target) : null,
          violation.target ? " " : null,
          violation.detail)))
      : null);
}
