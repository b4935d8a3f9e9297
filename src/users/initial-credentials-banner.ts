import { Injectable } from '@nestjs/common';

/**
 * Prints the generated first-admin password once, straight to stdout and never through the
 * logger: this is the only place a secret may be printed.
 */
@Injectable()
export class InitialCredentialsBanner {
  print(username: string, password: string): void {
    const lines = [
      '',
      '='.repeat(72),
      '  Hivewatch: first start, an admin account was created.',
      `    username: ${username}`,
      `    password: ${password}`,
      '  This password is shown only once. Sign in and change it.',
      '='.repeat(72),
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
}
