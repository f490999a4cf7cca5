/** Exemptions in `keyguard scan`: listed with their reason in every format, never counted as violations; expired ones count again. */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { data, runCli, useTempDir } from "./run-cli";

const ROTATION_OFF = "trainingDataKey: automatic key rotation is off (false). Fix: set enableKeyRotation: true.";
const URN = "urn:pulumi:dev::ai-pipeline::aws:kms/key:Key::trainingDataKey";

describe("keyguard scan: exemptions", function () {
    this.timeout(120_000);
    const tmp = useTempDir("keyguard-exempt-");
    const config = (exemptions: object[]) => {
        const file = path.join(tmp(), `c${Math.random().toString(36).slice(2)}.json`);
        fs.writeFileSync(file, JSON.stringify({ "kms-key-rotation": { exemptions } }));
        return file;
    };
    const honoured = [{ resource: "training*", reason: "imported key material, rotated by the HSM team (SEC-88)", expires: "2099-12-31" }];

    it("an honoured exemption: not a violation (exit 0), listed as exempted with its reason in text", async () => {
        const run = await runCli(["scan", data("rotation-off.json"), "--config", config(honoured)]);
        expect([run.code, run.stderr]).to.deep.equal([0, ""]);
        expect(run.stdout).to.equal(
            [
                "[exempted] kms-key-rotation (high)",
                `    ${ROTATION_OFF}`,
                `    ${URN}`,
                '    exempted by "training*" until 2099-12-31: imported key material, rotated by the HSM team (SEC-88)',
                "",
                "keyguard scan: PASS: 0 violations (0 mandatory, 0 advisory, 1 exempted) in 1 resource, " + run.stdout.split(" in 1 resource, ")[1],
            ].join("\n"),
        );
    });

    it("JSON lists it under exempted; SARIF as a result with an external suppression and the reason; markdown in an Exempted table", async () => {
        const [json, sarif, md] = ["e.json", "e.sarif", "e.md"].map((f) => path.join(tmp(), f));
        const run = await runCli(["scan", data("rotation-off.json"), "--config", config(honoured), "--json", json, "--sarif", sarif, "--markdown", md]);
        expect(run.code, run.stderr).to.equal(0);
        const report = JSON.parse(fs.readFileSync(json, "utf8"));
        expect(report.violations).to.deep.equal([]);
        expect(report.exempted).to.deep.equal([
            {
                policy: "kms-key-rotation",
                level: "mandatory",
                severity: "high",
                urn: URN,
                type: "aws:kms/key:Key",
                name: "trainingDataKey",
                message: ROTATION_OFF,
                exemption: { resource: "training*", reason: honoured[0].reason, expires: "2099-12-31", expired: false },
            },
        ]);
        expect(report.summary).to.include({ violations: 0, exempted: 1, failed: false });
        const results = JSON.parse(fs.readFileSync(sarif, "utf8")).runs[0].results;
        expect(results).to.have.length(1);
        expect(results[0].suppressions).to.deep.equal([{ kind: "external", status: "accepted", justification: `${honoured[0].reason} (until 2099-12-31)` }]);
        const markdown = fs.readFileSync(md, "utf8");
        expect(markdown).to.include("| exempted findings | 1 |");
        expect(markdown).to.include(`### Exempted\n\n| policy | resource | finding | reason | until |\n|---|---|---|---|---|\n| kms-key-rotation | <code>trainingDataKey</code><br><code>aws:kms/key:Key</code> | ${ROTATION_OFF} | imported key material, rotated by the HSM team (SEC-88) | 2099-12-31 |`);
    });

    it("an expired exemption: the finding is a violation again (exit 1) and says the exemption expired, and when", async () => {
        const run = await runCli(["scan", data("rotation-off.json"), "--config", config([{ ...honoured[0], expires: "2021-01-31" }]), "--format", "json"]);
        expect(run.code, run.stderr).to.equal(1);
        const report = JSON.parse(run.stdout);
        expect(report.exempted).to.deep.equal([]);
        expect(report.violations.map((v: { message: string; exemption: object }) => [v.message, v.exemption])).to.deep.equal([
            [
                `${ROTATION_OFF} The exemption for this resource expired on 2021-01-31 (reason given: "${honoured[0].reason}"); fix the finding or renew the exemption with a later expires.`,
                { resource: "training*", reason: honoured[0].reason, expires: "2021-01-31", expired: true },
            ],
        ]);
    });

    it("an exemption without a reason is rejected: a config error, exit 2, nothing exempted", async () => {
        const run = await runCli(["scan", data("rotation-off.json"), "--config", config([{ resource: "trainingDataKey" }])]);
        expect([run.code, run.stdout]).to.deep.equal([2, ""]);
        expect(run.stderr).to.equal(
            'keyguard scan: config error: kms-key-rotation: config exemptions[0] ("trainingDataKey"): reason is required: say why the finding is accepted (an exemption without a reason is not honoured); ignoring that exemption\n',
        );
    });
});
