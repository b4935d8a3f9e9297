import type { MigrationInterface, QueryRunner } from 'typeorm';

// Container alert conditions: one alert episode per (rule, server, container); null for a server's alert.
export class AlertContainerSubject1796409713142 implements MigrationInterface {
  name = 'AlertContainerSubject1796409713142';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alert_states" ADD COLUMN "container" varchar(128)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alert_states" DROP COLUMN "container"`);
  }
}
