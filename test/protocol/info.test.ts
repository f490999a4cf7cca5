import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { configureStack, getAnalyzerInfo, getPluginInfo, repoPackDir } from "../../harness/grpc";
import { policies } from "../../policies";
import { policyNamed, usePack } from "./pack";

describe("protocol: GetPluginInfo, GetAnalyzerInfo, ConfigureStack", () => {
    const pack = usePack();

    it("GetPluginInfo answers with the policy SDK's version", async () => {
        const sdk = JSON.parse(fs.readFileSync(require.resolve("@pulumi/policy/package.json"), "utf8")) as { version: string };
        expect(await getPluginInfo(pack())).to.deep.equal({ version: sdk.version.replace(/^v/, "") });
    });

    it("GetAnalyzerInfo names the pack keyguard, at package.json's version, with config support", async () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(repoPackDir(), "package.json"), "utf8")) as { version: string };
        const info = await getAnalyzerInfo(pack());
        expect({ name: info.name, version: info.version, supportsConfig: info.supportsConfig }).to.deep.equal({ name: "keyguard", version: pkg.version, supportsConfig: true });
        expect(info.initialConfig).to.deep.equal({});
    });

    it("announces every catalog policy, in catalog order, with the metadata of the policy object", async () => {
        const info = await getAnalyzerInfo(pack());
        expect(info.policies.map((p) => p.name)).to.deep.equal(policies.map((p) => p.name));
        for (const [i, policy] of policies.entries()) {
            const announced = info.policies[i];
            const expected = {
                name: policy.name,
                description: policy.description,
                enforcementLevel: policy.enforcementLevel,
                severity: policy.severity,
                kind: policy.keyguard.kind,
                remediationSteps: policy.remediationSteps,
                url: policy.url,
                // The wire drops undefined members; a framework's missing fields arrive as "".
                ...(policy.configSchema ? { configSchema: JSON.parse(JSON.stringify(policy.configSchema)) } : {}),
                ...(policy.framework
                    ? { framework: { name: "", version: "", reference: "", specification: "", ...JSON.parse(JSON.stringify(policy.framework)) } }
                    : {}),
            };
            expect(announced, policy.name).to.deep.equal(expected);
        }
    });

    it("announces kms-key-rotation as mandatory/high with its rotation window knobs", async () => {
        const info = await getAnalyzerInfo(pack());
        const rotation = info.policies.find((p) => p.name === "kms-key-rotation")!;
        expect([rotation.enforcementLevel, rotation.severity, rotation.kind]).to.deep.equal(["mandatory", "high", "resource"]);
        expect(rotation.configSchema!.properties.maxRotationDays).to.deep.equal({ type: "integer", description: "Longest allowed rotationPeriodInDays.", default: 365, minimum: 90, maximum: 2560 });
        expect(rotation.url).to.equal("https://github.com/keyguard-dev/keyguard/blob/main/docs/policies.md#kms-key-rotation");
    });

    it("announces kms-key-deletion-window as advisory with a minDays knob defaulting to 30", async function () {
        if (!policyNamed("kms-key-deletion-window")) this.skip(); // lands with the KMS policies
        const info = await getAnalyzerInfo(pack());
        const window = info.policies.find((p) => p.name === "kms-key-deletion-window")!;
        expect(window.enforcementLevel).to.equal("advisory");
        expect((window.configSchema!.properties.minDays as { default: number }).default).to.equal(30);
    });

    it("announces s3-bucket-sse-kms as a mandatory stack policy", async function () {
        if (!policyNamed("s3-bucket-sse-kms")) this.skip(); // lands with the S3 policies
        const info = await getAnalyzerInfo(pack());
        const sse = info.policies.find((p) => p.name === "s3-bucket-sse-kms")!;
        expect([sse.enforcementLevel, sse.kind]).to.deep.equal(["mandatory", "stack"]);
    });

    it("ConfigureStack accepts the stack's identity and tags", async () => {
        await configureStack(pack(), { stack: "prod", project: "ai-pipeline", organization: "acme", dryRun: true, tags: { team: "ml" } });
    });
});
