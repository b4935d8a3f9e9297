import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommandRuns1796311222954 implements MigrationInterface {
  name = 'CommandRuns1796311222954';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "command_runs" ("id" character varying(36) NOT NULL, "command" text NOT NULL, "targets" text NOT NULL, "timeoutMs" integer NOT NULL, "outputCapBytes" integer NOT NULL, "maxParallel" integer NOT NULL, "stopOnFirstFailure" boolean NOT NULL DEFAULT false, "offlineTtlSeconds" integer NOT NULL, "state" character varying(16) NOT NULL, "createdBy" character varying(36), "createdAt" bigint NOT NULL, "endedAt" bigint, CONSTRAINT "PK_b7e94597a3f02016a167e2cdd2f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_051a1e5290a6526cd3e30ce7b1" ON "command_runs"  ("createdAt") `);
    await queryRunner.query(`CREATE TABLE "command_targets" ("id" character varying(36) NOT NULL, "runId" character varying(36) NOT NULL, "serverId" character varying(36) NOT NULL, "serverName" character varying(100) NOT NULL, "state" character varying(16) NOT NULL, "requestId" bigint, "exitCode" integer, "signal" character varying(32), "stdout" text, "stderr" text, "error" character varying(500), "queuedAt" bigint NOT NULL, "expiresAt" bigint, "sentAt" bigint, "startedAt" bigint, "endedAt" bigint, CONSTRAINT "PK_03a8ee5abdb4ab1355724bd6b8d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1063145cd6c08de3473aa0ca0c" ON "command_targets"  ("runId") `);
    await queryRunner.query(`CREATE INDEX "IDX_f94a088d77e69c3a5d71719ee4" ON "command_targets"  ("serverId", "state") `);
    await queryRunner.query(`ALTER TABLE "command_targets" ADD CONSTRAINT "FK_1063145cd6c08de3473aa0ca0cd" FOREIGN KEY ("runId") REFERENCES "command_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "command_targets" DROP CONSTRAINT "FK_1063145cd6c08de3473aa0ca0cd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f94a088d77e69c3a5d71719ee4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1063145cd6c08de3473aa0ca0c"`);
    await queryRunner.query(`DROP TABLE "command_targets"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_051a1e5290a6526cd3e30ce7b1"`);
    await queryRunner.query(`DROP TABLE "command_runs"`);
  }
}
