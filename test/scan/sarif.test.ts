import { expect } from "chai";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { policies } from "../../policies";
import { data, runCli } from "./run-cli";

/*
 * The SARIF 2.1.0 schema as shipped by Microsoft's SARIF SDK (@microsoft/jest-sarif, MIT):
 * the 2.1.0-rtm.5 JSON schema, a draft-04 schema. Its `language` pattern is not a valid
 * Unicode-mode regular expression, so ajv compiles patterns without the `u` flag.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SARIF_SCHEMA = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as object;

function validator() {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(SARIF_SCHEMA);
}

interface SarifLog {
    version: string;
    runs: {
        tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
        results: {
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: { physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } }; logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[] }[];
        }[];
    }[];
}

describe("keyguard scan --format sarif", function () {
    this.timeout(120_000);
    const validate = validator();
    let log: SarifLog;
    before(async () => {
        const run = await runCli(["scan", data("catalog.json"), "--format", "sarif", "--fail-on", "never"]);
        expect(run.code, run.stderr).to.equal(0);
        log = JSON.parse(run.stdout) as SarifLog;
    });

    it("validates against the SARIF 2.1.0 JSON schema", () => {
        expect(validate(log), JSON.stringify(validate.errors, null, 1)).to.equal(true);
    });

    it("the validator is not a rubber stamp: a wrong level and a missing message are rejected", () => {
        const broken = JSON.parse(JSON.stringify(log)) as SarifLog;
        broken.runs[0].results[0].level = "fatal";
        delete (broken.runs[0].results[1] as Partial<SarifLog["runs"][0]["results"][0]>).message;
        expect(validate(broken)).to.equal(false);
        expect(validate.errors!.map((e) => e.instancePath)).to.include.members(["/runs/0/results/0/level", "/runs/0/results/1"]);
    });

    it("has one rule per policy, with its description, fix, help URI and level", () => {
        const rules = log.runs[0].tool.driver.rules;
        expect(rules.map((r) => r.id)).to.deep.equal(policies.map((p) => p.name));
        for (const [i, p] of policies.entries()) {
            expect(rules[i].shortDescription.text).to.equal(p.description);
            expect(rules[i].fullDescription.text.startsWith(p.description)).to.equal(true);
            expect(rules[i].help.text).to.equal(p.remediationSteps);
            expect(rules[i].helpUri).to.equal(`https://github.com/keyguard-dev/keyguard/blob/main/docs/policies.md#${p.name}`);
            expect(rules[i].defaultConfiguration.level).to.equal(p.enforcementLevel === "mandatory" ? "error" : "warning");
        }
    });

    it("locates each result at its resource's URN, and at the program line when the export records it", () => {
        const results = log.runs[0].results;
        const rotation = results.filter((r) => r.ruleId === "kms-key-rotation");
        expect(rotation).to.have.length(1);
        expect(rotation[0].level).to.equal("error");
        expect(rotation[0].ruleIndex).to.equal(policies.findIndex((p) => p.name === "kms-key-rotation"));
        expect(rotation[0].message.text).to.equal("bad--kms-key-rotation: automatic key rotation is off (false). Fix: set enableKeyRotation: true.");
        expect(rotation[0].locations).to.deep.equal([
            {
                physicalLocation: { artifactLocation: { uri: "index.ts" }, region: { startLine: 20, startColumn: 17 } },
                logicalLocations: [{ name: "bad--kms-key-rotation", fullyQualifiedName: "urn:pulumi:dev::ai-pipeline::aws:kms/key:Key::bad--kms-key-rotation", kind: "resource" }],
            },
        ]);
        for (const r of results) {
            expect(r.locations[0].logicalLocations[0].fullyQualifiedName).to.match(/^urn:pulumi:dev::ai-pipeline::/);
            expect(r.locations[0].logicalLocations[0].kind).to.equal("resource");
            // GitHub rejects a whole upload when one result lacks a physical location.
            expect(r.locations[0].physicalLocation, r.ruleId).not.to.equal(undefined);
        }
    });

    it("without a recorded source position, points at the scanned file; from standard input, at Pulumi.yaml", async () => {
        const fromFile = log.runs[0].results.find((r) => r.ruleId === "kms-key-description" || r.ruleId === "kms-key-usage")!;
        expect(fromFile.locations[0].physicalLocation!.artifactLocation.uri).to.match(/test\/scan\/data\/catalog\.json$/);
        const run = await runCli(["scan", "-", "--format", "sarif"], { stdin: `${JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:dev::p::aws:kms/key:Key::k", type: "aws:kms/key:Key", inputs: { description: "Encrypts AI pipeline data", enableKeyRotation: false } }] } })}` });
        expect(run.code).to.equal(1);
        const piped = JSON.parse(run.stdout) as SarifLog;
        expect(validate(piped), JSON.stringify(validate.errors)).to.equal(true);
        expect(piped.runs[0].results.map((r) => r.locations)).to.deep.equal([
            [
                {
                    physicalLocation: { artifactLocation: { uri: "Pulumi.yaml" }, region: { startLine: 1 } },
                    logicalLocations: [{ name: "k", fullyQualifiedName: "urn:pulumi:dev::p::aws:kms/key:Key::k", kind: "resource" }],
                },
            ],
        ]);
    });
});
