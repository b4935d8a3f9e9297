import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DockerContainers1796409796875 implements MigrationInterface {
  name = 'DockerContainers1796409796875';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "docker_container_minutes" ("containerKey" integer NOT NULL, "n" integer NOT NULL, "running" integer NOT NULL, "figures" integer NOT NULL, "cpu" integer, "cpuMax" integer, "mem" bigint, "memMax" bigint, "memLimit" bigint, "netRx" bigint, "netTx" bigint, "blkRead" bigint, "blkWrite" bigint, "pids" integer, "minute" integer NOT NULL, CONSTRAINT "PK_55db53cada77bf08d0f53ef0906" PRIMARY KEY ("containerKey", "minute"))`);
    await queryRunner.query(`CREATE TABLE "docker_container_hours" ("containerKey" integer NOT NULL, "n" integer NOT NULL, "running" integer NOT NULL, "figures" integer NOT NULL, "cpu" integer, "cpuMax" integer, "mem" bigint, "memMax" bigint, "memLimit" bigint, "netRx" bigint, "netTx" bigint, "blkRead" bigint, "blkWrite" bigint, "pids" integer, "hour" integer NOT NULL, CONSTRAINT "PK_424ccc7aca58265518eb15384dc" PRIMARY KEY ("containerKey", "hour"))`);
    await queryRunner.query(`CREATE TABLE "docker_containers" ("key" SERIAL NOT NULL, "serverId" character varying(36) NOT NULL, "containerId" character varying(64) NOT NULL, "name" character varying(256) NOT NULL, "image" character varying(512) NOT NULL, "state" character varying(16) NOT NULL, "health" character varying(16) NOT NULL, "restartCount" integer NOT NULL, "exitCode" bigint, "ports" text NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "firstSeenAt" bigint NOT NULL, "lastSeenAt" bigint NOT NULL, "removedAt" bigint, CONSTRAINT "PK_d29cf6ca84d6e5aeff9f5e2dbe0" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_docker_containers_server_container" ON "docker_containers"  ("serverId", "containerId") `);
    await queryRunner.query(`CREATE TABLE "docker_events" ("id" SERIAL NOT NULL, "serverId" character varying(36) NOT NULL, "containerId" character varying(64) NOT NULL, "containerName" character varying(256), "image" character varying(512), "action" character varying(16) NOT NULL, "exitCode" bigint, "health" character varying(16), "at" bigint NOT NULL, CONSTRAINT "PK_d1def6c01bbd45267b1a684487e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_docker_events_at" ON "docker_events"  ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_docker_events_server_at" ON "docker_events"  ("serverId", "at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_docker_events_server_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_docker_events_at"`);
    await queryRunner.query(`DROP TABLE "docker_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_docker_containers_server_container"`);
    await queryRunner.query(`DROP TABLE "docker_containers"`);
    await queryRunner.query(`DROP TABLE "docker_container_hours"`);
    await queryRunner.query(`DROP TABLE "docker_container_minutes"`);
  }
}
