import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StatusPages1796410590927 implements MigrationInterface {
  name = 'StatusPages1796410590927';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "status_pages" ("id" character varying(36) NOT NULL, "slug" character varying(64) NOT NULL, "title" character varying(100) NOT NULL, "logoText" character varying(40) NOT NULL DEFAULT '', "description" character varying(1000) NOT NULL DEFAULT '', "published" boolean NOT NULL DEFAULT false, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_360e97c9c5ba8a8f5ca88315028" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_250dbd86b366571a497ebcea91" ON "status_pages"  ("slug") `);
    await queryRunner.query(`CREATE TABLE "status_page_groups" ("id" character varying(36) NOT NULL, "pageId" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_c6fc56eb68c2cea71fd1a45d5e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_66efb1abc0de08ce155d0df569" ON "status_page_groups"  ("pageId") `);
    await queryRunner.query(`CREATE TABLE "status_page_components" ("id" character varying(36) NOT NULL, "pageId" character varying(36) NOT NULL, "groupId" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "serverId" character varying(36), "publicName" character varying(100) NOT NULL, "showAddress" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_610fb9d661a2a7dfd1ac1e58b37" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9c0b78e3a08b5eb1e268ed583e" ON "status_page_components"  ("pageId") `);
    await queryRunner.query(`CREATE INDEX "IDX_c7d63dac3a871a5ad7d06960fb" ON "status_page_components"  ("groupId") `);
    await queryRunner.query(`CREATE INDEX "IDX_3cd036a82e8d052d5ef45e4dab" ON "status_page_components"  ("serverId") `);
    await queryRunner.query(`CREATE TABLE "incidents" ("id" character varying(36) NOT NULL, "pageId" character varying(36) NOT NULL, "title" character varying(200) NOT NULL, "status" character varying(16) NOT NULL, "impact" character varying(16) NOT NULL, "componentIds" text NOT NULL, "createdAt" bigint NOT NULL, "resolvedAt" bigint, CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_efe4cd44801538360d02b752f2" ON "incidents"  ("pageId") `);
    await queryRunner.query(`CREATE INDEX "IDX_d1310b103b5d1d60aa718ba421" ON "incidents"  ("createdAt") `);
    await queryRunner.query(`CREATE TABLE "incident_updates" ("id" character varying(36) NOT NULL, "incidentId" character varying(36) NOT NULL, "status" character varying(16) NOT NULL, "message" text NOT NULL, "at" bigint NOT NULL, "authorId" character varying(36), CONSTRAINT "PK_161dab39f96098bce901c2515c0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5db21343e70ceb0610bc302c59" ON "incident_updates"  ("incidentId") `);
    await queryRunner.query(`CREATE TABLE "maintenance_windows" ("id" character varying(36) NOT NULL, "pageId" character varying(36) NOT NULL, "title" character varying(200) NOT NULL, "message" text NOT NULL DEFAULT '', "componentIds" text NOT NULL, "startsAt" bigint NOT NULL, "endsAt" bigint NOT NULL, "createdBy" character varying(36), "createdAt" bigint NOT NULL, CONSTRAINT "PK_c939ec0e19687a7d64b5e357d28" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_2044bc06453231083792778b37" ON "maintenance_windows"  ("pageId") `);
    await queryRunner.query(`CREATE INDEX "IDX_214d9ca72f1cf1fde5f010f6b2" ON "maintenance_windows"  ("endsAt") `);
    await queryRunner.query(`CREATE TABLE "server_outages" ("id" character varying(36) NOT NULL, "serverId" character varying(36) NOT NULL, "startedAt" bigint NOT NULL, "endedAt" bigint, CONSTRAINT "PK_6baaebb842f5efd7ef820256781" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_68bdef6a4ccdc8f0afebc9d450" ON "server_outages"  ("endedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_656d89aeac98c9468a97e19a25" ON "server_outages"  ("serverId", "startedAt") `);
    await queryRunner.query(`ALTER TABLE "status_page_groups" ADD CONSTRAINT "FK_66efb1abc0de08ce155d0df5693" FOREIGN KEY ("pageId") REFERENCES "status_pages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "status_page_components" ADD CONSTRAINT "FK_c7d63dac3a871a5ad7d06960fb0" FOREIGN KEY ("groupId") REFERENCES "status_page_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incidents" ADD CONSTRAINT "FK_efe4cd44801538360d02b752f2d" FOREIGN KEY ("pageId") REFERENCES "status_pages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incident_updates" ADD CONSTRAINT "FK_5db21343e70ceb0610bc302c59c" FOREIGN KEY ("incidentId") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "maintenance_windows" ADD CONSTRAINT "FK_2044bc06453231083792778b372" FOREIGN KEY ("pageId") REFERENCES "status_pages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "maintenance_windows" DROP CONSTRAINT "FK_2044bc06453231083792778b372"`);
    await queryRunner.query(`ALTER TABLE "incident_updates" DROP CONSTRAINT "FK_5db21343e70ceb0610bc302c59c"`);
    await queryRunner.query(`ALTER TABLE "incidents" DROP CONSTRAINT "FK_efe4cd44801538360d02b752f2d"`);
    await queryRunner.query(`ALTER TABLE "status_page_components" DROP CONSTRAINT "FK_c7d63dac3a871a5ad7d06960fb0"`);
    await queryRunner.query(`ALTER TABLE "status_page_groups" DROP CONSTRAINT "FK_66efb1abc0de08ce155d0df5693"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_656d89aeac98c9468a97e19a25"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_68bdef6a4ccdc8f0afebc9d450"`);
    await queryRunner.query(`DROP TABLE "server_outages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_214d9ca72f1cf1fde5f010f6b2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2044bc06453231083792778b37"`);
    await queryRunner.query(`DROP TABLE "maintenance_windows"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5db21343e70ceb0610bc302c59"`);
    await queryRunner.query(`DROP TABLE "incident_updates"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d1310b103b5d1d60aa718ba421"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_efe4cd44801538360d02b752f2"`);
    await queryRunner.query(`DROP TABLE "incidents"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3cd036a82e8d052d5ef45e4dab"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c7d63dac3a871a5ad7d06960fb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c0b78e3a08b5eb1e268ed583e"`);
    await queryRunner.query(`DROP TABLE "status_page_components"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_66efb1abc0de08ce155d0df569"`);
    await queryRunner.query(`DROP TABLE "status_page_groups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_250dbd86b366571a497ebcea91"`);
    await queryRunner.query(`DROP TABLE "status_pages"`);
  }
}
