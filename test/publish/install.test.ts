/**
 * The README's two install routes for an unpublished package, done as a user does them, into
 * throwaway projects: from a git URL (npm clones it, installs its devDependencies and runs
 * `prepare`, the build) and from the tarball `npm pack` makes. Each must give a `keyguard` bin that
 * answers `--version` and scans. npm's cache (`--prefer-offline`, warm after `npm ci`) keeps it off
 * the network; the git route costs most of the time (the build's devDependencies).
 */
import { execFile } from "child_process";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { repoPackDir } from "../../harness/grpc";
import { data } from "../scan/run-cli";

const exec = promisify(execFile);
const root = repoPackDir();
const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
/** npm passes its config to the nested install of a git dependency through the environment. */
const npmEnv = { ...process.env, npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

/** A git repository holding the working tree as it would be pushed: tracked and new files, ignored ones left out. */
async function snapshotRepo(into: string): Promise<string> {
    const repo = path.join(into, "keyguard.git-src");
    const { stdout } = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    for (const file of new Set(stdout.split("\0").filter(Boolean))) {
        const from = path.join(root, file);
        if (!fs.existsSync(from) || fs.statSync(from).isDirectory()) continue; // deleted, or a submodule
        fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        fs.copyFileSync(from, path.join(repo, file));
    }
    const git = (...args: string[]) => exec("git", ["-c", "user.name=keyguard-test", "-c", "user.email=test@keyguard.invalid", "-c", "commit.gpgsign=false", ...args], { cwd: repo });
    await git("init", "-q");
    await git("add", "-A");
    await git("commit", "-qm", "snapshot");
    return repo;
}

async function newProject(into: string, name: string): Promise<string> {
    const dir = path.join(into, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true }));
    return dir;
}

async function npmInstall(project: string, spec: string): Promise<void> {
    await exec("npm", ["install", "--save-dev", "--prefer-offline", "--no-audit", "--no-fund", spec], { cwd: project, env: npmEnv, maxBuffer: 64 * 1024 * 1024 });
}

/** Runs the installed bin as `npx keyguard` would find it; the exit code is part of the answer. */
async function keyguard(project: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const bin = path.join(project, "node_modules", ".bin", "keyguard");
    try {
        const { stdout, stderr } = await exec(bin, args, { cwd: project, env: { ...process.env, NO_COLOR: "1" } });
        return { code: 0, stdout, stderr };
    } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        if (typeof err.code !== "number") throw e;
        return { code: err.code, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
}

async function expectWorkingBin(project: string): Promise<void> {
    expect((await keyguard(project, ["--version"])).stdout).to.equal(`${version}\n`);
    const scan = await keyguard(project, ["scan", data("rotation-off.json")]);
    expect(scan.code, scan.stderr).to.equal(1);
    expect(scan.stdout).to.include("trainingDataKey: automatic key rotation is off (false). Fix: set enableKeyRotation: true.");
}

describe("install: as the README says, into a new project", function () {
    this.timeout(300_000);
    let tmp: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-install-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("from a git URL: prepare builds dist/, and the keyguard bin answers --version and scans", async () => {
        const repo = await snapshotRepo(tmp);
        const project = await newProject(tmp, "from-git");
        await npmInstall(project, `git+file://${repo}`);
        expect(fs.existsSync(path.join(project, "node_modules", "keyguard", "dist", "index.js"))).to.equal(true);
        await expectWorkingBin(project);
    });

    it("from the tarball npm pack makes: the keyguard bin answers --version and scans", async () => {
        // dist/ is built by `npm test` already; --ignore-scripts keeps prepare from rebuilding it under the running tests.
        const { stdout } = await exec("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: root, env: npmEnv, maxBuffer: 16 * 1024 * 1024 });
        const [packed] = JSON.parse(stdout) as { filename: string }[];
        const project = await newProject(tmp, "from-tarball");
        await npmInstall(project, path.join(tmp, packed.filename));
        expect(fs.existsSync(path.join(project, "node_modules", "keyguard", "LICENSE"))).to.equal(true);
        await expectWorkingBin(project);
    });
});
