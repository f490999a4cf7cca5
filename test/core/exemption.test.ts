import { expect } from "chai";
import { exemptionFor, expiredNote, isIsoDate, parseExemptions, utcDay, wildcardMatch } from "../../policies/core/exemption";

describe("core: exemptions", () => {
    describe("wildcardMatch", () => {
        const cases: [string, string, boolean][] = [
            ["legacy-logs", "legacy-logs", true],
            ["legacy-logs", "legacy-logs2", false],
            ["legacy-*", "legacy-logs", true],
            ["legacy-*", "legacy-", true],
            ["legacy-*", "legacy", false],
            ["*-logs", "old-logs", true],
            ["*", "", true],
            ["a*b*c", "abc", true],
            ["a*b*c", "aXbYc", true],
            ["a*b*c", "acb", false],
            ["a*b*c", "abcb", false],
            ["*ab*ab*", "abab", true],
            ["*aba*", "abba", false],
            ["urn:pulumi:prod::ml::*::scratch-*", "urn:pulumi:prod::ml::aws:s3/bucket:Bucket::scratch-1", true],
            ["urn:pulumi:prod::ml::*::scratch-*", "urn:pulumi:dev::ml::aws:s3/bucket:Bucket::scratch-1", false],
            ["a?c", "abc", false], // only * is special
            ["a.c", "abc", false],
        ];
        for (const [pattern, text, want] of cases) it(`${JSON.stringify(pattern)} ${want ? "matches" : "does not match"} ${JSON.stringify(text)}`, () => expect(wildcardMatch(pattern, text)).to.equal(want));

        it("answers patterns built to make a backtracking matcher explode", () => {
            // A backtracking glob takes exponential time on `*a*a*a…b` against `aaaa…`; this one scans once.
            expect(wildcardMatch(`${"*a".repeat(500)}*b`, "a".repeat(100_000))).to.equal(false);
            expect(wildcardMatch(`${"*a".repeat(500)}*`, "a".repeat(100_000))).to.equal(true);
            expect(wildcardMatch("*".repeat(1000), "x".repeat(100_000))).to.equal(true);
        });
    });

    describe("parseExemptions", () => {
        it("keeps well-formed entries, trims the reason", () => {
            expect(parseExemptions([{ resource: "a", reason: " why " }, { resource: "b-*", reason: "r", expires: "2027-03-31" }])).to.deep.equal({
                exemptions: [
                    { resource: "a", reason: "why" },
                    { resource: "b-*", reason: "r", expires: "2027-03-31" },
                ],
                problems: [],
            });
            expect(parseExemptions(undefined)).to.deep.equal({ exemptions: [], problems: [] });
        });

        it("rejects an entry without a reason (or a blank one), a bad date, a missing resource, unknown fields, other shapes", () => {
            const { exemptions, problems } = parseExemptions([
                { resource: "a" },
                { resource: "b", reason: "  " },
                { resource: "c", reason: "r", expires: "31/03/2027" },
                { resource: "d", reason: "r", expires: "2027-02-29" },
                { reason: "r" },
                { resource: "e", reason: "r", expiry: "2027-01-01" },
                "f",
            ]);
            expect(exemptions).to.deep.equal([]);
            expect(problems).to.deep.equal([
                'exemptions[0] ("a"): reason is required: say why the finding is accepted (an exemption without a reason is not honoured)',
                'exemptions[1] ("b"): reason is required: say why the finding is accepted (an exemption without a reason is not honoured)',
                'exemptions[2] ("c"): expires must be a date written YYYY-MM-DD (got "31/03/2027")',
                'exemptions[3] ("d"): expires must be a date written YYYY-MM-DD (got "2027-02-29")',
                "exemptions[4]: resource must be a resource's logical name or URN (`*` matches any run of characters)",
                'exemptions[5] ("e"): unknown field "expiry" (did you mean expires?)',
                'exemptions[6] must be an object {"resource", "reason", "expires"} (got "f")',
            ]);
            expect(parseExemptions({ resource: "a", reason: "r" }).problems).to.deep.equal(['exemptions must be a list of {"resource", "reason", "expires"} objects (got {"resource":"a","reason":"r"})']);
        });

        it("knows real dates", () => {
            expect(["2028-02-29", "2027-12-31", "2027-01-01"].map(isIsoDate)).to.deep.equal([true, true, true]);
            expect(["2027-02-29", "2027-13-01", "2027-1-1", "2027-01-01T00:00:00Z", ""].map(isIsoDate)).to.deep.equal([false, false, false, false, false]);
            expect(utcDay(new Date("2027-03-31T23:59:59Z"))).to.equal("2027-03-31");
        });
    });

    describe("exemptionFor", () => {
        const subject = { name: "legacy-logs", urn: "urn:pulumi:prod::ml::aws:s3/bucket:Bucket::legacy-logs" };
        const until = (expires: string) => ({ resource: "legacy-*", reason: "migrating", expires });

        it("matches by logical name or by URN", () => {
            expect(exemptionFor([{ resource: "legacy-logs", reason: "r" }], subject, "2027-01-01")).to.deep.equal({ exemption: { resource: "legacy-logs", reason: "r" }, expired: false });
            expect(exemptionFor([{ resource: "urn:pulumi:prod::*", reason: "r" }], subject, "2027-01-01")?.expired).to.equal(false);
            expect(exemptionFor([{ resource: "other", reason: "r" }], subject, "2027-01-01")).to.equal(undefined);
        });

        it("works through its expires day (UTC) and is expired from the next", () => {
            expect(exemptionFor([until("2027-03-31")], subject, "2027-03-31")?.expired).to.equal(false);
            expect(exemptionFor([until("2027-03-31")], subject, "2027-04-01")).to.deep.equal({ exemption: until("2027-03-31"), expired: true });
        });

        it("a working exemption wins over an expired one for the same resource", () => {
            expect(exemptionFor([until("2020-01-01"), until("2099-01-01")], subject, "2027-01-01")).to.deep.equal({ exemption: until("2099-01-01"), expired: false });
        });

        it("an expired exemption's note says when it expired and why it was given", () => {
            expect(expiredNote(until("2027-03-31"))).to.equal('The exemption for this resource expired on 2027-03-31 (reason given: "migrating"); fix the finding or renew the exemption with a later expires.');
        });
    });
});
