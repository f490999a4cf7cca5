/**
 * Secret material on Vault resources must reach the engine as a Pulumi secret.
 *
 * Secret-ness is judged on the engine's wire format (see lib/wire-tap.ts), never on what
 * @pulumi/vault happens to wrap: other SDK versions, `generic.Endpoint` in some releases and the
 * provider's own `token` arrive as plaintext. Which properties carry credentials is decided by
 * name in core/secrets.ts. The provider resource gets its nested login blocks as JSON text, so
 * those are searched inside.
 */
import { Secret } from "@pulumi/policy";
import { credentialPaths, credentialsInJson, PropertyPath, plaintextFinding, showPath } from "../core/secrets";
import { resourcePolicy } from "../lib/define";
import { Path, Reading, secretsVisible } from "../lib/read";
import { VAULT_ANY, VAULT_PROVIDER } from "../lib/types";

interface PlaintextCredential {
    /** Where it sits, as a program would write it: `authLoginUserpass.password`. */
    shown: string;
    /** The top-level property that holds it; remediation re-marks that whole property. */
    top: string;
    finding: NonNullable<ReturnType<typeof plaintextFinding>>;
}

type ReadFn = <T = unknown>(...path: Path) => Reading<T>;

function plaintextCredentials(type: string, read: ReadFn): PlaintextCredential[] {
    const bag = read<Record<string, unknown>>();
    if (bag.state !== "known") return [];
    const out: PlaintextCredential[] = [];
    const add = (path: PropertyPath, reading: Reading) => {
        const shown = showPath(path);
        const finding = plaintextFinding(shown, reading);
        if (finding) out.push({ shown, top: String(path[0]), finding });
    };
    for (const path of credentialPaths(bag.value)) add(path, read(...path));
    if (type === VAULT_PROVIDER) {
        // authLogin, authLoginUserpass, … reach the provider as JSON text; a plaintext block with a credential inside leaks it.
        for (const [key, value] of Object.entries(bag.value)) {
            if (typeof value !== "string") continue;
            const block = read(key);
            if (block.secret) continue;
            for (const inner of credentialsInJson(value)) add([key, ...inner.path], { state: "known", value: inner.value, secret: false });
        }
    }
    return out;
}

export const vaultNoPlaintextData = resourcePolicy({
    name: "vault-no-plaintext-data",
    description: "Secret material on Vault resources reaches the engine as a Pulumi secret, so it is encrypted in the state.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Pass secret data (dataJson, passwords, tokens, secret ids, private keys, client secrets, AWS keys) as Pulumi secrets: store them with `pulumi config set --secret` or in Pulumi ESC and read them with config.requireSecret(), or use the write-only `…Wo` property where the resource offers one. Automatic remediation re-marks the value as a secret, which encrypts the state, but the literal stays in your source: move it out.",
    types: [VAULT_ANY, VAULT_PROVIDER],
    check({ type, props, read, report, notApplicable }) {
        if (!secretsVisible(props)) notApplicable("the engine's secret markers are not visible to this pack (wire tap not installed), so plaintext cannot be told from secrets");
        for (const c of plaintextCredentials(type, read)) report(c.finding);
    },
    remediate({ type, read, withChanges }) {
        const tops = [...new Set(plaintextCredentials(type, read).map((c) => c.top))];
        if (tops.length === 0) return undefined;
        const changes: Record<string, unknown> = {};
        for (const top of tops) {
            const current = read(top);
            if (current.state === "known") changes[top] = new Secret(current.value);
        }
        return withChanges(changes);
    },
});
