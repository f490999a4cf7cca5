import { expect } from "chai";
import { aliasNameProblems } from "../../policies/core/kms";
import { kmsAliasName } from "../../policies/kms/kms-alias-name";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const ALIAS = "aws:kms/alias:Alias";
const judgeAlias = (props: Record<string, unknown>, config = {}) => judge(kmsAliasName, ALIAS, props, config, "aiPipelineKeyAlias");
const FIX = 'Fix: set name: "alias/<team>-<purpose>".';

describe("kms-alias-name", () => {
    it("passes a descriptive alias name or prefix, and an alias the provider names", async () => {
        expectClean(await judgeAlias({ name: "alias/ai-pipeline/training-data_v2", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }));
        expectClean(await judgeAlias({ namePrefix: "alias/ai-pipeline-" }));
        expectClean(await judgeAlias({ targetKeyId: "k" }));
    });

    it("flags an alias that only repeats the key id (seed 000)", async () => {
        const v = await judgeAlias({ name: "alias/1234abcd-12ab-34cd-56ef-1234567890ab" });
        expect(v.messages).to.deep.equal(['aiPipelineKeyAlias: alias name only repeats a key id, so it says nothing about the key ("alias/1234abcd-12ab-34cd-56ef-1234567890ab"). Fix: set name: "alias/<team>-<purpose>", naming what the key protects.']);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags an alias that repeats a multi-Region key id", async () => {
        const v = await judgeAlias({ name: "alias/mrk-1234abcd12ab34cd56ef1234567890ab" });
        expect(v.messages).to.deep.equal(['aiPipelineKeyAlias: alias name only repeats a key id, so it says nothing about the key ("alias/mrk-1234abcd12ab34cd56ef1234567890ab"). Fix: set name: "alias/<team>-<purpose>", naming what the key protects.']);
    });

    it("flags a name without the alias/ prefix", async () => {
        const v = await judgeAlias({ name: "ai-pipeline" });
        expect(v.messages).to.deep.equal([`aiPipelineKeyAlias: alias name does not start with "alias/", which AWS requires ("ai-pipeline"). ${FIX}`]);
    });

    it("flags the reserved alias/aws/ prefix", async () => {
        const v = await judgeAlias({ name: "alias/aws/ai-pipeline" });
        expect(v.messages).to.deep.equal([`aiPipelineKeyAlias: alias name is under "alias/aws/", which AWS reserves for its managed keys ("alias/aws/ai-pipeline"). ${FIX}`]);
    });

    it("flags the reserved prefix in any letter case (alias/AWS/, alias/Aws/), and passes alias/awsome-…", async () => {
        for (const name of ["alias/AWS/ai-pipeline", "alias/Aws/ai-pipeline"]) {
            expect((await judgeAlias({ name })).messages).to.deep.equal([`aiPipelineKeyAlias: alias name is under "alias/aws/", which AWS reserves for its managed keys ("${name}"). ${FIX}`]);
        }
        expect((await judgeAlias({ namePrefix: "alias/AWS/" })).messages).to.deep.equal([
            'aiPipelineKeyAlias: alias namePrefix is under "alias/aws/", which AWS reserves for its managed keys ("alias/AWS/"). Fix: set namePrefix: "alias/<team>-<purpose>".',
        ]);
        expectClean(await judgeAlias({ name: "alias/awsome-training-data" }));
    });

    it("flags a name with nothing after alias/", async () => {
        const v = await judgeAlias({ name: "alias/" });
        expect(v.messages).to.deep.equal([`aiPipelineKeyAlias: alias name has nothing after "alias/" ("alias/"). ${FIX}`]);
    });

    it("flags characters AWS rejects", async () => {
        const v = await judgeAlias({ name: "alias/ai pipeline:key" });
        expect(v.messages).to.deep.equal(['aiPipelineKeyAlias: alias name has characters other than letters, digits, "/", "_" and "-" ("alias/ai pipeline:key"). Fix: set name: "alias/<team>-<purpose>", using only those characters.']);
    });

    it("flags a name longer than 256 characters", async () => {
        const v = await judgeAlias({ name: `alias/${"a".repeat(251)}` });
        expect(v.messages).to.deep.equal([`aiPipelineKeyAlias: alias name is longer than 256 characters ("alias/${"a".repeat(152)}…). Fix: shorten name to at most 256 characters.`]);
        expectClean(await judgeAlias({ name: `alias/${"a".repeat(250)}` }));
    });

    it("judges namePrefix by the same rules", async () => {
        const v = await judgeAlias({ namePrefix: "aws/ai-" });
        expect(v.messages).to.deep.equal(['aiPipelineKeyAlias: alias namePrefix does not start with "alias/", which AWS requires ("aws/ai-"). Fix: set namePrefix: "alias/<team>-<purpose>".']);
        expectClean(await judgeAlias({ namePrefix: "alias/" }));
    });

    it("applies the configured pattern to the whole name", async () => {
        const config = { pattern: "alias/ai-[a-z-]+" };
        expectClean(await judgeAlias({ name: "alias/ai-training" }, config));
        const v = await judgeAlias({ name: "alias/ml-training" }, config);
        expect(v.messages).to.deep.equal(['aiPipelineKeyAlias: alias name does not match the naming pattern alias/ai-[a-z-]+ ("alias/ml-training"). Fix: rename it so that the whole name matches alias/ai-[a-z-]+.']);
        // Anchored: a match inside the name is not enough.
        expect((await judgeAlias({ name: "alias/x/alias/ai-training" }, config)).messages).to.have.length(1);
    });

    it("judges a namePrefix against the pattern with the provider's 26-digit suffix", async () => {
        expectClean(await judgeAlias({ namePrefix: "alias/ai-" }, { pattern: "alias/ai-[a-z0-9-]+" }));
        const v = await judgeAlias({ namePrefix: "alias/ai-" }, { pattern: "alias/ai-[a-z-]+" });
        expect(v.messages).to.deep.equal(['aiPipelineKeyAlias: alias namePrefix does not match the naming pattern alias/ai-[a-z-]+ ("alias/ai-"). Fix: rename it so that the whole name matches alias/ai-[a-z-]+.']);
    });

    it("reports an invalid pattern as a config problem and still judges the name", async () => {
        const v = await judgeAlias({ name: "alias/1234abcd-12ab-34cd-56ef-1234567890ab" }, { pattern: "alias/(" });
        expect(v.messages).to.have.length(2);
        expect(v.messages[0]).to.match(/^kms-alias-name: config pattern must be a valid regular expression \(.*\) \(got "alias\/\("\); ignoring it\. Fix: correct it in the policy pack config\.$/);
        expect(v.messages[1]).to.match(/^aiPipelineKeyAlias: alias name only repeats a key id/);
        expect(aliasNameProblems("alias/ok", "name", "alias/(")).to.deep.equal([]);
    });

    it("stays quiet about unknown names in preview (alias/${key.id})", async () => {
        expectClean(await judgeAlias({ name: UNKNOWN, targetKeyId: UNKNOWN }));
        expectClean(await judgeAlias({ namePrefix: UNKNOWN }, { pattern: "alias/ai-.*" }));
    });

    it("reads secret-wrapped names like plain ones", async () => {
        const v = await judgeAlias({ name: secretWire("ai-pipeline") });
        expect(v.messages).to.deep.equal([`aiPipelineKeyAlias: alias name does not start with "alias/", which AWS requires ("ai-pipeline"). ${FIX}`]);
    });

    it("never throws on oddly typed input, and keeps messages short", async () => {
        expect((await judgeAlias({ name: 42 })).messages).to.deep.equal([`aiPipelineKeyAlias: alias name is not a string (42). ${FIX}`]);
        expect((await judgeAlias({ name: { nested: { deeper: ["alias/x"] } } })).messages).to.deep.equal([`aiPipelineKeyAlias: alias name is not a string ({"nested":{"deeper":["alias/x"]}}). ${FIX}`]);
        expectClean(await judgeAlias({ name: null, namePrefix: null }));
        const big = await judgeAlias({ name: huge() }, { pattern: "(x+x+)+y" });
        expect(big.messages).to.have.length(2);
        expect(big.messages[0]).to.match(/^aiPipelineKeyAlias: alias name does not start with "alias\/"/);
        expect(big.messages[1]).to.match(/^aiPipelineKeyAlias: alias name is longer than 256 characters/);
        expect(big.messages.join("").length).to.be.lessThan(1000);
    });

    it("judges namePrefix by every name rule: reserved prefix, characters, key ids, length", async () => {
        const PREFIX_FIX = 'Fix: set namePrefix: "alias/<team>-<purpose>"';
        expect((await judgeAlias({ namePrefix: "alias/aws/" })).messages).to.deep.equal([`aiPipelineKeyAlias: alias namePrefix is under "alias/aws/", which AWS reserves for its managed keys ("alias/aws/"). ${PREFIX_FIX}.`]);
        expect((await judgeAlias({ namePrefix: "alias/ai data-" })).messages).to.deep.equal([
            `aiPipelineKeyAlias: alias namePrefix has characters other than letters, digits, "/", "_" and "-" ("alias/ai data-"). ${PREFIX_FIX}, using only those characters.`,
        ]);
        for (const keyId of ["1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab"]) {
            expect((await judgeAlias({ namePrefix: `alias/${keyId}` })).messages, keyId).to.deep.equal([
                `aiPipelineKeyAlias: alias namePrefix only repeats a key id, so it says nothing about the key ("alias/${keyId}"). ${PREFIX_FIX}, naming what the key protects.`,
            ]);
        }
        const long = `alias/${"a".repeat(251)}`;
        expect((await judgeAlias({ namePrefix: long })).messages).to.deep.equal([`aiPipelineKeyAlias: alias namePrefix is longer than 256 characters (${JSON.stringify(long).slice(0, 159)}…). Fix: shorten namePrefix to at most 256 characters.`]);
        expectClean(await judgeAlias({ namePrefix: `alias/${"a".repeat(250)}` }));
    });

    it("anchors the configured pattern: a match inside the name is not enough", async () => {
        expect((await judgeAlias({ name: "alias/x/alias/ai-training" }, { pattern: "alias/ai-[a-z-]+" })).messages).to.deep.equal([
            'aiPipelineKeyAlias: alias name does not match the naming pattern alias/ai-[a-z-]+ ("alias/x/alias/ai-training"). Fix: rename it so that the whole name matches alias/ai-[a-z-]+.',
        ]);
    });
});
