import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentConfigApplied1796012881031 implements MigrationInterface {
  name = 'AgentConfigApplied1796012881031';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "servers" ADD "agentMetricsInterval" integer`);
    await queryRunner.query(`ALTER TABLE "servers" ADD "agentWatchlist" text`);
    await queryRunner.query(`ALTER TABLE "servers" ADD "agentConfigAppliedAt" bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "servers" DROP COLUMN "agentConfigAppliedAt"`);
    await queryRunner.query(`ALTER TABLE "servers" DROP COLUMN "agentWatchlist"`);
    await queryRunner.query(`ALTER TABLE "servers" DROP COLUMN "agentMetricsInterval"`);
  }
}
