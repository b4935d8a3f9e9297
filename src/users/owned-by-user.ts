import { JoinColumn, ManyToOne } from 'typeorm';
import { User } from './user.entity.js';

/**
 * The relation of a row that belongs to one user through its `userId` column: deleting the user
 * deletes the row (sessions, API keys, identities, second factors, sign-in challenges).
 */
export function OwnedByUser(): PropertyDecorator {
  return (target, key) => {
    JoinColumn({ name: 'userId' })(target, key);
    ManyToOne(() => User, { onDelete: 'CASCADE' })(target, key);
  };
}
