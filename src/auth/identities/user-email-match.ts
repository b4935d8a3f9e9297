import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from '../../users/user.entity.js';
import { UserIdentity } from './user-identity.entity.js';

/**
 * Which local user an e-mail belongs to, for linking by verified e-mail. Users have no e-mail
 * column: an e-mail is a user's when it is their username, or the (verified) e-mail of an identity
 * they already linked. Case-insensitive; two different users matching is no match (ambiguous).
 */
@Injectable()
export class UserEmailMatch {
  private readonly logger = new Logger(UserEmailMatch.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(UserIdentity) private readonly identities: Repository<UserIdentity>,
  ) {}

  async find(email: string): Promise<User | null> {
    const byName = await this.users
      .createQueryBuilder('u')
      .where('LOWER(u.username) = LOWER(:email)', { email })
      .getMany();
    const linked = await this.identities
      .createQueryBuilder('i')
      .select('DISTINCT i.userId', 'userId')
      .where('LOWER(i.email) = LOWER(:email)', { email })
      .getRawMany<{ userId: string }>();
    const ids = new Set([...byName.map((u) => u.id), ...linked.map((r) => r.userId)]);
    if (ids.size !== 1) {
      if (ids.size > 1) this.logger.warn({ users: ids.size }, 'e-mail matches several users: not linking');
      return null;
    }
    const [id] = ids;
    return byName.find((u) => u.id === id) ?? this.users.findOneBy({ id });
  }
}
