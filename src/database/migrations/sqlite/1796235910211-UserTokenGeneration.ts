import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserTokenGeneration1796235910211 implements MigrationInterface {
  name = 'UserTokenGeneration1796235910211';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "passwordHash" varchar(255), "role" varchar(16) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "lastLoginAt" bigint, "tokenGeneration" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"))`);
    await queryRunner.query(`INSERT INTO "temporary_users"("id", "username", "passwordHash", "role", "disabled", "createdAt", "updatedAt", "lastLoginAt") SELECT "id", "username", "passwordHash", "role", "disabled", "createdAt", "updatedAt", "lastLoginAt" FROM "users"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await queryRunner.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "passwordHash" varchar(255), "role" varchar(16) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "lastLoginAt" bigint, CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"))`);
    await queryRunner.query(`INSERT INTO "users"("id", "username", "passwordHash", "role", "disabled", "createdAt", "updatedAt", "lastLoginAt") SELECT "id", "username", "passwordHash", "role", "disabled", "createdAt", "updatedAt", "lastLoginAt" FROM "temporary_users"`);
    await queryRunner.query(`DROP TABLE "temporary_users"`);
  }
}
