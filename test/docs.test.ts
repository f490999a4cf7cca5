import { expect } from "chai";
import * as path from "path";
import { policies } from "../policies";
import { END_MARKER, generatedFiles, renderExampleConfig, renderReference, START_MARKER, withReference } from "../scripts/gen-docs";

describe("generated docs (npm run docs)", () => {
    for (const file of generatedFiles()) {
        it(`${path.basename(file.path)} is what the generator produces from the policy objects`, () => {
            expect(file.current === file.wanted, `${path.basename(file.path)} is stale: run npm run docs`).to.equal(true);
        });
    }

    it("is deterministic and idempotent", () => {
        const readme = `intro\n${START_MARKER}\nold\n${END_MARKER}\noutro\n`;
        const once = withReference(readme, renderReference(policies));
        expect(withReference(once, renderReference(policies))).to.equal(once);
        expect(renderExampleConfig(policies)).to.equal(renderExampleConfig(policies));
        expect(once.startsWith(`intro\n${START_MARKER}\n| policy |`)).to.equal(true);
        expect(once.endsWith(`\n${END_MARKER}\noutro\n`)).to.equal(true);
    });

    it("gives every policy a summary row, an anchored section, and its knobs", () => {
        const reference = renderReference(policies);
        for (const p of policies) {
            expect(reference).to.include(`| [${p.name}](#${p.name}) | ${p.enforcementLevel} | ${p.severity} |`);
            expect(reference).to.include(`\n### ${p.name}\n`);
            for (const knob of Object.keys(p.keyguard.configFields)) expect(reference).to.include(`| \`${knob}\` |`);
        }
        expect(reference).to.include("| `minDays` | integer | `30` | Shortest allowed deletionWindowInDays. Allowed: 7 to 30. |");
    });

    it("lists every policy in the example config with its level and knob defaults", () => {
        const config = JSON.parse(renderExampleConfig(policies));
        expect(Object.keys(config)).to.deep.equal(policies.map((p) => p.name));
        expect(config["kms-key-deletion-window"]).to.deep.equal({ enforcementLevel: "advisory", minDays: 30 });
        expect(config["kms-alias-name"]).to.deep.equal({ enforcementLevel: "mandatory" });
    });

    it("refuses a README without the markers", () => {
        expect(() => withReference("no markers here", "x")).to.throw(/policies:start/);
    });
});
