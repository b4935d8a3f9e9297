import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DockerContainers1796409796875 implements MigrationInterface {
  name = 'DockerContainers1796409796875';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "docker_container_minutes" ("containerKey" integer NOT NULL, "n" integer NOT NULL, "running" integer NOT NULL, "figures" integer NOT NULL, "cpu" integer, "cpuMax" integer, "mem" bigint, "memMax" bigint, "memLimit" bigint, "netRx" bigint, "netTx" bigint, "blkRead" bigint, "blkWrite" bigint, "pids" integer, "minute" integer NOT NULL, PRIMARY KEY ("containerKey", "minute")) WITHOUT ROWID`);
    await queryRunner.query(`CREATE TABLE "docker_container_hours" ("containerKey" integer NOT NULL, "n" integer NOT NULL, "running" integer NOT NULL, "figures" integer NOT NULL, "cpu" integer, "cpuMax" integer, "mem" bigint, "memMax" bigint, "memLimit" bigint, "netRx" bigint, "netTx" bigint, "blkRead" bigint, "blkWrite" bigint, "pids" integer, "hour" integer NOT NULL, PRIMARY KEY ("containerKey", "hour")) WITHOUT ROWID`);
    await queryRunner.query(`CREATE TABLE "docker_containers" ("key" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "serverId" varchar(36) NOT NULL, "containerId" varchar(64) NOT NULL, "name" varchar(256) NOT NULL, "image" varchar(512) NOT NULL, "state" varchar(16) NOT NULL, "health" varchar(16) NOT NULL, "restartCount" integer NOT NULL, "exitCode" bigint, "ports" text NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "firstSeenAt" bigint NOT NULL, "lastSeenAt" bigint NOT NULL, "removedAt" bigint)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_docker_containers_server_container" ON "docker_containers" ("serverId", "containerId") `);
    await queryRunner.query(`CREATE TABLE "docker_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "serverId" varchar(36) NOT NULL, "containerId" varchar(64) NOT NULL, "containerName" varchar(256), "image" varchar(512), "action" varchar(16) NOT NULL, "exitCode" bigint, "health" varchar(16), "at" bigint NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_docker_events_at" ON "docker_events" ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_docker_events_server_at" ON "docker_events" ("serverId", "at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_docker_events_server_at"`);
    await queryRunner.query(`DROP INDEX "IDX_docker_events_at"`);
    await queryRunner.query(`DROP TABLE "docker_events"`);
    await queryRunner.query(`DROP INDEX "IDX_docker_containers_server_container"`);
    await queryRunner.query(`DROP TABLE "docker_containers"`);
    await queryRunner.query(`DROP TABLE "docker_container_hours"`);
    await queryRunner.query(`DROP TABLE "docker_container_minutes"`);
  }
}
