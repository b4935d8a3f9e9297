import { Injectable } from '@nestjs/common';
import { RESET_PASSWORD_COMMAND } from './initial-credentials-file.js';

/**
 * Prints the generated first-admin password once, straight to stdout and never through the
 * logger: this is the only place a secret may be printed. The reminder printed once the hub
 * listens names only the file that holds it.
 */
@Injectable()
export class InitialCredentialsBanner {
  print(username: string, password: string, file: string): void {
    this.write([
      '  Hivewatch: first start, an admin account was created.',
      `    username: ${username}`,
      `    password: ${password}`,
      '  This password is shown only once. Sign in and change it.',
      `  Until the first sign-in it is also kept in ${file} (readable by this user only).`,
      ...resetHint(username),
    ]);
  }

  /** Printed after start-up while the first admin has not signed in yet: no secret, only where it is. */
  remind(username: string, file: string): void {
    this.write([
      `  Hivewatch: "${username}" has not signed in yet. Its generated password is in`,
      `    ${file}`,
      '  (readable by this user only; deleted at the first sign-in).',
      ...resetHint(username),
    ]);
  }

  private write(body: string[]): void {
    const rule = '='.repeat(72);
    process.stdout.write(['', rule, ...body, rule, ''].join('\n') + '\n');
  }
}

function resetHint(username: string): string[] {
  return [
    '  Lost it? On this host, in the hub folder, with the hub settings, run:',
    `    ${RESET_PASSWORD_COMMAND} ${username}`,
  ];
}
