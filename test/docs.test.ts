import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { repoPackDir } from "../harness/grpc";
import { policies } from "../policies";
import { END_MARKER, generatedFiles, POLICY_REFERENCE, renderExampleConfig, renderPolicyList, renderReference, START_MARKER, withPolicyList } from "../scripts/gen-docs";

const root = repoPackDir(__dirname);

describe("generated docs (npm run docs)", () => {
    for (const file of generatedFiles()) {
        it(`${path.relative(root, file.path)} is what the generator produces from the policy objects`, () => {
            expect(file.current === file.wanted, `${path.relative(root, file.path)} is stale: run npm run docs`).to.equal(true);
        });
    }

    it("is deterministic and idempotent", () => {
        const readme = `intro\n${START_MARKER}\nold\n${END_MARKER}\noutro\n`;
        const once = withPolicyList(readme, renderPolicyList(policies));
        expect(withPolicyList(once, renderPolicyList(policies))).to.equal(once);
        expect(renderReference(policies)).to.equal(renderReference(policies));
        expect(renderExampleConfig(policies)).to.equal(renderExampleConfig(policies));
        expect(once.startsWith(`intro\n${START_MARKER}\n| policy |`)).to.equal(true);
        expect(once.endsWith(`\n${END_MARKER}\noutro\n`)).to.equal(true);
    });

    it("the README lists every policy, linked to its section of the reference", () => {
        const list = renderPolicyList(policies);
        for (const p of policies) expect(list).to.include(`| [${p.name}](${POLICY_REFERENCE}#${p.name}) | ${p.enforcementLevel} | ${p.severity} |`);
    });

    it("the reference gives every policy a summary row, an anchored section, its knobs and the exemptions knob", () => {
        const reference = renderReference(policies);
        for (const p of policies) {
            expect(reference).to.include(`| [${p.name}](#${p.name}) | ${p.enforcementLevel} | ${p.severity} |`);
            expect(reference).to.include(`\n### ${p.name}\n`);
            for (const knob of Object.keys(p.keyguard.configFields)) expect(reference).to.include(`| \`${knob}\` |`);
        }
        expect(reference.split("| `exemptions` | list |").length - 1).to.equal(policies.length);
        expect(reference).to.include("| `minDays` | integer | `30` | Shortest allowed deletionWindowInDays. Allowed: 7 to 30. |");
    });

    it("every policy's url points at its section of the reference, under package.json's homepage", () => {
        const homepage = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { homepage: string }).homepage;
        expect(homepage).to.match(/^https:\/\/github\.com\/[^/]+\/keyguard#readme$/);
        for (const p of policies) expect(p.url).to.equal(`${homepage.replace(/#readme$/, "")}/blob/main/${POLICY_REFERENCE}#${p.name}`);
    });

    it("lists every policy in the example config with its level and knob defaults", () => {
        const config = JSON.parse(renderExampleConfig(policies));
        expect(Object.keys(config)).to.deep.equal(policies.map((p) => p.name));
        expect(config["kms-key-deletion-window"]).to.deep.equal({ enforcementLevel: "advisory", minDays: 30 });
        expect(config["kms-alias-name"]).to.deep.equal({ enforcementLevel: "mandatory" });
    });

    it("refuses a README without the markers", () => {
        expect(() => withPolicyList("no markers here", "x")).to.throw(/policies:start/);
    });

    describe("the README is a user's page", () => {
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

        it("is at most 300 lines", () => {
            expect(readme.split("\n").length).to.be.at.most(300);
        });

        it("opens with the two commands that work in a fresh clone", () => {
            expect(readme.startsWith("# keyguard\n\n```sh\nnpm ci && npm start ")).to.equal(true);
            expect(readme.split("\n")[4]).to.match(/^npm test\s/);
        });

        it("has the sections a user looks for, in order", () => {
            const headings = readme.split("\n").filter((l) => l.startsWith("## "));
            expect(headings).to.deep.equal([
                "## Install",
                "## Use it with `pulumi preview`",
                "## Configure",
                "## Exempt a resource",
                "## CI gate: `keyguard scan` and `keyguard check`",
                "## Remediation",
                "## Policies",
                "## More",
            ]);
        });

        it("links only to files that exist", () => {
            const links = [...readme.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => m[1]);
            expect(links).to.include.members(["docs/policies.md", "docs/fixtures.md", "docs/benchmarks.md", "docs/architecture.md", "docs/check.md", "LICENSE"]);
            for (const link of links) expect(fs.existsSync(path.join(root, link)), link).to.equal(true);
        });
    });
});
