/**
 * No credential in plaintext in compute configuration: anyone who can describe the function, task
 * definition, model, job, project, service, state machine or instance reads it, and it is in the
 * state and the console too. The table of where each type keeps its settings and the judging
 * are in core/compute-credentials.ts; value formats come from secretlint (core/secret-patterns.ts).
 */
import { COMPUTE_CREDENTIALS, COMPUTE_TYPES, ComputeRow, documentSettings, envSettings, parseBoundedJson, settingFinding, textFindings, userDataText } from "../core/compute-credentials";
import { Finding } from "../core/finding";
import { DataPath } from "../core/paths";
import { Detector, loadedSecretPatterns } from "../core/secret-patterns";
import { resourcePolicy } from "../lib/define";
import { PATTERNS_MISSING, withSecretPatterns } from "../lib/secret-patterns";
import { Path, Reading, rawOf } from "../lib/read";
import { installWireTap } from "../lib/wire-tap";

// Secret-wrapped values are worded as such, which needs the engine's secret markers (idempotent).
installWireTap();

const ROWS = new Map<string, ComputeRow>(COMPUTE_CREDENTIALS.map((r) => [r.type, r]));

/** Every finding on one resource of `row`'s type: its env blocks, JSON documents and scripts. */
function findingsOf(row: ComputeRow, read: <T = unknown>(...path: Path) => Reading<T>, detect: Detector): Finding[] {
    const top = (property: string) => rawOf(read(property));
    const secretAt = (path: DataPath) => read(...path).secret;
    const settings = envSettings(row, top, secretAt);
    const findings: Finding[] = [];
    for (const property of row.documents ?? []) {
        const text = read(property);
        if (text.state !== "known" || typeof text.value !== "string") continue;
        const document = parseBoundedJson(text.value);
        if (document === undefined) findings.push(...textFindings(text.value, property, text.secret, row.host, row.fix, detect));
        else settings.push(...documentSettings(document, [property], text.secret));
    }
    for (const s of settings) {
        const finding = settingFinding(s, row.host, row.fix, detect);
        if (finding) findings.push(finding);
    }
    for (const source of row.text ?? []) {
        const text = read(source.property);
        if (text.state === "known" && typeof text.value === "string") findings.push(...textFindings(userDataText(text.value, source.encoding), source.property, text.secret, row.host, row.fix, detect));
    }
    return findings;
}

const policy = resourcePolicy({
    name: "aws-no-plaintext-credentials",
    description:
        "No credential (API key, token, password, private key, AWS access key) in plaintext in compute configuration: Lambda, ECS, SageMaker, Batch, CodeBuild, App Runner, Step Functions and EC2 user data.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Keep the credential in AWS Secrets Manager or an SSM Parameter Store SecureString and reference it: ECS and Batch containers' `secrets` with `valueFrom`, App Runner's `runtimeEnvironmentSecrets`, CodeBuild variables of type SECRETS_MANAGER or PARAMETER_STORE; Lambda, SageMaker, Step Functions and EC2 fetch it at run time under their role. A Pulumi secret does not help here: it encrypts the state, but the service still shows the value in its configuration. Rotate a credential that was committed or deployed in plaintext.",
    types: COMPUTE_TYPES,
    check({ type, read, report }) {
        const row = ROWS.get(type);
        const detect = loadedSecretPatterns();
        if (!row) return;
        // Names are judged either way; a missing pattern library must be said, not passed over.
        for (const finding of findingsOf(row, read, detect ?? (() => undefined))) report(finding);
        if (!detect) throw new Error(PATTERNS_MISSING);
    },
});

/** Loads the value patterns before the first resource is judged (lib/secret-patterns.ts). */
export const awsNoPlaintextCredentials = withSecretPatterns(policy);
