import { expect } from "chai";
import { isRegionName, REGION_PATTERN } from "../../policies/core/aws-region";

/** Every partition's naming, from the AWS SDKs' partition data (see policies/core/aws-region.ts). */
const REGIONS = ["us-east-1", "ap-southeast-4", "me-central-1", "mx-central-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"];

const NOT_REGIONS = ["us-east", "useast1", "US-EAST-1", "Us-east-1", "us-east-1 ", " us-east-1", "us-east-1a", "us-east-123", "u-east-1", "europe-west-1", "us--east-1", "-us-east-1", "us_east_1", "us-gov-west-east-1", "aws-global", ""];

describe("core/aws-region: the one AWS Region name pattern", () => {
    it("knows every partition's Region names", () => {
        for (const name of REGIONS) expect(isRegionName(name), name).to.equal(true);
    });

    it("rejects what is not a Region name: no number, no dashes, upper case, an Availability Zone, padding", () => {
        for (const name of NOT_REGIONS) expect(isRegionName(name), JSON.stringify(name)).to.equal(false);
    });

    it("rejects what is not a string", () => {
        for (const value of [undefined, null, 1, ["us-east-1"], { region: "us-east-1" }]) expect(isRegionName(value), JSON.stringify(value)).to.equal(false);
    });

    it("is the same pattern inside a larger one", () => {
        const principal = new RegExp(`^logs\\.(${REGION_PATTERN})\\.amazonaws\\.com$`);
        expect(REGIONS.map((name) => principal.exec(`logs.${name}.amazonaws.com`)?.[1])).to.deep.equal(REGIONS);
        expect(principal.test("logs.us-east.amazonaws.com")).to.equal(false);
    });

    it("answers in linear time on 5 MB of near misses", () => {
        const size = 5 * 1024 * 1024;
        for (const hostile of ["a".repeat(size), `us-${"a-".repeat(size / 2)}`, "aa-aaaa".repeat(size / 7), `${"us-east-1".repeat(size / 9)}x`]) {
            const started = Date.now();
            expect(isRegionName(hostile)).to.equal(false);
            expect(Date.now() - started).to.be.lessThan(1000);
        }
    });
});
