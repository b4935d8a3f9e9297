import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TerminalSessionsTasks1796320676635 implements MigrationInterface {
  name = 'TerminalSessionsTasks1796320676635';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scheduled_tasks" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "command" text NOT NULL, "targets" text NOT NULL, "cron" varchar(120) NOT NULL, "timeZone" varchar(64) NOT NULL, "overlapPolicy" varchar(16) NOT NULL, "missedPolicy" varchar(16) NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "disabledReason" text, "timeoutMs" integer NOT NULL, "outputCapBytes" integer NOT NULL, "maxParallel" integer NOT NULL, "stopOnFirstFailure" boolean NOT NULL DEFAULT (0), "offlineTtlSeconds" integer NOT NULL, "createdBy" varchar(36), "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "nextRunAt" bigint, "lastRunAt" bigint, "lastRunId" varchar(36), "leaseOwner" varchar(64), "leaseUntil" bigint)`);
    await queryRunner.query(`CREATE INDEX "IDX_3bb60247a4eb065fb30b727109" ON "scheduled_tasks" ("enabled", "nextRunAt") `);
    await queryRunner.query(`CREATE TABLE "terminal_sessions" ("id" varchar(64) PRIMARY KEY NOT NULL, "serverId" varchar(36) NOT NULL, "serverName" varchar(100) NOT NULL, "userId" varchar(36), "userName" varchar(100) NOT NULL, "remoteAddress" varchar(64), "userAgent" varchar(255), "hubId" varchar(64), "cols" integer NOT NULL, "rows" integer NOT NULL, "startedAt" bigint NOT NULL, "endedAt" bigint, "reason" varchar(32), "exitCode" integer, "signal" varchar(32), "bytesIn" bigint NOT NULL DEFAULT (0), "bytesOut" bigint NOT NULL DEFAULT (0), "recorded" boolean NOT NULL DEFAULT (0), "recordingBytes" bigint)`);
    await queryRunner.query(`CREATE INDEX "IDX_381dcd6ce10e85fe1368e7cf78" ON "terminal_sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "IDX_8ad5924025071af66c06fb8af0" ON "terminal_sessions" ("serverId", "startedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_facbdc1bdfdba8c7c134d193f7" ON "terminal_sessions" ("startedAt") `);
    await queryRunner.query(`DROP INDEX "IDX_051a1e5290a6526cd3e30ce7b1"`);
    await queryRunner.query(`CREATE TABLE "temporary_command_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "command" text NOT NULL, "targets" text NOT NULL, "timeoutMs" integer NOT NULL, "outputCapBytes" integer NOT NULL, "maxParallel" integer NOT NULL, "stopOnFirstFailure" boolean NOT NULL DEFAULT (0), "offlineTtlSeconds" integer NOT NULL, "state" varchar(16) NOT NULL, "createdBy" varchar(36), "createdAt" bigint NOT NULL, "endedAt" bigint, "taskId" varchar(36))`);
    await queryRunner.query(`INSERT INTO "temporary_command_runs"("id", "command", "targets", "timeoutMs", "outputCapBytes", "maxParallel", "stopOnFirstFailure", "offlineTtlSeconds", "state", "createdBy", "createdAt", "endedAt") SELECT "id", "command", "targets", "timeoutMs", "outputCapBytes", "maxParallel", "stopOnFirstFailure", "offlineTtlSeconds", "state", "createdBy", "createdAt", "endedAt" FROM "command_runs"`);
    await queryRunner.query(`DROP TABLE "command_runs"`);
    await queryRunner.query(`ALTER TABLE "temporary_command_runs" RENAME TO "command_runs"`);
    await queryRunner.query(`CREATE INDEX "IDX_051a1e5290a6526cd3e30ce7b1" ON "command_runs" ("createdAt") `);
    await queryRunner.query(`DROP INDEX "IDX_c150b310d923ae3aba69733007"`);
    await queryRunner.query(`DROP INDEX "IDX_ba99da185a52c5814ab3f9354e"`);
    await queryRunner.query(`DROP INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0"`);
    await queryRunner.query(`CREATE TABLE "temporary_servers" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "groupId" varchar(36), "notes" text NOT NULL DEFAULT (''), "tokenPrefix" varchar(16) NOT NULL, "tokenHash" varchar(255) NOT NULL, "tokenRotatedAt" bigint NOT NULL, "machineId" varchar(64), "enrollmentKeyId" varchar(36), "dialect" varchar(16), "agentVersion" varchar(64), "protocolVersion" integer, "capabilities" text, "systemInfo" text, "price" double precision, "currency" varchar(8), "billingCycle" varchar(16), "expiresAt" bigint, "displayOrder" integer NOT NULL DEFAULT (0), "lastSeenAt" bigint, "rpcIdHighWater" bigint NOT NULL DEFAULT (0), "settledSeq" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "agentMetricsInterval" integer, "agentWatchlist" text, "agentConfigAppliedAt" bigint, "simpleCommands" boolean NOT NULL DEFAULT (0), "terminalRecording" boolean, CONSTRAINT "FK_c150b310d923ae3aba697330071" FOREIGN KEY ("groupId") REFERENCES "server_groups" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_servers"("id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt", "agentMetricsInterval", "agentWatchlist", "agentConfigAppliedAt") SELECT "id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt", "agentMetricsInterval", "agentWatchlist", "agentConfigAppliedAt" FROM "servers"`);
    await queryRunner.query(`DROP TABLE "servers"`);
    await queryRunner.query(`ALTER TABLE "temporary_servers" RENAME TO "servers"`);
    await queryRunner.query(`CREATE INDEX "IDX_c150b310d923ae3aba69733007" ON "servers" ("groupId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ba99da185a52c5814ab3f9354e" ON "servers" ("tokenPrefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0" ON "servers" ("machineId") `);
    await queryRunner.query(`CREATE INDEX "IDX_3e5a233389b0422f3c90c9fc0d" ON "command_runs" ("taskId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_3e5a233389b0422f3c90c9fc0d"`);
    await queryRunner.query(`DROP INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0"`);
    await queryRunner.query(`DROP INDEX "IDX_ba99da185a52c5814ab3f9354e"`);
    await queryRunner.query(`DROP INDEX "IDX_c150b310d923ae3aba69733007"`);
    await queryRunner.query(`ALTER TABLE "servers" RENAME TO "temporary_servers"`);
    await queryRunner.query(`CREATE TABLE "servers" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "groupId" varchar(36), "notes" text NOT NULL DEFAULT (''), "tokenPrefix" varchar(16) NOT NULL, "tokenHash" varchar(255) NOT NULL, "tokenRotatedAt" bigint NOT NULL, "machineId" varchar(64), "enrollmentKeyId" varchar(36), "dialect" varchar(16), "agentVersion" varchar(64), "protocolVersion" integer, "capabilities" text, "systemInfo" text, "price" double precision, "currency" varchar(8), "billingCycle" varchar(16), "expiresAt" bigint, "displayOrder" integer NOT NULL DEFAULT (0), "lastSeenAt" bigint, "rpcIdHighWater" bigint NOT NULL DEFAULT (0), "settledSeq" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "agentMetricsInterval" integer, "agentWatchlist" text, "agentConfigAppliedAt" bigint, CONSTRAINT "FK_c150b310d923ae3aba697330071" FOREIGN KEY ("groupId") REFERENCES "server_groups" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "servers"("id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt", "agentMetricsInterval", "agentWatchlist", "agentConfigAppliedAt") SELECT "id", "name", "groupId", "notes", "tokenPrefix", "tokenHash", "tokenRotatedAt", "machineId", "enrollmentKeyId", "dialect", "agentVersion", "protocolVersion", "capabilities", "systemInfo", "price", "currency", "billingCycle", "expiresAt", "displayOrder", "lastSeenAt", "rpcIdHighWater", "settledSeq", "createdAt", "updatedAt", "agentMetricsInterval", "agentWatchlist", "agentConfigAppliedAt" FROM "temporary_servers"`);
    await queryRunner.query(`DROP TABLE "temporary_servers"`);
    await queryRunner.query(`CREATE INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0" ON "servers" ("machineId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ba99da185a52c5814ab3f9354e" ON "servers" ("tokenPrefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_c150b310d923ae3aba69733007" ON "servers" ("groupId") `);
    await queryRunner.query(`DROP INDEX "IDX_051a1e5290a6526cd3e30ce7b1"`);
    await queryRunner.query(`ALTER TABLE "command_runs" RENAME TO "temporary_command_runs"`);
    await queryRunner.query(`CREATE TABLE "command_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "command" text NOT NULL, "targets" text NOT NULL, "timeoutMs" integer NOT NULL, "outputCapBytes" integer NOT NULL, "maxParallel" integer NOT NULL, "stopOnFirstFailure" boolean NOT NULL DEFAULT (0), "offlineTtlSeconds" integer NOT NULL, "state" varchar(16) NOT NULL, "createdBy" varchar(36), "createdAt" bigint NOT NULL, "endedAt" bigint)`);
    await queryRunner.query(`INSERT INTO "command_runs"("id", "command", "targets", "timeoutMs", "outputCapBytes", "maxParallel", "stopOnFirstFailure", "offlineTtlSeconds", "state", "createdBy", "createdAt", "endedAt") SELECT "id", "command", "targets", "timeoutMs", "outputCapBytes", "maxParallel", "stopOnFirstFailure", "offlineTtlSeconds", "state", "createdBy", "createdAt", "endedAt" FROM "temporary_command_runs"`);
    await queryRunner.query(`DROP TABLE "temporary_command_runs"`);
    await queryRunner.query(`CREATE INDEX "IDX_051a1e5290a6526cd3e30ce7b1" ON "command_runs" ("createdAt") `);
    await queryRunner.query(`DROP INDEX "IDX_facbdc1bdfdba8c7c134d193f7"`);
    await queryRunner.query(`DROP INDEX "IDX_8ad5924025071af66c06fb8af0"`);
    await queryRunner.query(`DROP INDEX "IDX_381dcd6ce10e85fe1368e7cf78"`);
    await queryRunner.query(`DROP TABLE "terminal_sessions"`);
    await queryRunner.query(`DROP INDEX "IDX_3bb60247a4eb065fb30b727109"`);
    await queryRunner.query(`DROP TABLE "scheduled_tasks"`);
  }
}
