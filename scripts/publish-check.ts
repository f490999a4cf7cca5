/**
 * `npm run publish:check`: what `pulumi policy publish` ships is `npm pack` of this repo. This
 * packs it, checks the tarball (built JS, every policy, PulumiPolicy.yaml, no tests or bench),
 * then does what the Pulumi service does with a published pack: extracts it, installs production
 * dependencies only, and starts it as the CLI does, until GetAnalyzerInfo announces the catalog.
 *
 * A script, not part of `npm test`: the production install fetches @pulumi/pulumi's dependency
 * tree (tens of seconds with a warm npm cache, minutes without) and needs the registry.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { getAnalyzerInfo, repoPackDir, startPack } from "../harness/grpc";
import { policies } from "../policies";

const root = repoPackDir();

export function npm(args: string[], cwd: string): string {
    return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

/** The built file of every catalog policy, as the tarball must hold it. */
export function policyFiles(): string[] {
    return policies.map((p) => `dist/policies/${path.basename(path.dirname(sourceOf(p.name)))}/${p.name}.js`);
}

/** Problems with the tarball's file list; empty when it is fit to publish. */
export function tarballProblems(files: string[], required: string[]): string[] {
    const problems: string[] = [];
    const has = new Set(files);
    for (const file of ["package.json", "PulumiPolicy.yaml", "dist/index.js", "README.md", ...required]) {
        if (!has.has(file)) problems.push(`missing ${file}`);
    }
    for (const f of files) {
        if (/(^|\/)test\/|\.test\.js$|^dist\/bench\/|^bench\/|\.ts$|(^|\/)node_modules\//.test(f) && !f.endsWith(".d.ts")) problems.push(`should not ship ${f}`);
    }
    return problems;
}

async function main(): Promise<void> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-publish-"));
    try {
        console.log(`npm pack (runs prepare: the build) → ${work}`);
        const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", work], root)) as { filename: string; files: { path: string }[]; size: number }[];
        const files = packed.files.map((f) => f.path);
        const problems = tarballProblems(files, policyFiles());
        console.log(`  ${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} KiB`);
        if (problems.length) throw new Error(`the tarball is not fit to publish:\n  ${problems.join("\n  ")}`);

        const packDir = path.join(work, "package");
        execFileSync("tar", ["xzf", path.join(work, packed.filename), "-C", work]);
        console.log("npm install --omit=dev --prefer-offline (as the service installs a published pack)");
        const t0 = Date.now();
        npm(["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], packDir);
        console.log(`  installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

        const pack = await startPack({ packDir });
        try {
            const info = await getAnalyzerInfo(pack);
            const names = info.policies.map((p) => p.name);
            const expected = policies.map((p) => p.name);
            if (info.name !== "keyguard" || JSON.stringify(names) !== JSON.stringify(expected)) {
                throw new Error(`the installed pack announced ${info.name} with ${JSON.stringify(names)}, expected keyguard with ${JSON.stringify(expected)}`);
            }
            console.log(`  the installed pack started in ${pack.startupMs.toFixed(0)} ms and announced ${names.length} policies`);
        } finally {
            await pack.close();
        }
        console.log("publish check: ok");
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

/** policies/<service>/<name>.ts, found in the source tree (the catalog does not record file paths). */
function sourceOf(name: string): string {
    for (const service of fs.readdirSync(path.join(root, "policies"))) {
        const file = path.join(root, "policies", service, `${name}.ts`);
        if (fs.existsSync(file)) return file;
    }
    throw new Error(`no source file for policy ${name}`);
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
    });
}
