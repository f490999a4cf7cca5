import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { repoPackDir, startPack } from "../../harness/grpc";

/** A throwaway pack under dist/ (gitignored), so it resolves the repo's node_modules. */
function packWith(main: string): string {
    const dir = fs.mkdtempSync(path.join(repoPackDir(), "dist", "broken-pack-"));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken", version: "0.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), main);
    return dir;
}

describe("harness: startPack", function () {
    this.timeout(60_000);
    const dirs: string[] = [];
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("fails with the pack's stderr when the pack throws at load", async () => {
        dirs.push(packWith('throw new Error("boom at load");\n'));
        const error = await startPack({ packDir: dirs[dirs.length - 1] }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).to.match(/did not start: exited with code \d+/);
        expect(error?.message).to.contain("boom at load");
    });

    it("fails after the timeout when no port is announced, with the stderr so far", async () => {
        dirs.push(packWith('console.error("waiting forever"); setInterval(() => undefined, 1000);\n'));
        const error = await startPack({ packDir: dirs[dirs.length - 1], timeoutMs: 3000 }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).to.contain("no port on stdout within 3000 ms");
        expect(error?.message).to.contain("waiting forever");
    });
});
