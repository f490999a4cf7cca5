// The baseline for cold start and throughput: @pulumi/policy serving policies that do nothing.
// One resource policy by default; BARE_POLICIES=n and BARE_STACK_POLICIES=m serve n resource and
// m stack policies, to separate the SDK's per-policy cost from a pack's own.
const { PolicyPack } = require("@pulumi/policy");

const count = (name, fallback) => Number(process.env[name] || fallback);
new PolicyPack("bare", {
    policies: [
        ...Array.from({ length: count("BARE_POLICIES", 1) }, (_, i) => ({
            name: `no-op-${i}`,
            description: "Judges nothing.",
            enforcementLevel: "advisory",
            validateResource: () => undefined,
        })),
        ...Array.from({ length: count("BARE_STACK_POLICIES", 0) }, (_, i) => ({
            name: `no-op-stack-${i}`,
            description: "Judges nothing.",
            enforcementLevel: "advisory",
            validateStack: () => undefined,
        })),
    ],
});
