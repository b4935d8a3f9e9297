export {
  createGroupSchema,
  updateGroupSchema,
  type CreateGroupInput,
  type UpdateGroupInput,
} from '@hivewatch/protocol';

/** A group as the hub builds it; JSON makes it the protocol's `Group` (common/http/wire-contract.ts). */
export interface GroupView {
  id: string;
  name: string;
  description: string;
  displayOrder: number;
  serverCount: number;
  createdAt: Date;
}
