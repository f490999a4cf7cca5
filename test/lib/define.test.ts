/**
 * The policy builder (policies/lib/define.ts) through the in-process harness, on small policies
 * built for the purpose: type matching, one path for returned and reported findings, the message
 * form, a throwing check, notApplicable, stack attribution, remediation that cannot run.
 */
import { expect } from "chai";
import { analyzeResource, analyzeStack, findingText, remediateResource, urnOf } from "../../harness/in-process";
import type { Finding } from "../../policies/core/finding";
import { observeFindings, resourcePolicy, stackPolicy, typeMatcher } from "../../policies/lib/define";

const THING = "test:index/thing:Thing";
const DESCRIPTION = "Things are right.";

const meta = { description: DESCRIPTION, enforcementLevel: "mandatory" as const, severity: "low" as const, remediationSteps: "Fix the thing." };
const finding = (code: string, extra: Partial<Finding> = {}): Finding => ({ code, problem: `${code} is wrong`, value: 1, fix: `fix ${code}`, ...extra });

/** The findings of `policy` on a thing with `props`, without the description line. */
async function messagesOf(policy: Parameters<typeof analyzeResource>[0][number], props: Record<string, unknown>, type = THING) {
    const outcome = await analyzeResource([policy], { type, name: "t", urn: urnOf(type, "t"), props });
    return { messages: outcome.diagnostics.map((d) => findingText(d.message, DESCRIPTION)), levels: outcome.diagnostics.map((d) => d.level), notApplicable: outcome.notApplicable.map((n) => n.reason) };
}

describe("lib/define: typeMatcher", () => {
    it("matches tokens exactly, and by prefix for an entry ending in *", () => {
        const m = typeMatcher(["aws:kms/key:Key", "vault:*"]);
        expect(["aws:kms/key:Key", "vault:kv/secretV2:SecretV2", "vault:index/mount:Mount"].map(m)).to.deep.equal([true, true, true]);
        expect(["aws:kms/key:KeyX", "aws:kms/alias:Alias", "vaultx:a:b", ""].map(m)).to.deep.equal([false, false, false, false]);
        expect(typeMatcher([])("aws:kms/key:Key")).to.equal(false);
    });

    it("matches the same with a few tokens (compared one by one) as with many (a set), and no missing type", () => {
        const tokens = ["aws:kms/key:Key", "aws:kms/alias:Alias", "aws:iam/role:Role", "aws:iam/policy:Policy", "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"];
        const asked = [...tokens, "aws:kms/key:Keys", "aws:kms/key:Ke", "", "aws:s3/bucket:BucketV2"];
        for (let n = 1; n <= tokens.length; n++) {
            const m = typeMatcher(tokens.slice(0, n));
            expect(asked.map(m), `${n} tokens`).to.deep.equal(asked.map((t) => tokens.slice(0, n).includes(t)));
            expect(m(undefined as unknown as string), `${n} tokens, no type`).to.equal(false);
        }
    });
});

describe("lib/define: resourcePolicy", () => {
    it("reports what check returns and what it reports through one step, in order, in the house form", async () => {
        const both = resourcePolicy({
            ...meta,
            name: "both",
            types: [THING],
            check({ report }) {
                report(finding("reported", { where: { path: "spec.size" } }));
                return [finding("returned", { where: { statement: 'statement "Admin"' }, fix: "fix it." })];
            },
        });
        expect((await messagesOf(both, {})).messages).to.deep.equal(["t: spec.size: reported is wrong (1). Fix: fix reported.", 't: statement "Admin": returned is wrong (1). Fix: fix it.']);
    });

    it("hands the findings with their codes to observers, and says nothing about a type it does not judge", async () => {
        const coded = resourcePolicy({ ...meta, name: "coded", types: [THING], check: () => [finding("a"), finding("b")] });
        const codes: string[] = [];
        const stop = observeFindings((policy, out) => policy === "coded" && codes.push(out.finding.code!));
        try {
            await messagesOf(coded, {});
            expect(await messagesOf(coded, {}, "test:index/other:Other")).to.deep.equal({ messages: [], levels: [], notApplicable: [] });
        } finally {
            stop();
        }
        expect(codes).to.deep.equal(["a", "b"]);
    });

    it("turns a throwing check into one advisory diagnostic, keeping the findings reported before it", async () => {
        const throws = resourcePolicy({
            ...meta,
            name: "throws",
            types: [THING],
            check({ report }) {
                report(finding("early"));
                throw new TypeError("x is undefined");
            },
        });
        expect(await messagesOf(throws, {})).to.deep.equal({
            messages: ["t: early is wrong (1). Fix: fix early.", "t: keyguard could not evaluate throws (x is undefined). Fix: report this to the keyguard maintainers; the resource was not judged."],
            levels: ["mandatory", "advisory"],
            notApplicable: [],
        });
    });

    it("passes notApplicable through to the SDK with its reason, and reports nothing", async () => {
        const skips = resourcePolicy({
            ...meta,
            name: "skips",
            types: [THING],
            check({ notApplicable }) {
                notApplicable("things in a custom store are not judged");
                return [finding("never")];
            },
        });
        expect(await messagesOf(skips, {})).to.deep.equal({ messages: [], levels: [], notApplicable: ["things in a custom store are not judged"] });
    });

    it("reads through read()/known(): an unknown is `unknown`, not a throw or can't-run noise", async () => {
        const reads = resourcePolicy({ ...meta, name: "reads", types: [THING], check: ({ read, known }) => [finding(`${read("a").state}-${String(known("a"))}`)] });
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        expect((await messagesOf(reads, { a: unknown })).messages).to.deep.equal(["t: unknown-undefined is wrong (1). Fix: fix unknown-undefined."]);
        expect((await messagesOf(reads, { a: 5 })).messages).to.deep.equal(["t: known-5 is wrong (1). Fix: fix known-5."]);
    });

    it("leaves the resource as it is when a remediation throws or the type is not its own", async () => {
        const fixer = resourcePolicy({
            ...meta,
            name: "fixer",
            types: [THING],
            check: () => [],
            remediate({ known, withChanges }) {
                if (known("boom")) throw new Error("boom");
                return withChanges({ fixed: true });
            },
        });
        const config = { fixer: "remediate" as const };
        expect(await remediateResource([fixer], { type: THING, name: "t", props: { a: 1 } }, config)).to.deep.equal([{ policy: "fixer", props: { a: 1, fixed: true } }]);
        expect(await remediateResource([fixer], { type: THING, name: "t", props: { boom: true } }, config)).to.deep.equal([]);
        expect(await remediateResource([fixer], { type: "test:index/other:Other", name: "t", props: {} }, config)).to.deep.equal([]);
    });
});

describe("lib/define: stackPolicy", () => {
    const pair = [
        { type: THING, name: "a", props: { ok: true } },
        { type: THING, name: "b", props: { ok: false } },
    ];

    it("attributes a returned finding to its subject's URN and a reported one to the resource given, named in the message", async () => {
        const both = stackPolicy({
            ...meta,
            name: "stack-both",
            types: [THING],
            check({ resources, report }) {
                const [a, b] = resources;
                report(a, finding("reported"));
                return [{ ...finding("returned"), subject: b }];
            },
        });
        const outcome = await analyzeStack([both], pair);
        expect(outcome.diagnostics.map((d) => [d.urn, findingText(d.message, DESCRIPTION)])).to.deep.equal([
            [urnOf(THING, "a"), "a: reported is wrong (1). Fix: fix reported."],
            [urnOf(THING, "b"), "b: returned is wrong (1). Fix: fix returned."],
        ]);
    });

    it("hands the check every resource with its reader and dependency URNs, and a throw becomes one advisory diagnostic", async () => {
        const seen: string[] = [];
        const throws = stackPolicy({
            ...meta,
            name: "stack-throws",
            types: [THING],
            check({ resources }) {
                for (const r of resources) seen.push(`${r.name}:${String(r.known("ok"))}:${r.dependencies.join(",")}`);
                throw new Error("stack boom");
            },
        });
        const outcome = await analyzeStack([throws], [pair[0], { ...pair[1], dependencies: [urnOf(THING, "a")] }]);
        expect(seen).to.deep.equal(["a:true:", `b:false:${urnOf(THING, "a")}`]);
        expect(outcome.diagnostics.map((d) => [d.level, findingText(d.message, DESCRIPTION)])).to.deep.equal([
            ["advisory", "stack: keyguard could not evaluate stack-throws (stack boom). Fix: report this to the keyguard maintainers; the resource was not judged."],
        ]);
    });
});
