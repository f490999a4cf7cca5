/**
 * Gates that never pass on nothing: nothing judgeable is exit 2 (unless --allow-empty), a preview
 * without --show-sames is warned about, and a config mistake is a config error (exit 2, once per
 * policy), whether in a knob's name, its type, a regex or an exemption.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies";
import { configProblems, judgeableCount, nothingToJudge, showSamesWarning } from "../../scan/gates";
import { runCli, useTempDir } from "./run-cli";

const STACK = "urn:pulumi:dev::ai::pulumi:pulumi:Stack::ai-dev";
const urn = (type: string, name: string) => `urn:pulumi:dev::ai::${type}::${name}`;

function preview(steps: { op: string; type: string; name: string; inputs?: object }[]): string {
    return JSON.stringify({
        steps: steps.map((s) => ({ op: s.op, urn: s.type === "pulumi:pulumi:Stack" ? STACK : urn(s.type, s.name), newState: { urn: s.type === "pulumi:pulumi:Stack" ? STACK : urn(s.type, s.name), type: s.type, inputs: s.inputs ?? {} } })),
        changeSummary: {},
    });
}

const goodKey = { type: "aws:kms/key:Key", name: "dataKey", inputs: { description: "Encrypts the training data", enableKeyRotation: true } };

describe("honest gates", function () {
    this.timeout(120_000);
    const tmp = useTempDir("keyguard-gates-");
    const write = (name: string, text: string) => {
        const f = path.join(tmp(), name);
        fs.writeFileSync(f, text);
        return f;
    };

    describe("nothing to judge", () => {
        it("a preview of only resource types no policy judges: exit 2 with one line, not PASS", async () => {
            const text = preview([
                { op: "same", type: "pulumi:pulumi:Stack", name: "ai-dev" },
                { op: "create", type: "gcp:storage/bucket:Bucket", name: "b" },
                { op: "create", type: "random:index/randomPet:RandomPet", name: "pet" },
            ]);
            const run = await runCli(["scan", "-"], { stdin: text });
            expect([run.code, run.stdout]).to.deep.equal([2, ""]);
            expect(run.stderr).to.equal(
                "keyguard scan: nothing to judge: standard input (preview) holds 3 resources, none of a type keyguard's running policies judge; pass --allow-empty if this stack legitimately has none\n",
            );
            const allowed = await runCli(["scan", "-", "--allow-empty", "--format", "json"], { stdin: text });
            expect(allowed.code, allowed.stderr).to.equal(0);
            expect(JSON.parse(allowed.stdout).violations).to.deep.equal([]);
        });

        it("counts only the running policies: with every KMS key policy disabled, a stack of keys judges nothing", () => {
            const kmsOnly = policies.filter((p) => p.keyguard.types.includes("aws:kms/key:Key"));
            const others = policies.filter((p) => !kmsOnly.includes(p) && !p.keyguard.types.some((t) => t.endsWith("*")));
            expect(judgeableCount([{ type: "aws:kms/key:Key" }], kmsOnly)).to.equal(1);
            expect(nothingToJudge("x", [{ type: "aws:kms/key:Key" }], others)).to.match(/^nothing to judge: x holds 1 resource, none of a type/);
            expect(nothingToJudge("x", [{ type: "aws:kms/key:Key" }], policies)).to.equal(undefined);
        });
    });

    describe("a preview without --show-sames", () => {
        it("an existing stack's preview that changes resources but lists none unchanged: a warning on stderr naming --show-sames", async () => {
            const run = await runCli(["scan", "-"], { stdin: preview([{ op: "update", ...goodKey }]) });
            expect(run.code, run.stderr).to.equal(0);
            expect(run.stderr).to.equal(
                "keyguard scan: warning: this preview lists only the 1 resource that change, none unchanged; stack policies cannot see the rest of the stack. Run `pulumi preview --json --show-sames` for a complete verdict.\n",
            );
        });

        it("no warning with --show-sames (a same step), or for a new stack (the stack resource is created)", async () => {
            const withSames = await runCli(["scan", "-"], { stdin: preview([{ op: "same", type: "pulumi:pulumi:Stack", name: "ai-dev" }, { op: "update", ...goodKey }]) });
            expect([withSames.code, withSames.stderr]).to.deep.equal([0, ""]);
            const fresh = await runCli(["scan", "-"], { stdin: preview([{ op: "create", type: "pulumi:pulumi:Stack", name: "ai-dev" }, { op: "create", ...goodKey }]) });
            expect([fresh.code, fresh.stderr]).to.deep.equal([0, ""]);
            expect(showSamesWarning(undefined)).to.equal(undefined);
            expect(showSamesWarning({ sames: 0, changes: 0, createsStack: false })).to.equal(undefined);
        });
    });

    describe("config errors: exit 2, one line per policy, no report", () => {
        const scanWith = (config: object) => runCli(["scan", "-", "--config", write(`c${Math.random().toString(36).slice(2)}.json`, JSON.stringify(config))], { stdin: preview([{ op: "same", ...goodKey }]) });
        const expectConfigError = async (config: object, lines: string[]) => {
            const run = await scanWith(config);
            expect([run.code, run.stdout, run.stderr]).to.deep.equal([2, "", lines.map((l) => `keyguard scan: config error: ${l}\n`).join("")]);
        };

        it("a misspelt knob, with a did-you-mean", async () => {
            await expectConfigError({ "kms-key-deletion-window": { minDay: 14 } }, [
                'kms-key-deletion-window: unknown config knob "minDay" (did you mean minDays?); its knobs are minDays, exemptions; ignoring it',
            ]);
        });

        it("a knob on a policy that has none but exemptions", async () => {
            await expectConfigError({ "kms-key-description": { minLength: 3 } }, ['kms-key-description: unknown config knob "minLength"; its only knob is exemptions; ignoring it']);
        });

        it("a wrong type and a bad regex, each policy said once with all its problems", async () => {
            await expectConfigError({ "kms-key-deletion-window": { minDays: "14" }, "kms-alias-name": { pattern: "alias/(ml" } }, [
                'kms-alias-name: config pattern must be a valid regular expression (Invalid regular expression: /alias/(ml/: Unterminated group) (got "alias/(ml"); ignoring it',
                'kms-key-deletion-window: config minDays must be an integer (got "14"); using the default 30',
            ]);
        });

        it("an exemption without a reason, and one with a malformed date", async () => {
            await expectConfigError({ "kms-key-rotation": { exemptions: [{ resource: "legacy-*" }, { resource: "old", reason: "x", expires: "2027-02-30" }] } }, [
                'kms-key-rotation: config exemptions[0] ("legacy-*"): reason is required: say why the finding is accepted (an exemption without a reason is not honoured); ignoring that exemption; config exemptions[1] ("old"): expires must be a date written YYYY-MM-DD (got "2027-02-30"); ignoring that exemption',
            ]);
        });

        it("keyguard check stops on the same config error, before judging", async () => {
            const config = path.join(tmp(), "check-config.json");
            fs.writeFileSync(config, JSON.stringify({ "kms-key-deletion-window": { minDay: 14 } }));
            const run = await runCli(["check", path.join(__dirname, "../../../fixtures/reference-stack"), "--config", config]);
            expect([run.code, run.stdout, run.stderr]).to.deep.equal([
                2,
                "",
                'keyguard check: config error: kms-key-deletion-window: unknown config knob "minDay" (did you mean minDays?); its knobs are minDays, exemptions; ignoring it\n',
            ]);
        });

        it("configProblems is the function check shares: nothing for a good config or levels only", () => {
            expect(configProblems(policies, { "kms-key-deletion-window": { enforcementLevel: "mandatory", minDays: 14 }, "kms-key-rotation": "advisory" })).to.deep.equal([]);
            expect(configProblems(policies, { "kms-key-deletion-window": { minDay: 14 } })).to.have.length(1);
        });
    });
});
