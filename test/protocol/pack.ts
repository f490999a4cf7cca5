/**
 * One pack process per test file, started as the CLI starts it and closed after the file.
 * Config set by Configure lives in that process, so a file that configures owns its pack.
 */
import { Pack, startPack } from "../../harness/grpc";
import { policies } from "../../policies";

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

/** Every type token some policy in the catalog judges, each once. */
export function catalogTypes(): string[] {
    return [...new Set(policies.flatMap((p) => p.keyguard.types))].sort();
}

export function policyNamed(name: string) {
    return policies.find((p) => p.name === name);
}
