/**
 * A program keyguard check cannot judge gets one line on stderr and exit code 2: never a hang,
 * a stack trace, or a verdict over half a program. Each case runs the real CLI on a real program.
 */
import { expect } from "chai";
import { mapLimited } from "../../harness/run-fixtures";
import { CliRun, runCli } from "../scan/run-cli";
import { makeProgram, removePrograms } from "./programs";

const KEY = 'import * as aws from "@pulumi/aws";\nnew aws.kms.Key("k", { enableKeyRotation: true, description: "test key" });\n';

interface Case {
    name: string;
    files: Record<string, string>;
    args?: string[];
    /** The one line on stderr; DIR stands for the program's directory (absolute), `.` is it relative to the working directory. */
    stderr: string;
}

const CASES: Case[] = [
    { name: "a throw at top level", files: { "index.ts": `${KEY}throw new Error("boom at top");\n` }, stderr: "keyguard check: the program failed: boom at top (at index.ts:3)" },
    {
        name: "a throw inside an apply",
        files: { "index.ts": 'import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\nnew aws.kms.Key("k", { description: pulumi.output("x").apply((): string => { throw new Error("apply boom"); }) });\n' },
        stderr: 'keyguard check: the program failed: error serializing property "description": apply boom (at index.ts:3)',
    },
    { name: "an unhandled rejection", files: { "index.ts": `${KEY}Promise.reject(new Error("nobody catches me"));\n` }, stderr: "keyguard check: the program failed: nobody catches me (at index.ts:3)" },
    {
        name: "an endless loop (--timeout)",
        files: { "index.ts": `${KEY}for (;;) {\n    // spin\n}\n` },
        args: ["--timeout", "3"],
        stderr: "keyguard check: the program did not finish within 3 s (an endless loop, or a wait on something the mocks never answer?); raise the limit with --timeout SECONDS",
    },
    {
        name: "a module that is not installed",
        files: { "index.ts": `import * as gone from "left-pad-not-installed";\n${KEY}export const x = String(gone);\n` },
        stderr: "keyguard check: the program imports \"left-pad-not-installed\", which is not installed: run `npm install` in . (at index.ts:1)",
    },
    { name: "a relative import that does not exist", files: { "index.ts": `import "./helpers";\n${KEY}` }, stderr: "keyguard check: the program imports ./helpers, which does not exist (at index.ts:1)" },
    { name: "a program that exits early", files: { "index.ts": `${KEY}process.exit(0);\n` }, stderr: "keyguard check: the program called process.exit(0) before it finished; keyguard check needs it to run to its end" },
    { name: "a promise that never settles", files: { "index.ts": `${KEY}export const never = new Promise(() => undefined);\n` }, stderr: "keyguard check: the program stopped before it finished: it waits on a promise that never settles" },
    {
        name: "a missing required config key",
        files: { "index.ts": 'import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\nnew aws.kms.Key("k", { description: new pulumi.Config().requireSecret("keyDescription") });\n', "Pulumi.ci.yaml": "config:\n  aws:region: eu-west-1\n" },
        stderr: "keyguard check: missing required configuration check-test:keyDescription: set it with `pulumi config set --secret keyDescription <value>` (stack ci, Pulumi.ci.yaml)",
    },
    {
        name: "an invoke the mocks do not know",
        files: { "index.ts": 'import * as aws from "@pulumi/aws";\nconst vpc = aws.ec2.getVpcOutput({ default: true });\nnew aws.ec2.SecurityGroup("sg", { vpcId: vpc.id });\n' },
        stderr: 'keyguard check: the program calls aws:ec2/getVpc:getVpc, which keyguard\'s mocks do not answer; give its outputs with --mocks FILE, a JSON file like {"aws:ec2/getVpc:getVpc": {…}}',
    },
    {
        name: "a getPolicyDocument the provider would refuse",
        files: { "index.ts": 'import * as aws from "@pulumi/aws";\nconst doc = aws.iam.getPolicyDocumentOutput({ statements: [{ sid: "A", actions: ["s3:GetObject"] }, { sid: "A", actions: ["s3:PutObject"] }] });\nnew aws.iam.Policy("p", { policy: doc.json });\n' },
        stderr: "keyguard check: aws:iam/getPolicyDocument:getPolicyDocument refuses its inputs: duplicate Sid (A)",
    },
    { name: "TypeScript that does not compile", files: { "index.ts": 'import * as aws from "@pulumi/aws";\nnew aws.kms.Key("k", {\n' }, stderr: "keyguard check: the program does not compile: index.ts(3,1): error TS1005: '}' expected." },
    { name: "a program that registers nothing", files: { "index.ts": "export const answer = 42;\n" }, stderr: "keyguard check: the program registered no resources; there is nothing to judge (is index.ts the program?)" },
    { name: "no program entry", files: { "README.md": "nothing here\n" }, stderr: "keyguard check: DIR has no program entry: no index.ts or index.js, and no `main` in Pulumi.yaml or package.json" },
    { name: "two stack files and no --stack", files: { "index.ts": KEY, "Pulumi.dev.yaml": "config: {}\n", "Pulumi.prod.yaml": "config: {}\n" }, stderr: "keyguard check: DIR has 2 stack config files (Pulumi.dev.yaml, Pulumi.prod.yaml); choose one with --stack NAME" },
    { name: "a stack file that is not YAML", files: { "index.ts": KEY, "Pulumi.dev.yaml": "config: [unclosed\n" }, stderr: "keyguard check: DIR/Pulumi.dev.yaml is not valid YAML: unexpected end of the stream within a flow collection (2:1)" },
    ...(["python", "go", "yaml", "dotnet"] as const).map((runtime) => ({
        name: `a ${runtime} program`,
        files: { "Pulumi.yaml": `name: other\nruntime:\n  name: ${runtime}\n` },
        stderr: `keyguard check: DIR is a ${runtime} program; keyguard check runs Node.js (TypeScript or JavaScript) programs only. Judge it with keyguard scan instead: \`pulumi preview --json > preview.json && keyguard scan preview.json\``,
    })),
    { name: "a program without its @pulumi/pulumi", files: { "index.js": "module.exports = {};\n" }, stderr: "keyguard check: the program's @pulumi/pulumi is not installed: run `npm install` in ." },
];

describe("keyguard check: programs it cannot judge get one line and exit 2", function () {
    this.timeout(300_000);
    const runs = new Map<string, { dir: string; run: CliRun }>();
    before(async () => {
        await mapLimited(CASES, 2, async (c) => {
            const dir = makeProgram(c.files, { linkModules: c.name !== "a program without its @pulumi/pulumi" });
            // Run from the program's directory, as CI does: paths in messages are relative to it.
            runs.set(c.name, { dir, run: await runCli(["check", dir, ...(c.args ?? [])], { cwd: dir }) });
        });
    });
    after(removePrograms);

    for (const c of CASES) {
        it(c.name, () => {
            const { dir, run } = runs.get(c.name)!;
            expect(run.stderr).to.equal(`${c.stderr.split("DIR").join(dir)}\n`);
            expect(run.code).to.equal(2);
            expect(run.stdout).to.equal("");
        });
    }
});
