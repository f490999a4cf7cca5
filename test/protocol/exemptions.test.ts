/**
 * Exemptions over the engine's protocol (Configure, Analyze, AnalyzeStack), as `pulumi preview
 * --policy-pack-config` delivers them: an exempted finding is not a violation, an expired one comes
 * back saying so, one without a reason is a config problem said once, and tags never exempt.
 */
import { expect } from "chai";
import { analyze, analyzeStack, configure, Diagnostic } from "../../harness/grpc";
import { urnOf } from "../../harness/in-process";
import { KMS_KEY } from "../../policies/lib/types";
import { usePack } from "./pack";

const ROTATION_OFF = "legacyKey: automatic key rotation is off (false). Fix: set enableKeyRotation: true.";
const key = { description: "Encrypts the legacy training data", enableKeyRotation: false };

describe("protocol: exemptions", function () {
    this.timeout(60_000);
    const pack = usePack();
    const rotation = async (name = "legacyKey", props: Record<string, unknown> = key): Promise<string[]> =>
        (await analyze(pack(), { type: KMS_KEY, name, urn: urnOf(KMS_KEY, name), props })).diagnostics.filter((d: Diagnostic) => d.policy === "kms-key-rotation").map((d) => d.message.split("\n").slice(1).join("\n"));

    it("without an exemption the finding is a violation", async () => {
        await configure(pack(), {});
        expect(await rotation()).to.deep.equal([ROTATION_OFF]);
    });

    it("an exemption by logical name, by wildcard or by URN (with a reason) silences that resource's finding, and only that one", async () => {
        for (const resource of ["legacyKey", "legacy*", `urn:pulumi:dev::keyguard-test::${KMS_KEY}::legacy*`]) {
            await configure(pack(), { "kms-key-rotation": { exemptions: [{ resource, reason: "imported key, rotated by the HSM team", expires: "2099-12-31" }] } });
            expect(await rotation(), resource).to.deep.equal([]);
            expect(await rotation("trainingKey"), resource).to.deep.equal(["trainingKey: automatic key rotation is off (false). Fix: set enableKeyRotation: true."]);
        }
    });

    it("an exemption for one policy leaves the others' findings on the same resource", async () => {
        await configure(pack(), { "kms-key-rotation": { exemptions: [{ resource: "legacyKey", reason: "r" }] } });
        const all = (await analyze(pack(), { type: KMS_KEY, name: "legacyKey", props: { enableKeyRotation: false } })).diagnostics.map((d) => d.policy);
        expect(all).to.include("kms-key-description");
        expect(all).not.to.include("kms-key-rotation");
    });

    it("after its expires day the finding comes back and says the exemption expired, and when", async () => {
        await configure(pack(), { "kms-key-rotation": { exemptions: [{ resource: "legacyKey", reason: "until the migration", expires: "2020-06-30" }] } });
        expect(await rotation()).to.deep.equal([
            `${ROTATION_OFF} The exemption for this resource expired on 2020-06-30 (reason given: "until the migration"); fix the finding or renew the exemption with a later expires.`,
        ]);
    });

    it("an exemption without a reason exempts nothing and is one config problem, not one per resource", async () => {
        await configure(pack(), { "kms-key-rotation": { exemptions: [{ resource: "legacyKey" }] } });
        const first = await rotation();
        expect(first).to.deep.equal([
            'kms-key-rotation: config exemptions[0] ("legacyKey"): reason is required: say why the finding is accepted (an exemption without a reason is not honoured); ignoring that exemption. Fix: correct it in the policy pack config.',
            ROTATION_OFF,
        ]);
        expect(await rotation()).to.deep.equal([ROTATION_OFF]);
    });

    it("resource tags never exempt: a program cannot exempt itself", async () => {
        await configure(pack(), {});
        expect(await rotation("legacyKey", { ...key, tags: { "keyguard:exempt": "kms-key-rotation", exemptions: "kms-key-rotation" } })).to.deep.equal([ROTATION_OFF]);
    });

    it("a stack policy's finding is exempted on the resource it names", async () => {
        const bucket = { type: "aws:s3/bucketV2:BucketV2", name: "legacyLogs", urn: urnOf("aws:s3/bucketV2:BucketV2", "legacyLogs"), props: { bucket: "legacy-logs" } };
        await configure(pack(), {});
        const before = (await analyzeStack(pack(), [bucket])).diagnostics.filter((d) => d.policy === "s3-bucket-sse-kms");
        expect(before.map((d) => d.urn)).to.deep.equal([bucket.urn]);
        await configure(pack(), { "s3-bucket-sse-kms": { exemptions: [{ resource: "legacyLogs", reason: "AES256 until the log shipper reads KMS" }] } });
        expect((await analyzeStack(pack(), [bucket])).diagnostics.filter((d) => d.policy === "s3-bucket-sse-kms")).to.deep.equal([]);
    });
});
