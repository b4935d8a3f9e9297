import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MaintenanceWindow } from '../entities/maintenance-window.entity.js';
import { StatusPageComponent } from '../entities/status-page.entity.js';
import { MaintenanceWindows } from './maintenance-windows.js';

/** Global so the alerts feature can ask {@link MaintenanceWindows} without importing the status pages. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([MaintenanceWindow, StatusPageComponent])],
  providers: [MaintenanceWindows],
  exports: [MaintenanceWindows],
})
export class MaintenanceModule {}
