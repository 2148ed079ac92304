// The five kinds' rules the forms follow, mirroring src/CmkFunctions.Core/Kinds/ResourceKinds.cs (the API checks them
// again and answers every broken rule). identityTypes: allowed identity types, the first being the default;
// diskKinds: disk kinds a request may name; properties: each with its allowed values ("boolean" for true/false).
export const kinds = {
  "hpc-cache": {
    displayName: "HPC Cache",
    identityTypes: ["system", "user"],
    keyTypes: "RSA", keySizes: [2048],
    versionedKeyRequired: false,
    keyChanges: { vault: true, key: true, version: true, pinning: true },
    keySourceSwitches: [],
    diskKinds: ["data"],
    properties: [],
    authorizationWindow: "90 minutes",
  },
  hdinsight: {
    displayName: "HDInsight",
    identityTypes: ["user"],
    keyTypes: "RSA", keySizes: [2048, 3072, 4096],
    versionedKeyRequired: true,
    keyChanges: { vault: true, key: true, version: true, pinning: false },
    keySourceSwitches: [],
    diskKinds: ["os", "data", "temp"],
    properties: [
      { name: "clusterType", values: ["kafka", "hbase", "spark", "interactive", "hadoop"], required: true },
      { name: "acceleratedWrites", values: "boolean", required: false, onlyWhen: { clusterType: "hbase" } },
    ],
  },
  vmware: {
    displayName: "Azure VMware Solution",
    identityTypes: ["system"],
    keyTypes: "RSA or RSA-HSM", keySizes: [2048, 3072, 4096],
    versionedKeyRequired: false,
    keyChanges: { vault: true, key: true, version: true, pinning: true },
    keySourceSwitches: ["Microsoft.KeyVault", "Microsoft.Platform"],
    diskKinds: ["data"],
    properties: [],
  },
  redis: {
    displayName: "Azure Managed Redis",
    identityTypes: ["user"],
    keyTypes: "RSA", keySizes: [2048, 3072, 4096],
    versionedKeyRequired: false,
    keyChanges: { vault: true, key: true, version: true, pinning: true },
    keySourceSwitches: ["Microsoft.KeyVault", "Microsoft.Platform"],
    keySourceSwitchWarning: "Changing between MMK and CMK on an existing cache instance triggers a long-running maintenance operation; it is not recommended for production use because a service disruption occurs.",
    diskKinds: ["os", "persistence", "flash"],
    properties: [
      { name: "tier", values: ["MemoryOptimized", "Balanced", "ComputeOptimized", "FlashOptimized"], required: false },
    ],
  },
  "ml-workspace": {
    displayName: "Azure Machine Learning",
    identityTypes: ["system"],
    keyTypes: "RSA", keySizes: [2048, 3072, 4096], recommendedMinimumKeySize: 3072,
    versionedKeyRequired: true,
    keyChanges: null,
    keySourceSwitches: [],
    diskKinds: ["metadata", "scratch"],
    properties: [{ name: "hbiWorkspace", values: "boolean", required: false }],
  },
};

/** One sentence on the key a kind takes, shown beside the key URI field. */
export function keyHint(kind) {
  const rule = kinds[kind];
  if (!rule) return "";
  const sizes = rule.keySizes.join(", ");
  const recommended = rule.recommendedMinimumKeySize ? ` (${rule.recommendedMinimumKeySize} or more recommended)` : "";
  const versioned = rule.versionedKeyRequired ? "a versioned key URI (…/keys/name/version)" : "a key URI, versionless to follow the latest version or versioned to pin one";
  return `${rule.displayName} takes ${rule.keyTypes} keys of ${sizes} bits${recommended}; give ${versioned}.`;
}
