/**
 * The catalog: every keyguard policy, in the order of POLICIES.md. Importing this module does
 * not start the gRPC server (index.ts does), so tests, docs and `keyguard scan` can use it.
 */
import type { KeyguardPolicy } from "./lib/define";
import { installWireTap } from "./lib/wire-tap";
import { kmsKeyRotation } from "./kms/kms-key-rotation";

// Keeps secret markers visible to the plaintext policies (see lib/wire-tap.ts).
installWireTap();

export const policies: KeyguardPolicy[] = [
    kmsKeyRotation,
];
