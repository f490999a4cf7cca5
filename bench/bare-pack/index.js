// The baseline for cold start and throughput: @pulumi/policy serving policies that do nothing.
// One by default; BARE_POLICIES=n serves n, to separate the SDK's per-policy cost from a pack's own.
const { PolicyPack } = require("@pulumi/policy");

const count = Number(process.env.BARE_POLICIES || 1);
new PolicyPack("bare", {
    policies: Array.from({ length: count }, (_, i) => ({
        name: `no-op-${i}`,
        description: "Judges nothing.",
        enforcementLevel: "advisory",
        validateResource: () => undefined,
    })),
});
