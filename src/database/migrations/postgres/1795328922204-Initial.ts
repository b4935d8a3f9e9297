import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795328922204 implements MigrationInterface {
  name = 'Initial1795328922204';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" character varying(36) NOT NULL, "username" character varying(64) NOT NULL, "passwordHash" character varying(255), "role" character varying(16) NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "lastLoginAt" bigint, CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "keyHash" character varying(64) NOT NULL, "scope" character varying(8) NOT NULL, "expiresAt" bigint, "lastUsedAt" bigint, "revokedAt" bigint, "createdAt" bigint NOT NULL, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6c2e267ae764a9413b863a2934" ON "api_keys"  ("userId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_df3b25181df0b4b59bd93f16e1" ON "api_keys"  ("keyHash") `);
    await queryRunner.query(`CREATE TABLE "audit_logs" ("id" SERIAL NOT NULL, "createdAt" bigint NOT NULL, "actorType" character varying(16) NOT NULL, "actorId" character varying(64), "actorName" character varying(128), "action" character varying(64) NOT NULL, "targetType" character varying(32), "targetId" character varying(64), "outcome" character varying(8) NOT NULL, "ip" character varying(64), "detail" text, CONSTRAINT "PK_1bb179d048bbc581caa3b013439" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c69efb19bf127c97e6740ad530" ON "audit_logs"  ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_2dc33f7f3c22e2e7badafca1d1" ON "audit_logs"  ("actorId") `);
    await queryRunner.query(`CREATE INDEX "IDX_cee5459245f652b75eb2759b4c" ON "audit_logs"  ("action") `);
    await queryRunner.query(`CREATE INDEX "IDX_fcfb9137823075fb3162b82f73" ON "audit_logs"  ("targetId") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" character varying(36) NOT NULL, "tokenHash" character varying(64) NOT NULL, "userId" character varying(36) NOT NULL, "ip" character varying(64), "userAgent" character varying(512), "createdAt" bigint NOT NULL, "lastSeenAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bace6c68efc156fddac9b14bda" ON "sessions"  ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "IDX_57de40bc620f456c7311aa3a1e" ON "sessions"  ("userId") `);
    await queryRunner.query(`CREATE INDEX "IDX_50762206f116cd47d1c3fec396" ON "sessions"  ("expiresAt") `);
    await queryRunner.query(`CREATE TABLE "record_dirty_hours" ("seriesId" integer NOT NULL, "hour" integer NOT NULL, CONSTRAINT "PK_0b10094269d94321ddd0679b8ca" PRIMARY KEY ("seriesId", "hour"))`);
    await queryRunner.query(`CREATE TABLE "hourly_records" ("seriesId" integer NOT NULL, "hour" integer NOT NULL, "n" integer NOT NULL, "data" text NOT NULL, CONSTRAINT "PK_c57aef1100fc99859400ff7fa39" PRIMARY KEY ("seriesId", "hour"))`);
    await queryRunner.query(`CREATE TABLE "minute_records" ("seriesId" integer NOT NULL, "minute" integer NOT NULL, "n" integer NOT NULL, "data" text NOT NULL, CONSTRAINT "PK_be60da42ecf500300c8908e36a6" PRIMARY KEY ("seriesId", "minute"))`);
    await queryRunner.query(`CREATE TABLE "record_series" ("id" SERIAL NOT NULL, "serverId" character varying(36) NOT NULL, "labels" text NOT NULL, "createdAt" bigint NOT NULL, CONSTRAINT "PK_084e35163edc5bae28787bd0939" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a650476bde1c92e9eeecef3a22" ON "record_series"  ("serverId") `);
    await queryRunner.query(`CREATE TABLE "server_groups" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "displayOrder" integer NOT NULL DEFAULT '0', "createdAt" bigint NOT NULL, CONSTRAINT "UQ_c21f614088b1956de48a67405f0" UNIQUE ("name"), CONSTRAINT "PK_ff504da13d7405852150618da57" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "enrollment_keys" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "keyHash" character varying(64) NOT NULL, "groupId" character varying(36), "tags" text, "expiresAt" bigint, "maxUses" integer, "uses" integer NOT NULL DEFAULT '0', "lastUsedAt" bigint, "revokedAt" bigint, "createdBy" character varying(36), "createdAt" bigint NOT NULL, CONSTRAINT "PK_5d95b6f290c3125687445a7620b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_93232c53b872da30fda849fba7" ON "enrollment_keys"  ("keyHash") `);
    await queryRunner.query(`CREATE TABLE "servers" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "groupId" character varying(36), "notes" text NOT NULL DEFAULT '', "tokenPrefix" character varying(16) NOT NULL, "tokenHash" character varying(255) NOT NULL, "tokenRotatedAt" bigint NOT NULL, "machineId" character varying(64), "enrollmentKeyId" character varying(36), "dialect" character varying(16), "agentVersion" character varying(64), "protocolVersion" integer, "capabilities" text, "systemInfo" text, "price" double precision, "currency" character varying(8), "billingCycle" character varying(16), "expiresAt" bigint, "displayOrder" integer NOT NULL DEFAULT '0', "lastSeenAt" bigint, "rpcIdHighWater" bigint NOT NULL DEFAULT '0', "settledSeq" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_c0947efd9f3db2dcc010164d20b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c150b310d923ae3aba69733007" ON "servers"  ("groupId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ba99da185a52c5814ab3f9354e" ON "servers"  ("tokenPrefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_d0b130ab9411e3e2aadbe5d1d0" ON "servers"  ("machineId") `);
    await queryRunner.query(`CREATE TABLE "server_tags" ("serverId" character varying(36) NOT NULL, "tag" character varying(64) NOT NULL, CONSTRAINT "PK_39d572c2834d8f0fd540933f54d" PRIMARY KEY ("serverId", "tag"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0b3929c33e6b5a4614241bfcdc" ON "server_tags"  ("tag") `);
    await queryRunner.query(`CREATE TABLE "configs" ("key" character varying(64) NOT NULL, "value" text NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_03f58fb0f3cccd983dded221bf5" PRIMARY KEY ("key"))`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_6c2e267ae764a9413b863a29342" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "enrollment_keys" ADD CONSTRAINT "FK_538a34c53be4e7cbd8fb66e3829" FOREIGN KEY ("groupId") REFERENCES "server_groups"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "servers" ADD CONSTRAINT "FK_c150b310d923ae3aba697330071" FOREIGN KEY ("groupId") REFERENCES "server_groups"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "server_tags" ADD CONSTRAINT "FK_54510f82e7c0df7c14eaa13596c" FOREIGN KEY ("serverId") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "server_tags" DROP CONSTRAINT "FK_54510f82e7c0df7c14eaa13596c"`);
    await queryRunner.query(`ALTER TABLE "servers" DROP CONSTRAINT "FK_c150b310d923ae3aba697330071"`);
    await queryRunner.query(`ALTER TABLE "enrollment_keys" DROP CONSTRAINT "FK_538a34c53be4e7cbd8fb66e3829"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_6c2e267ae764a9413b863a29342"`);
    await queryRunner.query(`DROP TABLE "configs"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b3929c33e6b5a4614241bfcdc"`);
    await queryRunner.query(`DROP TABLE "server_tags"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d0b130ab9411e3e2aadbe5d1d0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ba99da185a52c5814ab3f9354e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c150b310d923ae3aba69733007"`);
    await queryRunner.query(`DROP TABLE "servers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93232c53b872da30fda849fba7"`);
    await queryRunner.query(`DROP TABLE "enrollment_keys"`);
    await queryRunner.query(`DROP TABLE "server_groups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a650476bde1c92e9eeecef3a22"`);
    await queryRunner.query(`DROP TABLE "record_series"`);
    await queryRunner.query(`DROP TABLE "minute_records"`);
    await queryRunner.query(`DROP TABLE "hourly_records"`);
    await queryRunner.query(`DROP TABLE "record_dirty_hours"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_50762206f116cd47d1c3fec396"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_57de40bc620f456c7311aa3a1e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bace6c68efc156fddac9b14bda"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fcfb9137823075fb3162b82f73"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cee5459245f652b75eb2759b4c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2dc33f7f3c22e2e7badafca1d1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c69efb19bf127c97e6740ad530"`);
    await queryRunner.query(`DROP TABLE "audit_logs"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_df3b25181df0b4b59bd93f16e1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6c2e267ae764a9413b863a2934"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
