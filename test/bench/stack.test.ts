import { expect } from "chai";
import { generateStack } from "../../bench/stack";
import { analyzeStack } from "../../harness/in-process";
import { policies } from "../../policies";

// The stack bench refuses to time a stack whose findings are not the ones it planted; this keeps
// its generator in step with the policies, so `npm run bench -- stack` does not break unseen.
describe("bench/stack.ts generator", () => {
    const stackPolicies = policies.filter((p) => p.keyguard.kind === "stack");
    for (const preview of [true, false]) {
        it(`plants exactly the violations it expects (${preview ? "preview" : "applied"})`, async () => {
            const { resources, expectedViolations } = generateStack(400, preview);
            const outcome = await analyzeStack(stackPolicies, resources);
            expect(expectedViolations).to.be.greaterThan(0);
            expect(outcome.diagnostics.map((d) => d.message).filter((m) => !/AES256|not kv/.test(m))).to.deep.equal([]);
            expect(outcome.diagnostics).to.have.length(expectedViolations);
        });
    }
});
