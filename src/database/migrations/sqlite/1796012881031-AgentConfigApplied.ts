import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentConfigApplied1796012881031 implements MigrationInterface {
  name = 'AgentConfigApplied1796012881031';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0"`);
    await queryRunner.query(`DROP INDEX "IDX_ba99da185a52c5814ab3f9354e"`);
    await queryRunner.query(`DROP INDEX "IDX_c150b310d923ae3aba69733007"`);
    await queryRunner.query(`CREATE TABLE "temporary_servers" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "groupId" varchar(36), "notes" text NOT NULL DEFAULT (''), "tokenPrefix" varchar(16) NOT NULL, "tokenHash" varchar(255) NOT NULL, "tokenRotatedAt" bigint NOT NULL, "machineId" varchar(64), "enrollmentKeyId" varchar(36), "dialect" varchar(16), "agentVersion" varchar(64), "protocolVersion" integer, "capabilities" text, "systemInfo" text, "price" double precision, "currency" varchar(8), "billingCycle" varchar(16), "expiresAt" bigint, "displayOrder" integer NOT NULL DEFAULT (0), "lastSeenAt" bigint, "rpcIdHighWater" bigint NOT NULL DEFAULT (0), "settledSeq" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "agentMetricsInterval" integer, "agentWatchlist" text, "agentConfigAppliedAt" bigint, CONSTRAINT "FK_c150b310d923ae3aba697330071" FOREIGN KEY ("groupId") REFERENCES "server_groups" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_servers"("id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt") SELECT "id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt" FROM "servers"`);
    await queryRunner.query(`DROP TABLE "servers"`);
    await queryRunner.query(`ALTER TABLE "temporary_servers" RENAME TO "servers"`);
    await queryRunner.query(`CREATE INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0" ON "servers" ("machineId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ba99da185a52c5814ab3f9354e" ON "servers" ("tokenPrefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_c150b310d923ae3aba69733007" ON "servers" ("groupId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c150b310d923ae3aba69733007"`);
    await queryRunner.query(`DROP INDEX "IDX_ba99da185a52c5814ab3f9354e"`);
    await queryRunner.query(`DROP INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0"`);
    await queryRunner.query(`ALTER TABLE "servers" RENAME TO "temporary_servers"`);
    await queryRunner.query(`CREATE TABLE "servers" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "groupId" varchar(36), "notes" text NOT NULL DEFAULT (''), "tokenPrefix" varchar(16) NOT NULL, "tokenHash" varchar(255) NOT NULL, "tokenRotatedAt" bigint NOT NULL, "machineId" varchar(64), "enrollmentKeyId" varchar(36), "dialect" varchar(16), "agentVersion" varchar(64), "protocolVersion" integer, "capabilities" text, "systemInfo" text, "price" double precision, "currency" varchar(8), "billingCycle" varchar(16), "expiresAt" bigint, "displayOrder" integer NOT NULL DEFAULT (0), "lastSeenAt" bigint, "rpcIdHighWater" bigint NOT NULL DEFAULT (0), "settledSeq" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "FK_c150b310d923ae3aba697330071" FOREIGN KEY ("groupId") REFERENCES "server_groups" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "servers"("id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt") SELECT "id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt" FROM "temporary_servers"`);
    await queryRunner.query(`DROP TABLE "temporary_servers"`);
    await queryRunner.query(`CREATE INDEX "IDX_c150b310d923ae3aba69733007" ON "servers" ("groupId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ba99da185a52c5814ab3f9354e" ON "servers" ("tokenPrefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0" ON "servers" ("machineId") `);
  }
}
