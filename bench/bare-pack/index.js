// The baseline for cold start and throughput: @pulumi/policy serving policies that do nothing.
// One resource policy by default; BARE_POLICIES=n and BARE_STACK_POLICIES=m serve n resource and
// m stack policies, to separate the SDK's per-policy cost from a pack's own.
// BARE_FINDINGS=<file> makes the floor report what keyguard reports on the same requests
// ({"resource": {name: [message…]}, "stack": {urn: [message…]}}, written by bench/analyze.ts): the
// SDK's cost of building and sending those diagnostics is then in the floor too.
const fs = require("fs");
const { PolicyPack } = require("@pulumi/policy");

const count = (name, fallback) => Number(process.env[name] || fallback);
const findings = process.env.BARE_FINDINGS ? JSON.parse(fs.readFileSync(process.env.BARE_FINDINGS, "utf8")) : { resource: {}, stack: {} };
const resourceFindings = new Map(Object.entries(findings.resource));
const stackFindings = new Map(Object.entries(findings.stack));

new PolicyPack("bare", {
    policies: [
        ...Array.from({ length: count("BARE_POLICIES", 1) }, (_, i) => ({
            name: `no-op-${i}`,
            description: "Judges nothing.",
            enforcementLevel: "advisory",
            validateResource:
                i === 0 && resourceFindings.size > 0
                    ? (args, reportViolation) => {
                          for (const message of resourceFindings.get(args.name) || []) reportViolation(message);
                      }
                    : () => undefined,
        })),
        ...Array.from({ length: count("BARE_STACK_POLICIES", 0) }, (_, i) => ({
            name: `no-op-stack-${i}`,
            description: "Judges nothing.",
            enforcementLevel: "advisory",
            validateStack:
                i === 0 && stackFindings.size > 0
                    ? (args, reportViolation) => {
                          for (const r of args.resources) for (const message of stackFindings.get(r.urn) || []) reportViolation(message, r.urn);
                      }
                    : () => undefined,
        })),
    ],
});
