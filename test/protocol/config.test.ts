/**
 * Policy config over Configure, as `--policy-pack-config` delivers it: knobs change verdicts,
 * enforcement levels change or silence diagnostics, and bad values are named (policy and field).
 * The CLI validates config against the announced schema before Configure; the pack must still
 * cope when it does not (older CLIs, in-process use), so the bad values here reach the policies.
 */
import { expect } from "chai";
import { analyze, configure, Diagnostic } from "../../harness/grpc";
import { KMS_KEY } from "../../policies/lib/types";
import { policyNamed, usePack } from "./pack";

const ROTATION = "Symmetric KMS encryption keys rotate their key material automatically.";

describe("protocol: Configure", function () {
    this.timeout(60_000);
    const pack = usePack();
    const judgeKey = async (props: Record<string, unknown>, policy: string): Promise<Diagnostic[]> =>
        (await analyze(pack(), { type: KMS_KEY, name: "aiPipelineKey", props })).diagnostics.filter((d) => d.policy === policy);

    it("kms-key-rotation maxRotationDays: 730 accepts a 500-day period the default flags", async () => {
        const key = { enableKeyRotation: true, rotationPeriodInDays: 500 };
        await configure(pack(), {});
        expect((await judgeKey(key, "kms-key-rotation")).map((d) => d.message)).to.deep.equal([
            `${ROTATION}\naiPipelineKey: rotationPeriodInDays is longer than the allowed 365 days (500). Fix: set rotationPeriodInDays between 90 and 365.`,
        ]);
        await configure(pack(), { "kms-key-rotation": { maxRotationDays: 730 } });
        expect(await judgeKey(key, "kms-key-rotation")).to.deep.equal([]);
    });

    it("kms-key-deletion-window minDays: 14 accepts a 20-day window the default (30) flags", async function () {
        const policy = policyNamed("kms-key-deletion-window");
        if (!policy) this.skip();
        const key = { enableKeyRotation: true, deletionWindowInDays: 20 };
        await configure(pack(), {});
        expect(await judgeKey(key, "kms-key-deletion-window")).to.deep.equal([
            {
                policy: "kms-key-deletion-window",
                level: "advisory",
                message: `${policy!.description}\naiPipelineKey: deletionWindowInDays is shorter than the required 30 days (20). Fix: set deletionWindowInDays: 30.`,
                urn: undefined,
            },
        ]);
        await configure(pack(), { "kms-key-deletion-window": { minDays: 14 } });
        expect(await judgeKey(key, "kms-key-deletion-window")).to.deep.equal([]);
        const shorter = await judgeKey({ enableKeyRotation: true, deletionWindowInDays: 10 }, "kms-key-deletion-window");
        expect(shorter.map((d) => d.message.split("\n")[1])).to.deep.equal(["aiPipelineKey: deletionWindowInDays is shorter than the required 14 days (10). Fix: set deletionWindowInDays: 14."]);
    });

    it("names the policy and the field of a bad value, and judges with the default meanwhile", async () => {
        await configure(pack(), { "kms-key-rotation": { maxRotationDays: "x" } });
        const diagnostics = await judgeKey({ enableKeyRotation: true, rotationPeriodInDays: 500 }, "kms-key-rotation");
        expect(diagnostics.map((d) => d.message.split("\n")[1])).to.deep.equal([
            'kms-key-rotation: config maxRotationDays must be an integer (got "x"); using the default 365. Fix: correct it in the policy pack config.',
            "aiPipelineKey: rotationPeriodInDays is longer than the allowed 365 days (500). Fix: set rotationPeriodInDays between 90 and 365.",
        ]);
    });

    it("reports an out-of-range value with its bound", async () => {
        await configure(pack(), { "kms-key-rotation": { minRotationDays: 30 } });
        const diagnostics = await judgeKey({ enableKeyRotation: true }, "kms-key-rotation");
        expect(diagnostics.map((d) => d.message.split("\n")[1])).to.deep.equal([
            "kms-key-rotation: config minRotationDays must be ≥ 90 (got 30); using the default 90. Fix: correct it in the policy pack config.",
        ]);
    });

    it("an enforcement level from config changes the diagnostics' level, and disabled silences the policy", async () => {
        const key = { description: "KMS key for AI pipeline" };
        await configure(pack(), { "kms-key-rotation": "advisory" });
        expect((await judgeKey(key, "kms-key-rotation")).map((d) => d.level)).to.deep.equal(["advisory"]);
        await configure(pack(), { "kms-key-rotation": { enforcementLevel: "disabled" } });
        expect(await judgeKey(key, "kms-key-rotation")).to.deep.equal([]);
        await configure(pack(), {});
        expect((await judgeKey(key, "kms-key-rotation")).map((d) => d.level)).to.deep.equal(["mandatory"]);
    });
});
