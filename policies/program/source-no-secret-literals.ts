import { PROGRAM_SOURCE_TYPE, SecretValue, SourceFile, secretLiteralsInSource } from "../core/source-literals";
import { StackResource, stackPolicy } from "../lib/define";
import { Path } from "../lib/read";
import { installWireTap } from "../lib/wire-tap";

// Secret-ness is what this policy judges: keep the wire's secret markers visible (lib/wire-tap.ts).
installWireTap();

const MAX_DEPTH = 32;

/** Every property of `resource` that reaches the engine as a secret, with its value. */
function secretsOf(resource: StackResource): SecretValue<StackResource>[] {
    const out: SecretValue<StackResource>[] = [];
    const walk = (path: Path) => {
        const r = resource.read(...path);
        if (r.state !== "known") return;
        if (r.secret) {
            out.push({ subject: resource, property: path.join("."), value: r.value });
            return;
        }
        if (path.length >= MAX_DEPTH || typeof r.value !== "object" || r.value === null) return;
        const keys: (string | number)[] = Array.isArray(r.value) ? r.value.map((_v, i) => i) : Object.keys(r.value);
        for (const key of keys) walk([...path, key]);
    };
    walk([]);
    return out;
}

function sourcesOf(resources: readonly StackResource[]): SourceFile[] {
    return resources
        .filter((r) => r.type === PROGRAM_SOURCE_TYPE)
        .flatMap((r) => r.known<unknown[]>("files") ?? [])
        .filter((f): f is SourceFile => typeof (f as SourceFile)?.path === "string" && typeof (f as SourceFile).text === "string");
}

/** A program policy: `keyguard check` runs it with the program's source files; the engine never can. */
export const sourceNoSecretLiterals = stackPolicy({
    name: "source-no-secret-literals",
    description: "A value the program marks secret is not written in the program's own source files.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Take the value out of the source (and rotate it: it is in git history). Set it with `pulumi config set --secret <key>` and read it with `config.requireSecret(\"<key>\")`, or keep it in Pulumi ESC.",
    types: ["*"],
    check({ resources, report, notApplicable }) {
        const files = sourcesOf(resources);
        if (files.length === 0) notApplicable("needs the program's source files, which only keyguard check provides");
        const secrets = resources.filter((r) => r.type !== PROGRAM_SOURCE_TYPE).flatMap(secretsOf);
        for (const finding of secretLiteralsInSource(secrets, files)) report(finding.subject, finding);
    },
});
