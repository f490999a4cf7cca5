import { expect } from "chai";
import { npm, policyFiles, tarballProblems } from "../../scripts/publish-check";
import { repoPackDir } from "../../harness/grpc";

// The full check (production install, start, GetAnalyzerInfo) is `npm run publish:check`.
describe("publish: the npm pack tarball", function () {
    this.timeout(120_000);

    it("holds the built pack, every policy and PulumiPolicy.yaml, and no tests or bench", () => {
        // --ignore-scripts: prepare would rebuild dist/ under the running tests.
        const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], repoPackDir())) as { files: { path: string }[] }[];
        expect(tarballProblems(packed.files.map((f) => f.path), policyFiles())).to.deep.equal([]);
    });

    it("the check names a missing policy and a shipped test", () => {
        const files = ["package.json", "PulumiPolicy.yaml", "dist/index.js", "README.md", "dist/test/protocol/pack.js"];
        expect(tarballProblems(files, ["dist/policies/kms/kms-key-rotation.js"])).to.deep.equal([
            "missing dist/policies/kms/kms-key-rotation.js",
            "should not ship dist/test/protocol/pack.js",
        ]);
    });
});
