import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserTokenGeneration1796235910211 implements MigrationInterface {
  name = 'UserTokenGeneration1796235910211';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "tokenGeneration" integer NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "tokenGeneration"`);
  }
}
