/**
 * One pack process per test file, started as the CLI starts it and closed after the file.
 * Config set by Configure lives in that process, so a file that configures owns its pack.
 */
import { Pack, startPack } from "../../harness/grpc";
import { policies } from "../../policies";
import * as tokens from "../../policies/lib/types";

export function usePack(): () => Pack {
    let pack: Pack | undefined;
    before(async function () {
        this.timeout(90_000);
        pack = await startPack();
    });
    after(async () => {
        await pack?.close();
    });
    return () => {
        if (!pack) throw new Error("the pack did not start (see the before hook)");
        return pack;
    };
}

/** Every type token some policy in the catalog judges, each once; a `prefix:*` stands for the known tokens under it, and itself. */
export function catalogTypes(): string[] {
    const known = Object.values(tokens).flat() as string[];
    const expand = (t: string) => (t.endsWith("*") ? [t, ...known.filter((k) => k.startsWith(t.slice(0, -1)) && !k.endsWith("*"))] : [t]);
    return [...new Set(policies.flatMap((p) => p.keyguard.types.flatMap(expand)))].sort();
}

export function policyNamed(name: string) {
    return policies.find((p) => p.name === name);
}
