import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SsoSecondFactorStepUp1796306075705 implements MigrationInterface {
  name = 'SsoSecondFactorStepUp1796306075705';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "user_identities" ("id" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "provider" character varying(32) NOT NULL, "subject" character varying(255) NOT NULL, "email" character varying(320), "createdAt" bigint NOT NULL, "lastUsedAt" bigint, CONSTRAINT "PK_e23bff04e9c3e7b785e442b262c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_084cef3785217102f222e90ea7" ON "user_identities"  ("userId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ad3f47ebbf0a5521265b4ea2c2" ON "user_identities"  ("provider", "subject") `);
    await queryRunner.query(`CREATE TABLE "user_recovery_codes" ("id" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "codeHash" character varying(64) NOT NULL, "usedAt" bigint, "createdAt" bigint NOT NULL, CONSTRAINT "PK_411939add58ed0eceffd39973cf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_02732c7a76144d712446867358" ON "user_recovery_codes"  ("userId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a277d99cad968731e0c3d39307" ON "user_recovery_codes"  ("codeHash") `);
    await queryRunner.query(`CREATE TABLE "user_second_factors" ("userId" character varying(36) NOT NULL, "secretSealed" text NOT NULL, "confirmedAt" bigint, "lastUsedStep" integer, "createdAt" bigint NOT NULL, CONSTRAINT "PK_545cb4745c4d1535b9a9b9a4f5f" PRIMARY KEY ("userId"))`);
    await queryRunner.query(`CREATE TABLE "sign_in_challenges" ("id" character varying(36) NOT NULL, "tokenHash" character varying(64) NOT NULL, "userId" character varying(36) NOT NULL, "method" character varying(40) NOT NULL, "ip" character varying(64), "failedAttempts" integer NOT NULL DEFAULT '0', "idTokenSealed" text, "expiresAt" bigint NOT NULL, "createdAt" bigint NOT NULL, CONSTRAINT "PK_f57d5bce65af0940271d12af92d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c023ee579414de8043fcb48f8b" ON "sign_in_challenges"  ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "IDX_bb551a93ab2b6ff6e30e0e65c7" ON "sign_in_challenges"  ("userId") `);
    await queryRunner.query(`CREATE INDEX "IDX_ae8a3e749e7fbdaa2b0c3b27d3" ON "sign_in_challenges"  ("expiresAt") `);
    await queryRunner.query(`CREATE TABLE "sso_flows" ("id" character varying(36) NOT NULL, "stateHash" character varying(64) NOT NULL, "browserHash" character varying(64) NOT NULL, "provider" character varying(32) NOT NULL, "purpose" character varying(16) NOT NULL, "secretsSealed" text NOT NULL, "sessionId" character varying(36), "returnTo" character varying(512) NOT NULL, "expiresAt" bigint NOT NULL, "createdAt" bigint NOT NULL, CONSTRAINT "PK_5a401561ce7a2468892eb13fabc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_17727d3162364775ed2629abfc" ON "sso_flows"  ("stateHash") `);
    await queryRunner.query(`CREATE INDEX "IDX_b97199af1307a819acda067cfd" ON "sso_flows"  ("expiresAt") `);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "method" character varying(40) NOT NULL DEFAULT 'password'`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "steppedUpAt" bigint`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "mustEnrollSecondFactor" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "idTokenSealed" text`);
    await queryRunner.query(`ALTER TABLE "user_identities" ADD CONSTRAINT "FK_084cef3785217102f222e90ea7c" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_recovery_codes" ADD CONSTRAINT "FK_02732c7a76144d712446867358c" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_second_factors" ADD CONSTRAINT "FK_545cb4745c4d1535b9a9b9a4f5f" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sign_in_challenges" ADD CONSTRAINT "FK_bb551a93ab2b6ff6e30e0e65c70" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sign_in_challenges" DROP CONSTRAINT "FK_bb551a93ab2b6ff6e30e0e65c70"`);
    await queryRunner.query(`ALTER TABLE "user_second_factors" DROP CONSTRAINT "FK_545cb4745c4d1535b9a9b9a4f5f"`);
    await queryRunner.query(`ALTER TABLE "user_recovery_codes" DROP CONSTRAINT "FK_02732c7a76144d712446867358c"`);
    await queryRunner.query(`ALTER TABLE "user_identities" DROP CONSTRAINT "FK_084cef3785217102f222e90ea7c"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "idTokenSealed"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "mustEnrollSecondFactor"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "steppedUpAt"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "method"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b97199af1307a819acda067cfd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_17727d3162364775ed2629abfc"`);
    await queryRunner.query(`DROP TABLE "sso_flows"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ae8a3e749e7fbdaa2b0c3b27d3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb551a93ab2b6ff6e30e0e65c7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c023ee579414de8043fcb48f8b"`);
    await queryRunner.query(`DROP TABLE "sign_in_challenges"`);
    await queryRunner.query(`DROP TABLE "user_second_factors"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a277d99cad968731e0c3d39307"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_02732c7a76144d712446867358"`);
    await queryRunner.query(`DROP TABLE "user_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ad3f47ebbf0a5521265b4ea2c2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_084cef3785217102f222e90ea7"`);
    await queryRunner.query(`DROP TABLE "user_identities"`);
  }
}
