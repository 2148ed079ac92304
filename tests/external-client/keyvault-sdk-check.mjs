// A Key Vault client no one here wrote (the official Azure SDK for JavaScript, @azure/keyvault-keys and
// @azure/identity from dev/node_modules) against the local Key Vault: create an RSA key, read it, wrap and unwrap
// with it, rotate it and list its versions. Prints one line per step and "ok"; exits non-zero on any failure.
//
// Settings come from the environment, as `./dev.sh up` writes them to .dev/env:
//   IDENTITY_ENDPOINT, IDENTITY_HEADER   the managed-identity token endpoint (read by @azure/identity itself)
//   CMK_ADMIN_CLIENT_ID                  the identity to use
//   CMK_VAULT_URL_cmkdemo                the vault
//   NODE_EXTRA_CA_CERTS=$CMK_CA_CERT     so Node trusts the local Key Vault's CA
// Run: . .dev/env && NODE_EXTRA_CA_CERTS=$CMK_CA_CERT node tests/external-client/keyvault-sdk-check.mjs
import { randomBytes, randomUUID } from "node:crypto";
import { createRequire } from "node:module";

const requireFromDev = createRequire(new URL("../../dev/package.json", import.meta.url));

function setting(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (source .dev/env, or see the header of this script)`);
  }
  return value;
}

function check(condition, what) {
  if (!condition) {
    throw new Error(`check failed: ${what}`);
  }
}

function load(name) {
  try {
    return requireFromDev(name);
  } catch (error) {
    throw new Error(`${name} is not installed in dev/node_modules (run: npm ci --prefix dev): ${error.message}`);
  }
}

async function main() {
  const { KeyClient, CryptographyClient } = load("@azure/keyvault-keys");
  const { ManagedIdentityCredential } = load("@azure/identity");
  for (const name of ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "NODE_EXTRA_CA_CERTS"]) {
    setting(name);
  }

  const credential = new ManagedIdentityCredential({ clientId: setting("CMK_ADMIN_CLIENT_ID") });
  // The vault is https://127.0.0.1:PORT/, so the challenge's resource (vault.azure.net) cannot match its host.
  const options = { disableChallengeResourceVerification: true };
  const keys = new KeyClient(setting("CMK_VAULT_URL_cmkdemo"), credential, options);
  const name = `sdk-check-${randomUUID().slice(0, 8)}`;

  const created = await keys.createRsaKey(name, { keySize: 2048 });
  check(created.keyType === "RSA" && created.properties.version, "createRsaKey returns an RSA key with a version");
  console.log(`created ${created.id}`);

  const read = await keys.getKey(name);
  check(read.id === created.id, "getKey returns the version just created");
  console.log(`read ${read.id} (${read.keyType}, ${read.key.n.length * 8}-bit modulus)`);

  // A versioned key id makes the SDK call the service for both operations rather than wrap locally with n and e.
  const crypto = new CryptographyClient(created.id, credential, options);
  const resourceKey = randomBytes(32);
  const wrapped = await crypto.wrapKey("RSA-OAEP-256", resourceKey);
  const unwrapped = await crypto.unwrapKey("RSA-OAEP-256", wrapped.result);
  const roundTrip = Buffer.from(unwrapped.result).equals(resourceKey);
  resourceKey.fill(0);
  unwrapped.result.fill(0);
  check(wrapped.keyID === created.id, "wrapKey names the version that wrapped");
  check(roundTrip, "unwrapKey returns the key that was wrapped");
  console.log(`wrapped and unwrapped a 32-byte key with ${wrapped.keyID}`);

  const rotated = await keys.rotateKey(name);
  check(rotated.properties.version !== created.properties.version, "rotateKey makes a new version");
  console.log(`rotated to ${rotated.id}`);

  const versions = [];
  for await (const properties of keys.listPropertiesOfKeyVersions(name)) {
    versions.push(properties.version);
  }
  check(
    versions.length === 2 && versions.includes(created.properties.version) && versions.includes(rotated.properties.version),
    `listPropertiesOfKeyVersions lists both versions (got ${versions.join(", ")})`,
  );
  console.log(`listed ${versions.length} versions`);
  console.log("ok");
}

main().catch((error) => {
  console.error(`keyvault-sdk-check failed: ${error.message}`);
  process.exitCode = 1;
});
