/**
 * What package.json says about keyguard itself: its version, and where its documentation lives.
 * Read once, lazily, from the package root (two levels above dist/policies/lib, as shipped and in
 * the repo), so a fork that changes `homepage` moves every policy's `url` and the SARIF links with it.
 */
import * as fs from "fs";
import * as path from "path";
import { trimTrailing } from "../core/text";

interface PackageJson {
    version?: string;
    homepage?: string;
}

/** The generated policy reference, relative to the repository's root. */
export const POLICY_REFERENCE = "docs/policies.md";

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
    if (!cached) {
        try {
            cached = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as PackageJson;
        } catch {
            cached = {};
        }
    }
    return cached;
}

export function keyguardVersion(): string {
    return packageJson().version ?? "0.0.0";
}

/** The repository's web page: `homepage` without its `#readme` anchor. */
export function repositoryUrl(): string | undefined {
    const homepage = packageJson().homepage;
    if (!homepage) return undefined;
    const anchor = homepage.indexOf("#");
    return trimTrailing(anchor < 0 ? homepage : homepage.slice(0, anchor), "/");
}

/** A policy's section in the reference on the default branch: `<repo>/blob/main/docs/policies.md#<policy>`. */
export function policyUrl(policy: string): string | undefined {
    const repo = repositoryUrl();
    return repo ? `${repo}/blob/main/${POLICY_REFERENCE}#${policy}` : undefined;
}
