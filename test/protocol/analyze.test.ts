import { expect } from "chai";
import { usePack } from "./pack";
import { analyze } from "../../harness/grpc";
import { analyzeResource } from "../../harness/in-process";
import { policies } from "../../policies";
import { KMS_KEY } from "../../policies/lib/types";
import { secretWire, UNKNOWN } from "../helpers";

describe("protocol: Analyze", function () {
    this.timeout(60_000);
    const pack = usePack();

    it("reports a violation with the policy's name, level and message, and an empty urn", async () => {
        const outcome = await analyze(pack(), { type: KMS_KEY, name: "aiPipelineKey", props: { description: "KMS key for AI pipeline" } });
        const rotation = outcome.diagnostics.filter((d) => d.policy === "kms-key-rotation");
        expect(rotation).to.deep.equal([
            {
                policy: "kms-key-rotation",
                level: "mandatory",
                message: "Symmetric KMS encryption keys rotate their key material automatically.\naiPipelineKey: automatic key rotation is off (not set). Fix: set enableKeyRotation: true.",
                urn: undefined,
            },
        ]);
    });

    it("reports every policy a resource violates: one violation never hides another", async () => {
        const judging = policies.filter((p) => p.keyguard.kind === "resource" && p.keyguard.types.includes(KMS_KEY)).map((p) => p.name);
        const expected = ["kms-key-rotation", "kms-key-usage", "kms-key-deletion-window", "kms-key-description"].filter((n) => judging.includes(n));
        expect(expected.length, "at least two KMS key policies in the catalog").to.be.greaterThan(1);
        // Rotation off, disabled, a 7-day deletion window, a placeholder description: four policies' findings.
        const props = { description: "testing", enableKeyRotation: false, deletionWindowInDays: 7, isEnabled: false };
        const outcome = await analyze(pack(), { type: KMS_KEY, name: "aiPipelineKey", props });
        expect([...new Set(outcome.diagnostics.map((d) => d.policy))]).to.have.members(expected);
    });

    it("says nothing about a type no policy judges", async () => {
        expect((await analyze(pack(), { type: "aws:ec2/instance:Instance", name: "box", props: { ami: "ami-1" } })).diagnostics).to.deep.equal([]);
    });

    it("gives the same verdict as the in-process harness, secrets and unknowns included", async () => {
        const resources = [
            { type: KMS_KEY, name: "plain", props: { enableKeyRotation: false, rotationPeriodInDays: 4000 } },
            { type: KMS_KEY, name: "secret", props: { enableKeyRotation: secretWire(false), description: secretWire("x") } },
            { type: KMS_KEY, name: "unknown", props: { enableKeyRotation: UNKNOWN, rotationPeriodInDays: UNKNOWN } },
        ];
        for (const r of resources) {
            expect(await analyze(pack(), r), r.name).to.deep.equal(await analyzeResource(policies, r));
        }
    });
});
