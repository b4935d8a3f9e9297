import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  CommandRun as CommandRunView,
  CommandRunDetail,
  CommandTarget as CommandTargetView,
} from '@hivewatch/protocol';
import type { Repository } from 'typeorm';
import { CommandRun } from './command-run.entity.js';
import { CommandTarget } from './command-target.entity.js';
import { runView, targetView } from './command-views.js';

/** Command runs as the API shows them, read from the records (REST answers and live events). */
@Injectable()
export class CommandRunReader {
  constructor(
    @InjectRepository(CommandRun) private readonly runs: Repository<CommandRun>,
    @InjectRepository(CommandTarget) private readonly targets: Repository<CommandTarget>,
  ) {}

  async detail(id: string): Promise<CommandRunDetail | null> {
    const run = await this.runs.findOneBy({ id });
    if (!run) return null;
    const targets = await this.targets.find({ where: { runId: id }, order: { serverName: 'ASC' } });
    return {
      ...runView(
        run,
        targets.map((t) => t.state),
      ),
      results: targets.map(targetView),
    };
  }

  async run(id: string): Promise<CommandRunView | null> {
    const run = await this.runs.findOneBy({ id });
    if (!run) return null;
    const states = await this.targets.find({ select: { state: true }, where: { runId: id } });
    return runView(
      run,
      states.map((t) => t.state),
    );
  }

  async target(id: string): Promise<CommandTargetView | null> {
    const target = await this.targets.findOneBy({ id });
    return target ? targetView(target) : null;
  }
}
