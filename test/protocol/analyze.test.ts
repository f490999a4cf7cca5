import { expect } from "chai";
import { analyze, Pack, startPack } from "../../harness/grpc";
import { analyzeResource } from "../../harness/in-process";
import { policies } from "../../policies";
import { KMS_KEY } from "../../policies/lib/types";
import { secretWire, UNKNOWN } from "../helpers";

describe("protocol: Analyze", function () {
    this.timeout(60_000);
    let pack: Pack;
    before(async () => {
        pack = await startPack();
    });
    after(async () => {
        await pack?.close();
    });

    it("reports a violation with the policy's name, level and message, and an empty urn", async () => {
        const outcome = await analyze(pack, { type: KMS_KEY, name: "aiPipelineKey", props: { description: "KMS key for AI pipeline" } });
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

    it("gives the same verdict as the in-process harness, secrets and unknowns included", async () => {
        const resources = [
            { type: KMS_KEY, name: "plain", props: { enableKeyRotation: false, rotationPeriodInDays: 4000 } },
            { type: KMS_KEY, name: "secret", props: { enableKeyRotation: secretWire(false), description: secretWire("x") } },
            { type: KMS_KEY, name: "unknown", props: { enableKeyRotation: UNKNOWN, rotationPeriodInDays: UNKNOWN } },
        ];
        for (const r of resources) {
            expect(await analyze(pack, r), r.name).to.deep.equal(await analyzeResource(policies, r));
        }
    });
});
