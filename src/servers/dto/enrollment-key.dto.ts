import type { EnrollmentKeyStatus } from '@hivewatch/protocol';

export {
  createEnrollmentKeySchema,
  updateEnrollmentKeySchema,
  type CreateEnrollmentKeyInput,
  type UpdateEnrollmentKeyInput,
} from '@hivewatch/protocol';

/**
 * An enrollment key as the API shows it: the clear prefix, never the key or its hash. JSON makes
 * it the protocol's `EnrollmentKey` (common/http/wire-contract.ts).
 */
export interface EnrollmentKeyView {
  id: string;
  name: string;
  prefix: string;
  status: EnrollmentKeyStatus;
  groupId: string | null;
  tags: string[];
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}
