import path from 'node:path';
import { Injectable, NotFoundException } from '@nestjs/common';
import { CLI_FILE_NAME } from '@hivewatch/protocol';
import { repositoryRoot } from '../console/console-static.js';
import { BundleFile, type BundleContent } from './bundle-file.js';

/** Where `npm run build` (libs/client/build.mjs) writes the command line, relative to the repository root. */
export const CLI_BUNDLE = path.join('dist', 'cli', CLI_FILE_NAME);

/** The `hivewatch` command line bundle this hub serves to pipelines. */
@Injectable()
export class CliBundleService {
  private readonly file = new BundleFile(path.join(repositoryRoot(), CLI_BUNDLE));

  async content(): Promise<BundleContent> {
    const content = await this.file.read();
    if (!content) {
      throw new NotFoundException(
        'The command line is not built on this hub. Run `npm run build` (or `npm start`, which builds it).',
      );
    }
    return content;
  }
}
