// Provisioning states in which an operation is running, so the views refresh themselves.
const running = new Set(["Creating", "WaitingForKey", "ProvisioningDisks", "Updating", "Deleting"]);

export const inProgress = state => running.has(state);

/** "1h 29m 05s", or "passed" once the moment is behind. */
export function timeLeft(until) {
  const milliseconds = new Date(until).getTime() - Date.now();
  if (milliseconds <= 0) return "passed";
  const seconds = Math.floor(milliseconds / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}h ${String(minutes).padStart(2, "0")}m ${rest}s` : `${minutes}m ${rest}s`;
}

/** The version segment of a versioned key id (…/keys/name/version), or null for a versionless one. */
export function keyVersion(keyId) {
  if (!keyId) return null;
  const segments = new URL(keyId).pathname.split("/").filter(Boolean);
  return segments.length >= 3 ? segments[2] : null;
}

/** The key's URI without its version. */
export function versionlessKey(keyId) {
  if (!keyId) return "";
  const url = new URL(keyId);
  const segments = url.pathname.split("/").filter(Boolean);
  return `${url.origin}/${segments.slice(0, 2).join("/")}`;
}
